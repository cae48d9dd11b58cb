// The error events of one trace: Bugsink has no search by trace id, so the recently seen issues are
// scanned, within a bound on calls (each event's detail is one request).
import { recentEvents, type BugsinkApi, type ErrorEvent } from "../backends/index.ts";

/** Calls to Bugsink's API one trace lookup makes, at most. */
export const MAX_BUGSINK_CALLS = 30;

export async function eventsOfTrace(sentry: BugsinkApi, traceId: string, since?: Date): Promise<ErrorEvent[]> {
  return (await recentEvents(sentry, { since, maxCalls: MAX_BUGSINK_CALLS })).filter((event) => event.traceId === traceId);
}
