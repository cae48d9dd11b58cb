// Issues and error events from Bugsink's REST API (/api/canonical/0/), the Sentry-protocol server
// the services report to. It has no search by trace id: a reader scans the recent issues.
import { callJson } from "./http.ts";

/** Where Bugsink is and how to read it: the stack's `sentry` endpoint has these fields. */
export interface BugsinkApi {
  url: string;
  projectId: number | string;
  /** Bearer token for the API. */
  apiToken: string;
}

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

const api = (sentry: BugsinkApi) => `${sentry.url}/api/canonical/0`;
const get = <T>(sentry: BugsinkApi, url: string) => callJson<T>(url, { headers: { authorization: `Bearer ${sentry.apiToken}` } });
const issuesUrl = (sentry: BugsinkApi) => `${api(sentry)}/issues/?project=${encodeURIComponent(sentry.projectId)}&sort=last_seen&order=desc`;

/** An issue's page, and one event's page within it, in Bugsink's UI. */
export function issueUrl(sentry: BugsinkApi, issueId: string, eventId?: string): string {
  return `${sentry.url}/issues/issue/${issueId}/${eventId === undefined ? "" : `event/${eventId}/`}`;
}

/** The most recently seen issues, newest first. */
export async function recentIssues(sentry: BugsinkApi, limit = 5): Promise<Issue[]> {
  const page = await get<Page<Record<string, any>>>(sentry, issuesUrl(sentry));
  return page.results.slice(0, limit).map((issue) => ({
    id: issue.id,
    title: [issue.calculated_type, issue.calculated_value].filter(Boolean).join(": ") || "error",
    transaction: issue.transaction ?? "",
    lastSeen: issue.last_seen,
    events: issue.digested_event_count ?? 0,
    url: issueUrl(sentry, issue.id),
  }));
}

export interface RecentOptions {
  /** Requests to Bugsink, at most: the scan stops there, keeping what it found. */
  maxCalls?: number;
  maxIssues?: number;
  maxEvents?: number;
  /** Skip issues and events older than this: each event's detail is one more request. */
  since?: Date;
}

/** The newest events of the most recently seen issues, newest first, with their full data. */
export async function recentEvents(
  sentry: BugsinkApi,
  { maxIssues = 50, maxEvents = 50, since, maxCalls = Infinity }: RecentOptions = {},
): Promise<ErrorEvent[]> {
  let calls = 0;
  const counted = <T>(url: string) => (calls++, get<T>(sentry, url));
  const issues = (await counted<Page<{ id: string; last_seen?: string }>>(issuesUrl(sentry))).results.slice(0, maxIssues);
  const older = (time: string | undefined) => since !== undefined && time !== undefined && new Date(time) < since;
  const found: ErrorEvent[] = [];
  for (const issue of issues) {
    // Issues come most recently seen first: the rest are older still.
    if (older(issue.last_seen) || calls >= maxCalls) break;
    const events = (await counted<Page<{ id: string; timestamp?: string }>>(`${api(sentry)}/events/?issue=${encodeURIComponent(issue.id)}`)).results.slice(
      0,
      maxEvents,
    );
    for (const event of events) {
      if (older(event.timestamp)) continue;
      if (calls >= maxCalls) break;
      const detail = await counted<{ id: string; data: Record<string, any> }>(`${api(sentry)}/events/${encodeURIComponent(event.id)}/`);
      const data = detail.data ?? {};
      const exception = data.exception?.values?.[0];
      found.push({
        id: detail.id,
        issueId: issue.id,
        title: exception ? `${exception.type}: ${exception.value}` : (data.message ?? data.logentry?.message ?? "event"),
        traceId: data.contexts?.trace?.trace_id,
        requestId: data.tags?.request_id ?? (Array.isArray(data.tags) ? data.tags.find((t: [string, string]) => t[0] === "request_id")?.[1] : undefined),
        url: issueUrl(sentry, issue.id, detail.id),
        data,
      });
    }
  }
  return found;
}
