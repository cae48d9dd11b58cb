// Datasources are chosen by dashboard variables, never by a hard-coded uid, so the same JSON works in
// any Grafana whatever its datasources are called (grafana/provisioning/ names ours).
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type { DataSourceRef } from "@grafana/grafana-foundation-sdk/common";

export const PROMETHEUS: DataSourceRef = { type: "prometheus", uid: "${prometheus}" };
export const LOGS: DataSourceRef = { type: "elasticsearch", uid: "${logs}" };

function datasourceVariable(name: string, label: string, pluginId: string) {
  return new dashboard.DatasourceVariableBuilder(name).label(label).type(pluginId);
}

export const prometheusVariable = () => datasourceVariable("prometheus", "Prometheus", "prometheus");
export const logsVariable = () => datasourceVariable("logs", "Logs (Elasticsearch API)", "elasticsearch");
/** Only for links: Explore opens traces in whichever Jaeger datasource is picked here. */
export const jaegerVariable = () => datasourceVariable("jaeger", "Jaeger", "jaeger");
