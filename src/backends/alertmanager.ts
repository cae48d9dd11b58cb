// Alertmanager's API v2: the alerts it holds, alerts posted to it (as Prometheus does), and silences.
import { callJson, withQuery } from "./http.ts";

export interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
}

export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface Silence {
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual?: boolean }>;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface GettableSilence extends Silence {
  id: string;
  status: { state: string };
}

/** The alerts Alertmanager holds; by default every one, whatever its state. */
export async function alerts(alertmanagerUrl: string, filter: { active?: boolean; silenced?: boolean; inhibited?: boolean } = {}): Promise<GettableAlert[]> {
  return callJson<GettableAlert[]>(withQuery(`${alertmanagerUrl}/api/v2/alerts`, filter));
}

export async function postAlerts(alertmanagerUrl: string, list: PostableAlert[]): Promise<void> {
  await callJson(`${alertmanagerUrl}/api/v2/alerts`, { body: list });
}

/** Creates a silence; its id. */
export async function createSilence(alertmanagerUrl: string, silence: Silence): Promise<string> {
  return (await callJson<{ silenceID: string }>(`${alertmanagerUrl}/api/v2/silences`, { body: silence })).silenceID;
}

export async function silences(alertmanagerUrl: string): Promise<GettableSilence[]> {
  return callJson<GettableSilence[]>(`${alertmanagerUrl}/api/v2/silences`);
}
