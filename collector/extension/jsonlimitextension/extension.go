// Package jsonlimitextension refuses OTLP/JSON bodies nested deeper than a limit, before the receiver
// decodes them. The decoder recurses once per level, and a few MiB of `{"kvlistValue":{"values":[…`
// 100,000 levels deep took the collector past its memory limit, so that every other client was refused
// while it was decoded. A real OTLP body is about 10 levels deep plus 4 per nested map. An HTTP server
// middleware (confighttp `middlewares:`), run after decompression and the request size limit.
package jsonlimitextension

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/extension"
	"go.opentelemetry.io/collector/extension/extensionmiddleware"
)

var componentType = component.MustNewType("json_limit")

// Config: MaxDepth counts objects and arrays, each `{` or `[` one level.
type Config struct {
	MaxDepth int `mapstructure:"max_depth"`
}

func (c *Config) Validate() error {
	if c.MaxDepth < 1 {
		return errors.New("max_depth must be at least 1")
	}
	return nil
}

func NewFactory() extension.Factory {
	return extension.NewFactory(componentType, func() component.Config { return &Config{MaxDepth: 128} }, create, component.StabilityLevelBeta)
}

func create(_ context.Context, _ extension.Settings, cfg component.Config) (extension.Extension, error) {
	return &jsonLimit{maxDepth: cfg.(*Config).MaxDepth}, nil
}

type jsonLimit struct {
	component.StartFunc
	component.ShutdownFunc
	maxDepth int
}

var _ extensionmiddleware.HTTPServer = (*jsonLimit)(nil)

func (j *jsonLimit) GetHTTPHandler(context.Context) (extensionmiddleware.WrapHTTPHandlerFunc, error) {
	return func(_ context.Context, next http.Handler) (http.Handler, error) {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType != "application/json" {
				next.ServeHTTP(w, r)
				return
			}
			body, err := io.ReadAll(r.Body)
			if err != nil {
				var tooLarge *http.MaxBytesError
				if errors.As(err, &tooLarge) {
					refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", tooLarge.Limit))
				} else {
					refuse(w, http.StatusBadRequest, "failed to read the request body")
				}
				return
			}
			if depthOver(body, j.maxDepth) {
				refuse(w, http.StatusBadRequest, fmt.Sprintf("JSON nested more than %d levels deep", j.maxDepth))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r)
		}), nil
	}, nil
}

// refuse answers as the OTLP receiver does: a google.rpc.Status in JSON (code 3, INVALID_ARGUMENT).
func refuse(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, `{"code":3,"message":%q}`, message)
}

// depthOver scans once, in constant memory: brackets inside strings (escapes included) do not count.
func depthOver(body []byte, maxDepth int) bool {
	depth, inString, escaped := 0, false, false
	for _, c := range body {
		switch {
		case inString:
			if escaped {
				escaped = false
			} else if c == '\\' {
				escaped = true
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > maxDepth {
				return true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return false
}
