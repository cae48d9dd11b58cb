// Active alerts from Alertmanager's API v2.
import { getJson } from "../../lookup/http.ts";

export interface Alert {
  name: string;
  service: string | undefined;
  severity: string | undefined;
  summary: string;
  since: string;
  state: string;
}

interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  status: { state: string };
}

export async function activeAlerts(alertmanagerUrl: string): Promise<Alert[]> {
  const alerts = await getJson<GettableAlert[]>(`${alertmanagerUrl}/api/v2/alerts?active=true&silenced=false&inhibited=false`);
  return alerts
    .map((alert) => ({
      name: alert.labels.alertname ?? "alert",
      service: alert.labels.service_name,
      severity: alert.labels.severity,
      summary: alert.annotations.summary ?? alert.annotations.description ?? "",
      since: alert.startsAt,
      state: alert.status.state,
    }))
    .sort((a, b) => b.since.localeCompare(a.since));
}
