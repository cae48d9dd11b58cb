package limitsprocessor

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// counter builds one export of a cumulative int counter: one point per user id, value 1 each.
func counter(service, name string, users ...int) pmetric.Metrics {
	md := pmetric.NewMetrics()
	rm := md.ResourceMetrics().AppendEmpty()
	rm.Resource().Attributes().PutStr("service.name", service)
	m := rm.ScopeMetrics().AppendEmpty().Metrics().AppendEmpty()
	m.SetName(name)
	sum := m.SetEmptySum()
	sum.SetAggregationTemporality(pmetric.AggregationTemporalityCumulative)
	sum.SetIsMonotonic(true)
	for _, user := range users {
		p := sum.DataPoints().AppendEmpty()
		p.Attributes().PutStr("user.id", fmt.Sprint(user))
		p.SetIntValue(1)
	}
	return md
}

func series(from, to int) []int {
	ids := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		ids = append(ids, i)
	}
	return ids
}

type harness struct {
	proc   processor.Metrics
	sink   *consumertest.MetricsSink
	reader *sdkmetric.ManualReader
}

func newHarness(t *testing.T, cfg MetricsConfig) *harness {
	reader := sdkmetric.NewManualReader()
	set := processortest.NewNopSettings(componentType)
	set.MeterProvider = sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	config := createDefaultConfig().(*Config)
	config.Metrics = cfg
	require.NoError(t, config.Validate())
	sink := new(consumertest.MetricsSink)
	proc, err := NewFactory().CreateMetrics(context.Background(), set, config, sink)
	require.NoError(t, err)
	return &harness{proc: proc, sink: sink, reader: reader}
}

func (h *harness) send(t *testing.T, md pmetric.Metrics) pmetric.Metrics {
	h.sink.Reset()
	require.NoError(t, h.proc.ConsumeMetrics(context.Background(), md))
	all := h.sink.AllMetrics()
	require.Len(t, all, 1)
	return all[0]
}

// points returns each point's user.id ("overflow" for the overflow point) and value, of the first metric.
func points(md pmetric.Metrics) map[string]int64 {
	out := map[string]int64{}
	if md.ResourceMetrics().Len() == 0 || md.ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().Len() == 0 {
		return out
	}
	dps := md.ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().At(0).Sum().DataPoints()
	for i := 0; i < dps.Len(); i++ {
		key := "overflow"
		if v, ok := dps.At(i).Attributes().Get("user.id"); ok {
			key = v.Str()
		} else if !isOverflow(dps.At(i).Attributes()) {
			key = "?"
		}
		out[key] += dps.At(i).IntValue()
	}
	return out
}

// overflowCounts reads otelcol_processor_limits_overflow_points by service_name/metric_name.
func (h *harness) overflowCounts(t *testing.T) map[string]int64 {
	var rm metricdata.ResourceMetrics
	require.NoError(t, h.reader.Collect(context.Background(), &rm))
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != overflowPointsMetric {
				continue
			}
			for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
				service, _ := dp.Attributes.Value("service_name")
				name, _ := dp.Attributes.Value("metric_name")
				out[service.AsString()+"/"+name.AsString()] = dp.Value
			}
		}
	}
	return out
}

var small = MetricsConfig{MaxSeriesPerMetric: 3, MaxSeriesPerService: 5, MaxServices: 10, SeriesIdleTimeout: time.Minute}

func TestSeriesPastTheMetricCapFoldIntoOneOverflowSeries(t *testing.T) {
	h := newHarness(t, small)
	got := points(h.send(t, counter("bomb", "clicks", series(0, 10)...)))
	require.Equal(t, map[string]int64{"0": 1, "1": 1, "2": 1, "overflow": 7}, got)
	require.Equal(t, map[string]int64{"bomb/clicks": 7}, h.overflowCounts(t))

	// The admitted series keep flowing; new ones still fold.
	got = points(h.send(t, counter("bomb", "clicks", 1, 2, 50, 51)))
	require.Equal(t, map[string]int64{"1": 1, "2": 1, "overflow": 2}, got)
	require.Equal(t, map[string]int64{"bomb/clicks": 9}, h.overflowCounts(t))
}

func TestTheOverflowAttributeIsTheSDKs(t *testing.T) {
	h := newHarness(t, small)
	md := h.send(t, counter("bomb", "clicks", series(0, 4)...))
	dps := md.ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().At(0).Sum().DataPoints()
	last := dps.At(dps.Len() - 1).Attributes()
	require.Equal(t, 1, last.Len())
	v, ok := last.Get(overflowKey)
	require.True(t, ok)
	require.True(t, v.Bool())
}

