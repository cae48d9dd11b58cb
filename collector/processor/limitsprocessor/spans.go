package limitsprocessor

import (
	"context"

	"go.opentelemetry.io/collector/pdata/ptrace"
)

// spanLimiter keeps the first MaxEventsPerSpan events and MaxLinksPerSpan links of a span, as the
// SDKs' span limits do, and adds what it drops to the span's dropped counts. OTTL cannot do this:
// it can neither remove part of a span's event or link list nor count what it removed.
type spanLimiter struct {
	cfg TracesConfig
	tel *telemetry
}

func (l *spanLimiter) processTraces(ctx context.Context, td ptrace.Traces) (ptrace.Traces, error) {
	rss := td.ResourceSpans()
	for i := 0; i < rss.Len(); i++ {
		rs := rss.At(i)
		var events, links int
		sss := rs.ScopeSpans()
		for j := 0; j < sss.Len(); j++ {
			spans := sss.At(j).Spans()
			for k := 0; k < spans.Len(); k++ {
				span := spans.At(k)
				if n := keepFirst(span.Events(), l.cfg.MaxEventsPerSpan); n > 0 {
					span.SetDroppedEventsCount(span.DroppedEventsCount() + uint32(n))
					events += n
				}
				if n := keepFirst(span.Links(), l.cfg.MaxLinksPerSpan); n > 0 {
					span.SetDroppedLinksCount(span.DroppedLinksCount() + uint32(n))
					links += n
				}
			}
		}
		if events+links == 0 {
			continue
		}
		service := unknownService
		if v, ok := rs.Resource().Attributes().Get("service.name"); ok && v.Str() != "" {
			service = v.Str()
		}
		labels := l.tel.labels(service, "")
		if events > 0 {
			l.tel.droppedEvents.Add(ctx, int64(events), labels)
		}
		if links > 0 {
			l.tel.droppedLinks.Add(ctx, int64(links), labels)
		}
	}
	return td, nil
}

// keepFirst removes the elements past the first max and returns how many it removed.
func keepFirst[E any](list interface {
	Len() int
	RemoveIf(func(E) bool)
}, max int,
) int {
	n := list.Len()
	if n <= max {
		return 0
	}
	i := 0
	list.RemoveIf(func(E) bool {
		i++
		return i > max
	})
	return n - max
}
