package limitsprocessor

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
)

// foldAll folds every point of the metric but the first: a cap of one series.
func foldAll(m pmetric.Metric) {
	first := true
	limitMetric(m, func(pcommon.Map) int {
		if first {
			first = false
			return pass
		}
		return fold
	})
}

func TestHistogramsWithTheSameBoundsAddBucketByBucket(t *testing.T) {
	m := pmetric.NewMetric()
	dps := m.SetEmptyHistogram().DataPoints()
	for i, counts := range [][]uint64{{9, 9, 9}, {1, 2, 3}, {10, 20, 30}} {
		p := dps.AppendEmpty()
		p.Attributes().PutInt("i", int64(i))
		p.ExplicitBounds().FromRaw([]float64{1, 10})
		p.BucketCounts().FromRaw(counts)
		p.SetCount(counts[0] + counts[1] + counts[2])
		p.SetSum(float64(i))
		p.SetMin(float64(i))
	}
	foldAll(m)
	require.Equal(t, 2, dps.Len())
	over := dps.At(1)
	require.True(t, isOverflow(over.Attributes()))
	require.Equal(t, []uint64{11, 22, 33}, over.BucketCounts().AsRaw())
	require.Equal(t, uint64(66), over.Count())
	require.Equal(t, 3.0, over.Sum())
	require.Equal(t, 1.0, over.Min())
}

func TestHistogramsWithOtherBoundsKeepCountAndSum(t *testing.T) {
	m := pmetric.NewMetric()
	dps := m.SetEmptyHistogram().DataPoints()
	for i, bounds := range [][]float64{{1}, {1}, {2}} {
		p := dps.AppendEmpty()
		p.Attributes().PutInt("i", int64(i))
		p.ExplicitBounds().FromRaw(bounds)
		p.BucketCounts().FromRaw([]uint64{1, 1})
		p.SetCount(2)
		p.SetSum(1)
	}
	foldAll(m)
	over := dps.At(1)
	require.Zero(t, over.BucketCounts().Len())
	require.Equal(t, uint64(4), over.Count())
	require.Equal(t, 2.0, over.Sum())
}

func TestExponentialHistogramsMergeAtTheCoarserScale(t *testing.T) {
	m := pmetric.NewMetric()
	dps := m.SetEmptyExponentialHistogram().DataPoints()
	dps.AppendEmpty().Attributes().PutInt("i", 0)
	a := dps.AppendEmpty()
	a.Attributes().PutInt("i", 1)
	a.SetScale(1)
	a.Positive().SetOffset(2) // indexes 2, 3 → 1, 1 at scale 0
	a.Positive().BucketCounts().FromRaw([]uint64{1, 2})
	a.SetCount(3)
	b := dps.AppendEmpty()
	b.Attributes().PutInt("i", 2)
	b.SetScale(0)
	b.Positive().SetOffset(0) // indexes 0, 1
	b.Positive().BucketCounts().FromRaw([]uint64{4, 5})
	b.SetZeroCount(1)
	b.SetCount(10)
	foldAll(m)
	over := dps.At(1)
	require.Equal(t, int32(0), over.Scale())
	require.Equal(t, int32(0), over.Positive().Offset())
	require.Equal(t, []uint64{4, 8}, over.Positive().BucketCounts().AsRaw())
	require.Equal(t, uint64(13), over.Count())
	require.Equal(t, uint64(1), over.ZeroCount())
}

func TestGaugesKeepTheLatestValue(t *testing.T) {
	m := pmetric.NewMetric()
	dps := m.SetEmptyGauge().DataPoints()
	for i, value := range []float64{1, 7, 3} {
		p := dps.AppendEmpty()
		p.Attributes().PutInt("i", int64(i))
		p.SetDoubleValue(value)
		p.SetTimestamp(pcommon.Timestamp([]int{1, 9, 5}[i]))
	}
	foldAll(m)
	require.Equal(t, 7.0, dps.At(1).DoubleValue())
	require.Equal(t, pcommon.Timestamp(9), dps.At(1).Timestamp())
}

func TestSummariesAddCountAndSumAndDropQuantiles(t *testing.T) {
	m := pmetric.NewMetric()
	dps := m.SetEmptySummary().DataPoints()
	for i := 0; i < 3; i++ {
		p := dps.AppendEmpty()
		p.Attributes().PutInt("i", int64(i))
		p.SetCount(2)
		p.SetSum(5)
		p.QuantileValues().AppendEmpty().SetQuantile(0.5)
	}
	foldAll(m)
	require.Equal(t, uint64(4), dps.At(1).Count())
	require.Equal(t, 10.0, dps.At(1).Sum())
	require.Zero(t, dps.At(1).QuantileValues().Len())
}