func TestAClientsOwnOverflowSeriesMergesAndIsNotCounted(t *testing.T) {
	h := newHarness(t, small)
	md := counter("sdk", "clicks", series(0, 4)...)
	p := md.ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().At(0).Sum().DataPoints().AppendEmpty()
	p.Attributes().PutBool(overflowKey, true)
	p.SetIntValue(40)
	require.Equal(t, map[string]int64{"0": 1, "1": 1, "2": 1, "overflow": 41}, points(h.send(t, md)))
	require.Equal(t, map[string]int64{"sdk/clicks": 1}, h.overflowCounts(t))
}

func TestOtherServicesAreUnaffected(t *testing.T) {
	h := newHarness(t, small)
	h.send(t, counter("bomb", "clicks", series(0, 1000)...))
	got := points(h.send(t, counter("canary", "clicks", 1, 2, 3)))
	require.Equal(t, map[string]int64{"1": 1, "2": 1, "3": 1}, got)
}

func TestPastTheServiceCapKnownMetricsFoldAndNewMetricsDrop(t *testing.T) {
	h := newHarness(t, small)
	h.send(t, counter("bomb", "a", 1, 2, 3)) // 3 series: a is full
	h.send(t, counter("bomb", "b", 1, 2))    // 5: the service is full
	require.Equal(t, map[string]int64{"overflow": 1}, points(h.send(t, counter("bomb", "b", 3))))
	// A new metric's overflow series would be a new series too: its points are dropped, and counted.
	h.sink.Reset()
	require.NoError(t, h.proc.ConsumeMetrics(context.Background(), counter("bomb", "c", 1, 2)))
	require.Zero(t, h.sink.DataPointCount())
	require.Equal(t, map[string]int64{"bomb/b": 1, "bomb/c": 2}, h.overflowCounts(t))
}

func TestServicesBeyondMaxServicesShareOneBudget(t *testing.T) {
	cfg := small
	cfg.MaxServices = 2
	l := newSeriesLimiter(cfg, mustTelemetry(t), time.Now)
	for i := 0; i < 50; i++ {
		l.limit(counter(fmt.Sprint("svc-", i), "clicks", 1, 2, 3))
	}
	require.Len(t, l.services, 2)
	// 2 services × 3 series, and the 48 others together within one service's cap (5).
	require.Equal(t, int64(2*3+3), l.trackedSeries())
}

func TestIdleSeriesAgeOut(t *testing.T) {
	clock := time.Unix(1_000_000, 0)
	now := func() time.Time { return clock }
	l := newSeriesLimiter(small, mustTelemetry(t), now)
	l.limit(counter("restarted", "clicks", series(0, 10)...))
	require.Equal(t, int64(3), l.trackedSeries())

	// The service restarts with new series (a new instance id): they fold until the old ones expire.
	clock = clock.Add(30 * time.Second)
	require.Equal(t, map[string]int64{"overflow": 3}, points(firstCopy(l, counter("restarted", "clicks", 100, 101, 102))))
	clock = clock.Add(45 * time.Second)
	require.Equal(t, map[string]int64{"100": 1, "101": 1, "102": 1}, points(firstCopy(l, counter("restarted", "clicks", 100, 101, 102))))
	require.Equal(t, int64(3), l.trackedSeries())
	require.Len(t, l.services["restarted"].metrics, 1)
}

func TestMemoryStaysWithinTheCapsUnderA200kSeriesBomb(t *testing.T) {
	cfg := MetricsConfig{MaxSeriesPerMetric: 2000, MaxSeriesPerService: 10000, MaxServices: 100, SeriesIdleTimeout: time.Minute}
	h := newHarness(t, cfg)
	for request := 0; request < 40; request++ {
		got := points(h.send(t, counter("bomb", "clicks", series(request*5000, (request+1)*5000)...)))
		require.LessOrEqual(t, len(got), 2000+1)
	}
	require.Equal(t, map[string]int64{"bomb/clicks": 198000}, h.overflowCounts(t))
}

func TestReportedLabelSetsAreCapped(t *testing.T) {
	tel := mustTelemetry(t)
	for i := 0; i < maxLabelSets+500; i++ {
		tel.labels("svc", fmt.Sprint("metric-", i))
	}
	require.Len(t, tel.sets, maxLabelSets+1)
	require.Contains(t, tel.sets, labelKey{otherLabel, otherLabel})
}

func firstCopy(l *seriesLimiter, md pmetric.Metrics) pmetric.Metrics {
	l.limit(md)
	return md
}

func mustTelemetry(t *testing.T) *telemetry {
	tel, err := newTelemetry(processortest.NewNopSettings(componentType).TelemetrySettings)
	require.NoError(t, err)
	return tel
}
