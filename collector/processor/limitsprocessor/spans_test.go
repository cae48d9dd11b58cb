package limitsprocessor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/processor/processortest"
)

func TestSpansKeepTheirFirstEventsAndLinksAndCountTheRest(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Traces = TracesConfig{MaxEventsPerSpan: 2, MaxLinksPerSpan: 1}
	sink := new(consumertest.TracesSink)
	proc, err := NewFactory().CreateTraces(context.Background(), processortest.NewNopSettings(componentType), cfg, sink)
	require.NoError(t, err)

	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	rs.Resource().Attributes().PutStr("service.name", "chatty")
	span := rs.ScopeSpans().AppendEmpty().Spans().AppendEmpty()
	span.SetDroppedEventsCount(5) // the client's SDK dropped some already
	for _, name := range []string{"first", "second", "third", "fourth"} {
		span.Events().AppendEmpty().SetName(name)
	}
	span.Links().AppendEmpty()
	span.Links().AppendEmpty()
	require.NoError(t, proc.ConsumeTraces(context.Background(), td))

	got := sink.AllTraces()[0].ResourceSpans().At(0).ScopeSpans().At(0).Spans().At(0)
	require.Equal(t, 2, got.Events().Len())
	require.Equal(t, "second", got.Events().At(1).Name())
	require.Equal(t, uint32(7), got.DroppedEventsCount())
	require.Equal(t, 1, got.Links().Len())
	require.Equal(t, uint32(1), got.DroppedLinksCount())
}
