// Bugsink's REST API for provisioning (src/stack/provision/bugsink.ts): its teams and projects, found
// or made, and a project's DSN. Reading issues and events: bugsink.ts.
import { callJson } from "./http.ts";

/** Where Bugsink is and its bearer token: no project yet, as provisioning makes it. */
export interface BugsinkAdmin {
  url: string;
  apiToken: string;
}

export interface Team {
  id: string;
  name: string;
}

export interface Project {
  id: number;
  name: string;
  /** What SENTRY_DSN is set to in the services. */
  dsn?: string;
}

const call = <T>({ url, apiToken }: BugsinkAdmin, path: string, body?: object) =>
  callJson<T>(`${url}/api/canonical/0/${path}`, { headers: { authorization: `Bearer ${apiToken}` }, body });

export const teams = async (bugsink: BugsinkAdmin) => (await call<{ results: Team[] }>(bugsink, "teams/")).results;
export const createTeam = (bugsink: BugsinkAdmin, name: string) => call<Team>(bugsink, "teams/", { name });

export const projectsOf = async (bugsink: BugsinkAdmin, teamId: string) =>
  (await call<{ results: Project[] }>(bugsink, `projects/?team=${encodeURIComponent(teamId)}`)).results;
export const createProject = (bugsink: BugsinkAdmin, name: string, teamId: string) => call<Project>(bugsink, "projects/", { name, team: teamId });
/** One project in full (a listing or a creation may leave out its DSN). */
export const project = (bugsink: BugsinkAdmin, id: number) => call<Project>(bugsink, `projects/${id}/`);
