package limitsprocessor

import (
	"context"
	"sync"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// The processor's own metrics, on the collector's telemetry endpoint (8888), e.g.
// otelcol_processor_limits_overflow_points{service_name,metric_name} (plus _total where the endpoint
// adds suffixes; v0.161.0's does not).
const (
	overflowPointsMetric = "otelcol_processor_limits_overflow_points"
	droppedEventsMetric  = "otelcol_processor_limits_dropped_span_events"
	droppedLinksMetric   = "otelcol_processor_limits_dropped_span_links"
	trackedSeriesMetric  = "otelcol_processor_limits_tracked_series"
)

// maxLabelSets bounds the label values these metrics report: a client sending a new service.name or
// metric name per request must not make the gateway's own metrics a cardinality bomb. Past it, the
// counts go on under service_name="_other", metric_name="_other".
const maxLabelSets = 1000

const otherLabel = "_other"

type labelKey struct{ service, metric string }

type telemetry struct {
	overflowPoints metric.Int64Counter
	droppedEvents  metric.Int64Counter
	droppedLinks   metric.Int64Counter
	meter          metric.Meter

	mu   sync.Mutex
	sets map[labelKey]metric.MeasurementOption
}

func newTelemetry(set component.TelemetrySettings) (*telemetry, error) {
	meter := set.MeterProvider.Meter("github.com/otel-gateway/otel-gateway/collector/processor/limitsprocessor")
	t := &telemetry{meter: meter, sets: map[labelKey]metric.MeasurementOption{}}
	var err error
	if t.overflowPoints, err = meter.Int64Counter(overflowPointsMetric, metric.WithUnit("{point}"),
		metric.WithDescription("Metric points of series past the limits, folded into the metric's overflow series (or dropped)")); err != nil {
		return nil, err
	}
	if t.droppedEvents, err = meter.Int64Counter(droppedEventsMetric, metric.WithUnit("{event}"),
		metric.WithDescription("Span events dropped past max_events_per_span")); err != nil {
		return nil, err
	}
	if t.droppedLinks, err = meter.Int64Counter(droppedLinksMetric, metric.WithUnit("{link}"),
		metric.WithDescription("Span links dropped past max_links_per_span")); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *telemetry) observeSeries(count func() int64) error {
	_, err := t.meter.Int64ObservableGauge(trackedSeriesMetric, metric.WithUnit("{series}"),
		metric.WithDescription("Metric series the limits processor tracks, all services together"),
		metric.WithInt64Callback(func(_ context.Context, o metric.Int64Observer) error {
			o.Observe(count())
			return nil
		}))
	return err
}

// labels returns the attribute set for a service and metric (metric "" for span counts), or the
// _other set once maxLabelSets distinct ones have been reported.
func (t *telemetry) labels(service, metricName string) metric.MeasurementOption {
	key := labelKey{service, metricName}
	t.mu.Lock()
	defer t.mu.Unlock()
	if set, ok := t.sets[key]; ok {
		return set
	}
	if len(t.sets) >= maxLabelSets {
		key = labelKey{otherLabel, otherLabel}
		if metricName == "" {
			key.metric = ""
		}
		if set, ok := t.sets[key]; ok {
			return set
		}
	}
	attrs := []attribute.KeyValue{attribute.String("service_name", key.service)}
	if key.metric != "" {
		attrs = append(attrs, attribute.String("metric_name", key.metric))
	}
	set := metric.WithAttributeSet(attribute.NewSet(attrs...))
	t.sets[key] = set
	return set
}
