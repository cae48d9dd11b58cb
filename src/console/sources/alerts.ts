// Active alerts from Alertmanager's API v2.
import { alerts } from "../../backends/index.ts";

export interface Alert {
  name: string;
  service: string | undefined;
  severity: string | undefined;
  summary: string;
  since: string;
  state: string;
}

export async function activeAlerts(alertmanagerUrl: string): Promise<Alert[]> {
  const active = await alerts(alertmanagerUrl, { active: true, silenced: false, inhibited: false });
  return active
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
