package limitsprocessor

import "go.opentelemetry.io/collector/pdata/pmetric"

// mergeExponential adds two exponential histograms at the coarser of their scales: lowering the
// scale by d maps bucket index i to i >> d, so every count keeps a bucket that contains it.
func mergeExponential(into, from pmetric.ExponentialHistogramDataPoint) {
	scale := min(into.Scale(), from.Scale())
	for _, side := range []struct {
		into, from pmetric.ExponentialHistogramDataPointBuckets
	}{
		{into.Positive(), from.Positive()},
		{into.Negative(), from.Negative()},
	} {
		mergeBuckets(side.into, into.Scale()-scale, side.from, from.Scale()-scale)
	}
	into.SetScale(scale)
	into.SetCount(into.Count() + from.Count())
	into.SetZeroCount(into.ZeroCount() + from.ZeroCount())
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

func mergeBuckets(into pmetric.ExponentialHistogramDataPointBuckets, intoShift int32, from pmetric.ExponentialHistogramDataPointBuckets, fromShift int32) {
	counts := map[int32]uint64{}
	lo, hi := int32(0), int32(-1)
	add := func(b pmetric.ExponentialHistogramDataPointBuckets, shift int32) {
		for i := 0; i < b.BucketCounts().Len(); i++ {
			if c := b.BucketCounts().At(i); c > 0 {
				index := (b.Offset() + int32(i)) >> shift
				if hi < lo {
					lo, hi = index, index
				}
				lo, hi = min(lo, index), max(hi, index)
				counts[index] += c
			}
		}
	}
	add(into, intoShift)
	add(from, fromShift)
	merged := make([]uint64, 0, max(0, int(hi-lo+1)))
	for index := lo; index <= hi; index++ {
		merged = append(merged, counts[index])
	}
	into.SetOffset(lo)
	into.BucketCounts().FromRaw(merged)
}
