package limitsprocessor

import (
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

// overflowKey marks the one series per metric that holds the points of series past the limits, as
// the OTel SDK specification's cardinality limits do.
const overflowKey = "otel.metric.overflow"

func isOverflow(attrs pcommon.Map) bool {
	v, ok := attrs.Get(overflowKey)
	return ok && (v.Type() == pcommon.ValueTypeBool && v.Bool() || v.Type() == pcommon.ValueTypeStr && v.Str() == "true")
}

type point interface{ Attributes() pcommon.Map }

type pointSlice[P point] interface {
	Len() int
	At(int) P
	RemoveIf(func(P) bool)
}

// limitMetric folds the points of series past the limits into one overflow point and drops those
// that may not fold. It returns how many points were folded or dropped (an overflow point a client
// sent itself is merged but not counted) and how many points are left.
func limitMetric(m pmetric.Metric, admit func(pcommon.Map) int) (over int64, left int) {
	switch m.Type() {
	case pmetric.MetricTypeGauge:
		return limitPoints(m.Gauge().DataPoints(), admit, mergeGauge)
	case pmetric.MetricTypeSum:
		return limitPoints(m.Sum().DataPoints(), admit, mergeSum)
	case pmetric.MetricTypeHistogram:
		return limitPoints(m.Histogram().DataPoints(), admit, mergeHistogram)
	case pmetric.MetricTypeExponentialHistogram:
		return limitPoints(m.ExponentialHistogram().DataPoints(), admit, mergeExponential)
	case pmetric.MetricTypeSummary:
		return limitPoints(m.Summary().DataPoints(), admit, mergeSummary)
	}
	return 0, 1 // an empty metric passes as it came
}

func limitPoints[P point, S pointSlice[P]](points S, admit func(pcommon.Map) int, merge func(into, from P)) (over int64, left int) {
	n := points.Len()
	var verdicts []int // allocated at the first point that does not pass
	overflow := -1     // the point that becomes the overflow series
	for i := 0; i < n; i++ {
		p := points.At(i)
		verdict := fold
		if !isOverflow(p.Attributes()) {
			verdict = admit(p.Attributes())
			if verdict != pass {
				over++
			}
		}
		if verdict == pass {
			continue
		}
		if verdicts == nil {
			verdicts = make([]int, n)
		}
		verdicts[i] = verdict
		if verdict != fold {
			continue
		}
		if overflow < 0 {
			overflow = i
			attrs := p.Attributes()
			attrs.Clear()
			attrs.PutBool(overflowKey, true)
		} else {
			merge(points.At(overflow), p)
			verdicts[i] = drop
		}
	}
	if verdicts == nil {
		return 0, n
	}
	i := 0
	points.RemoveIf(func(P) bool {
		removed := verdicts[i] == drop
		i++
		return removed
	})
	return over, points.Len()
}

func mergeTimes(into, from interface {
	StartTimestamp() pcommon.Timestamp
	Timestamp() pcommon.Timestamp
	SetStartTimestamp(pcommon.Timestamp)
	SetTimestamp(pcommon.Timestamp)
},
) {
	if s := from.StartTimestamp(); s != 0 && (into.StartTimestamp() == 0 || s < into.StartTimestamp()) {
		into.SetStartTimestamp(s)
	}
	if from.Timestamp() > into.Timestamp() {
		into.SetTimestamp(from.Timestamp())
	}
}

// A gauge has no sum over series: the overflow series shows the latest value.
func mergeGauge(into, from pmetric.NumberDataPoint) {
	if from.Timestamp() >= into.Timestamp() {
		switch from.ValueType() {
		case pmetric.NumberDataPointValueTypeInt:
			into.SetIntValue(from.IntValue())
		case pmetric.NumberDataPointValueTypeDouble:
			into.SetDoubleValue(from.DoubleValue())
		}
	}
	mergeTimes(into, from)
}

func number(p pmetric.NumberDataPoint) float64 {
	if p.ValueType() == pmetric.NumberDataPointValueTypeInt {
		return float64(p.IntValue())
	}
	return p.DoubleValue()
}

// A sum adds up. Exact for delta sums; for cumulative ones the overflow point carries the sum of
// the folded series in this export (collector/README.md, "The limits processor").
func mergeSum(into, from pmetric.NumberDataPoint) {
	if into.ValueType() == pmetric.NumberDataPointValueTypeInt && from.ValueType() == pmetric.NumberDataPointValueTypeInt {
		into.SetIntValue(into.IntValue() + from.IntValue())
	} else {
		into.SetDoubleValue(number(into) + number(from))
	}
	mergeTimes(into, from)
}

func mergeHistogram(into, from pmetric.HistogramDataPoint) {
	sameBounds := into.ExplicitBounds().Len() == from.ExplicitBounds().Len() && into.BucketCounts().Len() == from.BucketCounts().Len()
	for i := 0; sameBounds && i < into.ExplicitBounds().Len(); i++ {
		sameBounds = into.ExplicitBounds().At(i) == from.ExplicitBounds().At(i)
	}
	if sameBounds {
		for i := 0; i < into.BucketCounts().Len(); i++ {
			into.BucketCounts().SetAt(i, into.BucketCounts().At(i)+from.BucketCounts().At(i))
		}
	} else {
		// Buckets that cannot be added up are left out: the count and sum still hold.
		into.ExplicitBounds().FromRaw(nil)
		into.BucketCounts().FromRaw(nil)
	}
	into.SetCount(into.Count() + from.Count())
	if from.HasSum() {
		into.SetSum(into.Sum() + from.Sum())
	}
	if from.HasMin() && (!into.HasMin() || from.Min() < into.Min()) {
		into.SetMin(from.Min())
	}
	if from.HasMax() && (!into.HasMax() || from.Max() > into.Max()) {
		into.SetMax(from.Max())
	}
	into.Exemplars().RemoveIf(func(pmetric.Exemplar) bool { return true })
	mergeTimes(into, from)
}

func mergeSummary(into, from pmetric.SummaryDataPoint) {
	into.SetCount(into.Count() + from.Count())
	into.SetSum(into.Sum() + from.Sum())
	// Quantiles of different series do not combine.
	into.QuantileValues().RemoveIf(func(pmetric.SummaryDataPointValueAtQuantile) bool { return true })
	mergeTimes(into, from)
}
