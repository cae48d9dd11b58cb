// Panel builders with the house rules built in: every panel gets a title, a description and a unit
// (the linter checks the generated JSON for the same), targets get refIds A, B, C… in order.
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as table from "@grafana/grafana-foundation-sdk/table";
import * as heatmap from "@grafana/grafana-foundation-sdk/heatmap";
import * as logs from "@grafana/grafana-foundation-sdk/logs";
import { LOGS, PROMETHEUS } from "./datasources.ts";
import { logCountTarget, logLinesTarget, promTarget, type PromTarget } from "./queries.ts";

export interface Link {
  title: string;
  url: string;
}

export interface PanelSpec {
  title: string;
  description: string;
  /** A Grafana unit id: s, reqps, percentunit, bytes, currencyUSD, short… */
  unit: string;
  targets: PromTarget[];
  width?: number;
  height?: number;
  /** Data links on the values (to a dashboard, to Explore). */
  links?: Link[];
  /** A value at or above this turns red (a line on time series). */
  redAt?: number;
}

const refId = (index: number) => String.fromCharCode(65 + index);

function redAbove(value: number) {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
    { value: null as unknown as number, color: "green" },
    { value, color: "red" },
  ]);
}

type AnyPanel = timeseries.PanelBuilder | stat.PanelBuilder | table.PanelBuilder | heatmap.PanelBuilder;

function decorate<P extends AnyPanel>(panel: P, spec: PanelSpec): P {
  panel
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(PROMETHEUS)
    .span(spec.width ?? 8)
    .height(spec.height ?? 8);
  spec.targets.forEach((target, index) => panel.withTarget(promTarget(target, refId(index))));
  if (spec.links) panel.dataLinks(spec.links.map(({ title, url }) => new dashboard.DashboardLinkBuilder(title).url(url)));
  if (spec.redAt !== undefined) panel.thresholds(redAbove(spec.redAt));
  return panel;
}

export function timeseriesPanel(spec: PanelSpec) {
  const panel = decorate(new timeseries.PanelBuilder(), spec).fillOpacity(10).showPoints(common.VisibilityMode.Never);
  if (spec.redAt !== undefined) panel.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Line));
  return panel;
}

export function statPanel(spec: PanelSpec) {
  return decorate(new stat.PanelBuilder(), spec).graphMode(common.BigValueGraphMode.Area).colorMode(common.BigValueColorMode.Value);
}

/** Several instant queries (one per column) joined on their labels into one row per series. */
export function tablePanel(spec: PanelSpec) {
  const instant = { ...spec, targets: spec.targets.map((target) => ({ ...target, instant: true, format: "table" as const })) };
  const panel = decorate(new table.PanelBuilder(), instant)
    .withTransformation({ id: "merge", options: {} })
    .withTransformation({ id: "organize", options: { excludeByName: { Time: true } } });
  // Grafana names an instant query's column "Value #<refId>": give it the legend and its own unit.
  spec.targets.forEach(({ legend, unit }, index) =>
    panel.overrideByName(`Value #${refId(index)}`, [{ id: "displayName", value: legend }, ...(unit ? [{ id: "unit", value: unit }] : [])]),
  );
  return panel;
}

/** A histogram's `le` buckets over time, as Prometheus stores them (no recalculation). */
export function heatmapPanel(spec: PanelSpec) {
  const buckets = { ...spec, targets: spec.targets.map((target) => ({ ...target, format: "heatmap" as const, legend: "{{le}}" })) };
  return decorate(new heatmap.PanelBuilder(), buckets).calculate(false).cellGap(1);
}

export interface LogsSpec {
  title: string;
  description: string;
  lucene: string;
  width?: number;
  height?: number;
}

export function logsPanel({ title, description, lucene, width = 24, height = 10 }: LogsSpec) {
  return new logs.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(LOGS)
    .withTarget(logLinesTarget(lucene))
    .span(width)
    .height(height)
    .showTime(true)
    .wrapLogMessage(true)
    .enableLogDetails(true)
    .sortOrder(common.LogsSortOrder.Descending);
}

/** Log records per interval, one series per value of a field (e.g. the level). */
export function logVolumePanel({ title, description, lucene, field, width = 24, height = 6 }: LogsSpec & { field: string }) {
  return new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .unit("short")
    .datasource(LOGS)
    .withTarget(logCountTarget(lucene, field))
    .span(width)
    .height(height)
    .drawStyle(common.GraphDrawStyle.Bars)
    .fillOpacity(60)
    .stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
}
