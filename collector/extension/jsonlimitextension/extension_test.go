package jsonlimitextension

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func nested(depth int) string {
	return strings.Repeat(`{"a":[`, depth/2) + `"x"` + strings.Repeat(`]}`, depth/2)
}

func TestDepthOver(t *testing.T) {
	assert.False(t, depthOver([]byte(nested(128)), 128))
	assert.True(t, depthOver([]byte(nested(130)), 128))
	// Brackets inside strings, escaped quotes included, are text.
	assert.False(t, depthOver([]byte(`{"k":"[[[[{{{{\"[[[["}`), 2))
	assert.True(t, depthOver([]byte(`{"k":"\\",[[[]]]}`), 3))
}

func serve(t *testing.T, contentType, body string) *httptest.ResponseRecorder {
	wrap, err := (&jsonLimit{maxDepth: 8}).GetHTTPHandler(context.Background())
	require.NoError(t, err)
	handler, err := wrap(context.Background(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := make([]byte, len(body)+1)
		n, _ := r.Body.Read(buf)
		assert.Equal(t, body, string(buf[:n]), "the body reaches the receiver whole")
		w.WriteHeader(http.StatusOK)
	}))
	require.NoError(t, err)
	recorder := httptest.NewRecorder()
	request := httptest.NewRequest(http.MethodPost, "/v1/logs", strings.NewReader(body))
	request.Header.Set("Content-Type", contentType)
	handler.ServeHTTP(recorder, request)
	return recorder
}

func TestMiddleware(t *testing.T) {
	assert.Equal(t, http.StatusOK, serve(t, "application/json", nested(8)).Code)
	refused := serve(t, "application/json; charset=utf-8", nested(10))
	assert.Equal(t, http.StatusBadRequest, refused.Code)
	assert.JSONEq(t, `{"code":3,"message":"JSON nested more than 8 levels deep"}`, refused.Body.String())
	// Protobuf is not JSON: passed through untouched.
	assert.Equal(t, http.StatusOK, serve(t, "application/x-protobuf", nested(10)).Code)
}
