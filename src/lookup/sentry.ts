// Error events from a Sentry-protocol server with Bugsink's REST API: the events whose trace
// context is this trace (Bugsink has no search by trace id, so recent issues are scanned).
import type { SentryEndpoint } from "../stack/endpoints.ts";
import { getJson } from "./http.ts";

export interface ErrorEvent {
  id: string;
  issueId: string;
  title: string;
  traceId: string | undefined;
  requestId: string | undefined;
  url: string;
  data: Record<string, any>;
}

interface Page<T> {
  results: T[];
}

export interface Issue {
  id: string;
  title: string;
  transaction: string;
  lastSeen: string;
  events: number;
  url: string;
}

/** The most recently seen issues, newest first. */
export async function recentIssues(sentry: SentryEndpoint, limit = 5): Promise<Issue[]> {
  const headers = { authorization: `Bearer ${sentry.apiToken}` };
  const page = await getJson<Page<Record<string, any>>>(`${sentry.url}/api/canonical/0/issues/?project=${sentry.projectId}&sort=last_seen&order=desc`, {
    headers,
  });
  return page.results.slice(0, limit).map((issue) => ({
    id: issue.id,
    title: [issue.calculated_type, issue.calculated_value].filter(Boolean).join(": ") || "error",
    transaction: issue.transaction ?? "",
    lastSeen: issue.last_seen,
    events: issue.digested_event_count ?? 0,
    url: `${sentry.url}/issues/issue/${issue.id}/`,
  }));
}

/** Calls to Bugsink's API one trace lookup makes, at most (it has no search by trace id: each event is one call). */
export const MAX_BUGSINK_CALLS = 30;

/** The newest events of the most recently seen issues, newest first, with their full data. */
export interface RecentOptions {
  /** Requests to Bugsink, at most: the scan stops there, keeping what it found. */
  maxCalls?: number;
  maxIssues?: number;
  maxEvents?: number;
  /** Skip issues and events older than this: each event's detail is one more request. */
  since?: Date;
}

export async function recentEvents(
  sentry: SentryEndpoint,
  { maxIssues = 50, maxEvents = 50, since, maxCalls = Infinity }: RecentOptions = {},
): Promise<ErrorEvent[]> {
  const api = `${sentry.url}/api/canonical/0`;
  const headers = { authorization: `Bearer ${sentry.apiToken}` };
  let calls = 0;
  const get = <T>(url: string) => (calls++, getJson<T>(url, { headers }));
  const issues = (await get<Page<{ id: string; last_seen?: string }>>(`${api}/issues/?project=${sentry.projectId}&sort=last_seen&order=desc`)).results.slice(
    0,
    maxIssues,
  );
  const older = (time: string | undefined) => since !== undefined && time !== undefined && new Date(time) < since;
  const found: ErrorEvent[] = [];
  for (const issue of issues) {
    // Issues come most recently seen first: the rest are older still.
    if (older(issue.last_seen) || calls >= maxCalls) break;
    const events = (await get<Page<{ id: string; timestamp?: string }>>(`${api}/events/?issue=${issue.id}`)).results.slice(0, maxEvents);
    for (const event of events) {
      if (older(event.timestamp)) continue;
      if (calls >= maxCalls) break;
      const detail = await get<{ id: string; data: Record<string, any> }>(`${api}/events/${event.id}/`);
      const data = detail.data ?? {};
      const exception = data.exception?.values?.[0];
      found.push({
        id: detail.id,
        issueId: issue.id,
        title: exception ? `${exception.type}: ${exception.value}` : (data.message ?? data.logentry?.message ?? "event"),
        traceId: data.contexts?.trace?.trace_id,
        requestId: data.tags?.request_id ?? (Array.isArray(data.tags) ? data.tags.find((t: [string, string]) => t[0] === "request_id")?.[1] : undefined),
        url: `${sentry.url}/issues/issue/${issue.id}/event/${detail.id}/`,
        data,
      });
    }
  }
  return found;
}

export async function eventsOfTrace(sentry: SentryEndpoint, traceId: string, since?: Date): Promise<ErrorEvent[]> {
  return (await recentEvents(sentry, { since, maxCalls: MAX_BUGSINK_CALLS })).filter((event) => event.traceId === traceId);
}
