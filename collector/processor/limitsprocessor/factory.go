// Package limitsprocessor bounds what one client service can make the gateway hold: metric series
// per service and per metric (past the cap, points fold into one overflow series per metric, as the
// OTel SDK's cardinality limit does) and span events and links per span. README.md says why no
// upstream component does this.
package limitsprocessor

import (
	"context"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processorhelper"
)

var componentType = component.MustNewType("limits")

func NewFactory() processor.Factory {
	return processor.NewFactory(componentType, createDefaultConfig,
		processor.WithMetrics(createMetrics, component.StabilityLevelBeta),
		processor.WithTraces(createTraces, component.StabilityLevelBeta))
}

// The defaults: 2000 series per metric is the OTel SDK's own cardinality limit, 128 events and links
// per span its span limits. 100 services × 10000 series bound the series set to 1M keys (~60 MiB).
func createDefaultConfig() component.Config {
	return &Config{
		Metrics: MetricsConfig{MaxSeriesPerMetric: 2000, MaxSeriesPerService: 10000, MaxServices: 100, SeriesIdleTimeout: 10 * time.Minute},
		Traces:  TracesConfig{MaxEventsPerSpan: 128, MaxLinksPerSpan: 128},
	}
}

// Points are rewritten in place (folded, removed), so the processor declares that it mutates data.
var mutates = processorhelper.WithCapabilities(consumer.Capabilities{MutatesData: true})

func createMetrics(ctx context.Context, set processor.Settings, cfg component.Config, next consumer.Metrics) (processor.Metrics, error) {
	tel, err := newTelemetry(set.TelemetrySettings)
	if err != nil {
		return nil, err
	}
	limiter := newSeriesLimiter(cfg.(*Config).Metrics, tel, time.Now)
	if err := tel.observeSeries(limiter.trackedSeries); err != nil {
		return nil, err
	}
	return processorhelper.NewMetrics(ctx, set, cfg, next, limiter.processMetrics, mutates)
}

func createTraces(ctx context.Context, set processor.Settings, cfg component.Config, next consumer.Traces) (processor.Traces, error) {
	tel, err := newTelemetry(set.TelemetrySettings)
	if err != nil {
		return nil, err
	}
	limiter := &spanLimiter{cfg: cfg.(*Config).Traces, tel: tel}
	return processorhelper.NewTraces(ctx, set, cfg, next, limiter.processTraces, mutates)
}
