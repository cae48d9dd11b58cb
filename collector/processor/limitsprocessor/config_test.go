package limitsprocessor

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheDefaultsAreValidAndZeroCapsAreNot(t *testing.T) {
	require.NoError(t, createDefaultConfig().(*Config).Validate())
	cfg := createDefaultConfig().(*Config)
	cfg.Metrics.MaxSeriesPerMetric = 0
	cfg.Metrics.SeriesIdleTimeout = 0
	cfg.Traces.MaxLinksPerSpan = -1
	require.ErrorContains(t, cfg.Validate(), "max_series_per_metric")
	require.ErrorContains(t, cfg.Validate(), "series_idle_timeout")
	require.ErrorContains(t, cfg.Validate(), "max_links_per_span")
}
