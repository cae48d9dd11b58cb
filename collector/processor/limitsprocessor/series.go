package limitsprocessor

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

// unknownService names the points of a resource without service.name, as the SDKs do.
const unknownService = "unknown_service"

type metricState struct{ series int }

type seriesEntry struct {
	lastSeen int64 // unix nanos
	metric   *metricState
}

// serviceState is one service's series set: bounded by MaxSeriesPerService keys, and by the same
// number of metric names (a metric is tracked only while it has a series).
type serviceState struct {
	series  map[uint64]seriesEntry
	metrics map[string]*metricState
}

func newServiceState() *serviceState {
	return &serviceState{series: map[uint64]seriesEntry{}, metrics: map[string]*metricState{}}
}

// seriesLimiter decides, point by point, whether a series may exist. A series is the resource's
// attributes, the scope, the metric name and the point's attributes: what the Prometheus exporters
// turn into one series' labels. Only a 64-bit hash of it is kept.
type seriesLimiter struct {
	cfg MetricsConfig
	tel *telemetry
	now func() time.Time
	h   hasher

	mu        sync.Mutex
	services  map[string]*serviceState
	shared    *serviceState // the services beyond MaxServices, together
	lastSweep int64
	total     atomic.Int64
}

func newSeriesLimiter(cfg MetricsConfig, tel *telemetry, now func() time.Time) *seriesLimiter {
	return &seriesLimiter{cfg: cfg, tel: tel, now: now, h: newHasher(), services: map[string]*serviceState{}, lastSweep: now().UnixNano()}
}

func (l *seriesLimiter) trackedSeries() int64 { return l.total.Load() }

func (l *seriesLimiter) service(name string) *serviceState {
	if s, ok := l.services[name]; ok {
		return s
	}
	if len(l.services) < l.cfg.MaxServices {
		s := newServiceState()
		l.services[name] = s
		return s
	}
	if l.shared == nil {
		l.shared = newServiceState()
	}
	return l.shared
}

// verdict of one point
const (
	pass = iota
	fold // into the metric's overflow series
	drop // past the service's cap, in a metric the service has no series of: an overflow series would be new too
)

func (l *seriesLimiter) admit(svc *serviceState, metricName string, key uint64, now int64) int {
	if e, ok := svc.series[key]; ok {
		e.lastSeen = now
		svc.series[key] = e
		return pass
	}
	m := svc.metrics[metricName]
	if m != nil && m.series >= l.cfg.MaxSeriesPerMetric {
		return fold
	}
	if len(svc.series) >= l.cfg.MaxSeriesPerService {
		if m == nil {
			return drop
		}
		return fold
	}
	if m == nil {
		m = &metricState{}
		svc.metrics[metricName] = m
	}
	m.series++
	svc.series[key] = seriesEntry{lastSeen: now, metric: m}
	l.total.Add(1)
	return pass
}

// sweep forgets the series idle for longer than SeriesIdleTimeout; it runs every quarter of that.
func (l *seriesLimiter) sweep(now int64) {
	idle := l.cfg.SeriesIdleTimeout.Nanoseconds()
	if now-l.lastSweep < idle/4 {
		return
	}
	l.lastSweep = now
	expire := func(svc *serviceState) bool {
		for key, e := range svc.series {
			if now-e.lastSeen > idle {
				delete(svc.series, key)
				l.total.Add(-1)
				e.metric.series--
			}
		}
		for name, m := range svc.metrics {
			if m.series == 0 {
				delete(svc.metrics, name)
			}
		}
		return len(svc.series) == 0
	}
	for name, svc := range l.services {
		if expire(svc) {
			delete(l.services, name)
		}
	}
	if l.shared != nil && expire(l.shared) {
		l.shared = nil
	}
}

type overflowCount struct {
	service, metric string
	points          int64
}

func (l *seriesLimiter) processMetrics(ctx context.Context, md pmetric.Metrics) (pmetric.Metrics, error) {
	counts := l.limit(md)
	for _, c := range counts {
		l.tel.overflowPoints.Add(ctx, c.points, l.tel.labels(c.service, c.metric))
	}
	return md, nil
}

func (l *seriesLimiter) limit(md pmetric.Metrics) []overflowCount {
	now := l.now().UnixNano()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	var counts []overflowCount
	rms := md.ResourceMetrics()
	for i := 0; i < rms.Len(); i++ {
		rm := rms.At(i)
		name := unknownService
		if v, ok := rm.Resource().Attributes().Get("service.name"); ok && v.Str() != "" {
			name = v.Str()
		}
		svc := l.service(name)
		resource := l.h.attributes(rm.Resource().Attributes())
		sms := rm.ScopeMetrics()
		for j := 0; j < sms.Len(); j++ {
			sm := sms.At(j)
			scope := l.h.combine(resource, l.h.str(sm.Scope().Name()), l.h.str(sm.Scope().Version()))
			sm.Metrics().RemoveIf(func(m pmetric.Metric) bool {
				base := l.h.combine(scope, l.h.str(m.Name()))
				admit := func(attrs pcommon.Map) int {
					return l.admit(svc, m.Name(), l.h.combine(base, l.h.attributes(attrs)), now)
				}
				over, left := limitMetric(m, admit)
				if over > 0 {
					counts = append(counts, overflowCount{name, m.Name(), over})
				}
				return left == 0
			})
		}
	}
	return counts
}
