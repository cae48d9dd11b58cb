package limitsprocessor

import (
	"errors"
	"time"
)

// Config bounds what one service can make the gateway hold. Every field has a default (factory.go);
// the gateway config sets each from an env variable.
type Config struct {
	Metrics MetricsConfig `mapstructure:"metrics"`
	Traces  TracesConfig  `mapstructure:"traces"`
}

// MetricsConfig: series are counted per service (resource attribute service.name).
type MetricsConfig struct {
	// New series of one metric past this many are folded into its overflow series.
	MaxSeriesPerMetric int `mapstructure:"max_series_per_metric"`
	// New series of any metric past this many in one service are folded (or, for a metric the
	// service has no series of yet, dropped: its overflow series would itself be a new series).
	MaxSeriesPerService int `mapstructure:"max_series_per_service"`
	// Services tracked one by one; the services beyond share one budget of MaxSeriesPerService.
	MaxServices int `mapstructure:"max_services"`
	// A series not seen for this long is forgotten, so a restarted service's old series age out.
	SeriesIdleTimeout time.Duration `mapstructure:"series_idle_timeout"`
}

// TracesConfig: what one span may carry; past it the newest are dropped, as the SDKs' span limits do.
type TracesConfig struct {
	MaxEventsPerSpan int `mapstructure:"max_events_per_span"`
	MaxLinksPerSpan  int `mapstructure:"max_links_per_span"`
}

func (c *Config) Validate() error {
	var errs []error
	if c.Metrics.MaxSeriesPerMetric < 1 || c.Metrics.MaxSeriesPerService < 1 || c.Metrics.MaxServices < 1 {
		errs = append(errs, errors.New("metrics: max_series_per_metric, max_series_per_service and max_services must be at least 1"))
	}
	if c.Metrics.SeriesIdleTimeout < time.Second {
		errs = append(errs, errors.New("metrics: series_idle_timeout must be at least 1s"))
	}
	if c.Traces.MaxEventsPerSpan < 0 || c.Traces.MaxLinksPerSpan < 0 {
		errs = append(errs, errors.New("traces: max_events_per_span and max_links_per_span must not be negative"))
	}
	return errors.Join(errs...)
}
