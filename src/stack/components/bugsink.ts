// Bugsink (Sentry-protocol error tracking) for the native stack: gunicorn on 127.0.0.1:${BUGSINK_PORT:-8000},
// state in <state>/bugsink. Run prepareBugsink() before starting it and setupBugsink() once it is up
// (src/stack/provision/bugsink.ts): they make the config, database, token, team and project.
import { join } from "node:path";
import type { Component } from "../types.ts";
import { bugsinkEnv, bugsinkVenv } from "../provision/bugsink.ts";
import { portOf } from "../ports.ts";
import { statePath } from "../../config/paths.ts";

export interface BugsinkOptions {
  port?: number;
  dataDir?: string;
  /** gunicorn workers; ingestion digests in the request (eager tasks), so two keep the UI responsive. */
  workers?: number;
}

export function bugsinkComponent({ port = portOf("BUGSINK_PORT"), dataDir = statePath("bugsink"), workers = 2 }: BugsinkOptions = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "bugsink",
    command: join(bugsinkVenv(), "bin", "gunicorn"),
    args: [
      "--bind",
      `127.0.0.1:${port}`,
      "--workers",
      String(workers),
      "--access-logfile",
      "-",
      // gunicorn 26 otherwise opens a control socket in ~/.gunicorn, shared by every instance.
      "--no-control-socket",
      "bugsink.wsgi",
    ],
    env: bugsinkEnv(dataDir, port),
    cwd: dataDir,
    healthUrl: `${url}/health/ready`,
    url,
    startTimeoutMs: 30_000,
  };
}
