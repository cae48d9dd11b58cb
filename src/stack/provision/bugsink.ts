// Bugsink (a self-hosted Sentry-protocol server) from PyPI, in a venv in the cache, with its state in
// <state>/bugsink: config (bugsink-create-conf + our overrides), SQLite databases, admin user, API token.
//
// Order for the runner:  await prepareBugsink(dir)  →  start bugsinkComponent()  →  await setupBugsink(dir)
// prepareBugsink needs no server; setupBugsink calls it again (cheap when done) and then needs the server
// running, since it finds or creates the team and project through Bugsink's REST API.
import { randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createProject, createTeam, project as readProject, projectsOf, teams, type Team } from "../../backends/bugsink-admin.ts";
import { BackendError } from "../../backends/http.ts";
import { pollUntil } from "../../lifecycle/poll.ts";
import { cacheDir, statePath } from "../../config/paths.ts";
import { buildOnce } from "./once.ts";
import { run, step } from "./run.ts";
import { portOf } from "../ports.ts";
import { writePrivateFile } from "../../lifecycle/private-file.ts";

/** Pinned to 2.6.1: the newest release whose requirements all resolve (2.6.2 needs a newer certifi). */
export const BUGSINK_VERSION = "2.6.1";
const NAME = "otel-gateway";
const ADMIN_EMAIL = "admin@otel-gateway.local";

export interface BugsinkSetup {
  url: string;
  /** What SENTRY_DSN is set to in the services. */
  dsn: string;
  projectId: number;
  /** Bearer token for /api/canonical/0/ (full access). */
  apiToken: string;
}

export function bugsinkVenv(): string {
  return cacheDir("bugsink-venv");
}

export function defaultBugsinkDir(): string {
  return statePath("bugsink");
}

const defaultPort = () => portOf("BUGSINK_PORT");

/** What every bugsink-manage / gunicorn process needs to find bugsink_conf.py in dataDir. */
export function bugsinkEnv(dataDir: string, port: number): Record<string, string> {
  return { DJANGO_SETTINGS_MODULE: "bugsink_conf", PYTHONPATH: dataDir, BUGSINK_PORT: String(port) };
}

/** A venv with bugsink==BUGSINK_VERSION; skipped when its stamp says so. Idempotent. */
export async function provisionBugsink(): Promise<{ venv: string; bin: (tool: string) => string }> {
  const venv = bugsinkVenv();
  const bin = (tool: string) => join(venv, "bin", tool);
  const stamp = join(venv, ".otel-gateway-bugsink");
  const ready = () => existsSync(bin("gunicorn")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === BUGSINK_VERSION;
  await buildOnce("bugsink", `venv + pip install bugsink==${BUGSINK_VERSION}`, ready, async () => {
    await run(process.env.BUGSINK_PYTHON ?? "python3", ["-m", "venv", "--clear", venv], { quiet: true });
    await run(bin("pip"), ["install", "-q", "--disable-pip-version-check", `bugsink==${BUGSINK_VERSION}`], { quiet: true });
    writeFileSync(stamp, `${BUGSINK_VERSION}\n`);
  });
  return { venv, bin };
}

/** Appended to the `local` template: data under dataDir, BASE_URL from BUGSINK_PORT at load time, no phoning home. */
function confOverrides(dataDir: string): string {
  const at = (file: string) => JSON.stringify(join(dataDir, file));
  return `
# --- otel-gateway native stack (appended by src/stack/provision/bugsink.ts) ---
import os as _os
BUGSINK["BASE_URL"] = "http://127.0.0.1:" + _os.environ.get("BUGSINK_PORT", "8000")
BUGSINK["INGEST_STORE_BASE_DIR"] = ${at("ingestion")}
BUGSINK["PHONEHOME"] = False  # nothing outside this machine is reachable
DATABASES["default"]["NAME"] = ${at("db.sqlite3")}
DATABASES["snappea"]["NAME"] = ${at("snappea.sqlite3")}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
`;
}

function readSecret(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8").trim() || undefined : undefined;
}

/**
 * Config, migrations, admin user and API token in dataDir; no server needed. Idempotent: each part is
 * skipped when its file is there. Returns the API token.
 */
export async function prepareBugsink(dataDir = defaultBugsinkDir(), { port = defaultPort() }: { port?: number } = {}): Promise<string> {
  const { bin } = await provisionBugsink();
  mkdirSync(dataDir, { recursive: true });
  const env = bugsinkEnv(dataDir, port);
  const manage = (...args: string[]) => run(bin("bugsink-manage"), args, { cwd: dataDir, env, quiet: true });

  const conf = join(dataDir, "bugsink_conf.py");
  if (!existsSync(conf)) {
    // The `local` template: single user, single team, eager tasks (no snappea worker), console "email".
    await run(bin("bugsink-create-conf"), ["--template=local", "--host=127.0.0.1", `--port=${port}`, `--output-file=${conf}`], {
      quiet: true,
    });
    appendFileSync(conf, confOverrides(dataDir));
  }
  // The conf holds Django's SECRET_KEY, the databases the API tokens: the owner's only, also from an older run.
  chmodSync(dataDir, 0o700);
  chmodSync(conf, 0o600);

  const migrated = join(dataDir, ".migrated");
  if (readSecret(migrated) !== BUGSINK_VERSION || !existsSync(join(dataDir, "db.sqlite3"))) {
    await step("bugsink", "migrate", async () => {
      await manage("migrate", "--noinput");
      await manage("migrate", "snappea", "--database=snappea", "--noinput");
      // prestart creates CREATE_SUPERUSER's user only while the database has no user at all.
      const passwordFile = join(dataDir, "admin-password");
      const password = process.env.BUGSINK_ADMIN_PASSWORD ?? readSecret(passwordFile) ?? randomBytes(12).toString("hex");
      writePrivateFile(passwordFile, `${password}\n`);
      await run(bin("bugsink-manage"), ["prestart"], {
        cwd: dataDir,
        env: { ...env, CREATE_SUPERUSER: `${ADMIN_EMAIL}:${password}` },
        quiet: true,
      });
    });
    writeFileSync(migrated, `${BUGSINK_VERSION}\n`);
  }

  const tokenFile = join(dataDir, "api-token");
  const existing = readSecret(tokenFile);
  if (existing) return existing;
  const token = (await manage("create_auth_token")).trim().split("\n").pop() ?? "";
  if (!/^[0-9a-f]{40}$/.test(token)) throw new Error(`bugsink-manage create_auth_token printed no token: ${token}`);
  writePrivateFile(tokenFile, `${token}\n`);
  return token;
}

function waitReady(url: string, timeoutMs: number): Promise<boolean> {
  const ready = () => fetch(`${url}/health/ready`).then((response) => response.ok);
  return pollUntil(ready, `Bugsink at ${url}/health/ready (start the bugsink component first)`, { timeoutMs, intervalMs: 250 });
}

/**
 * Team and project "otel-gateway" (found or created through the REST API) and their DSN. Expects the
 * bugsink component running on `port`; runs prepareBugsink first. Idempotent: reuses the project.
 */
export async function setupBugsink(
  dataDir = defaultBugsinkDir(),
  { port = defaultPort(), timeoutMs = 30_000 }: { port?: number; timeoutMs?: number } = {},
): Promise<BugsinkSetup> {
  let apiToken = await prepareBugsink(dataDir, { port });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, timeoutMs);

  let found: Team[];
  try {
    found = await teams({ url, apiToken });
  } catch (error) {
    // A token file that outlived its database: make a new one.
    if (!(error instanceof BackendError && error.status === 401)) throw error;
    writeFileSync(join(dataDir, "api-token"), "");
    apiToken = await prepareBugsink(dataDir, { port });
    found = await teams({ url, apiToken });
  }
  const bugsink = { url, apiToken };
  const team = found.find((t) => t.name === NAME) ?? (await createTeam(bugsink, NAME));
  let project = (await projectsOf(bugsink, team.id)).find((p) => p.name === NAME);
  // A creation's answer may leave out the DSN: the project read back in full.
  if (!project) project = await readProject(bugsink, (await createProject(bugsink, NAME, team.id)).id);
  if (!project.dsn) throw new Error(`Bugsink project ${project.id} has no dsn`);
  return { url, dsn: project.dsn, projectId: Number(project.id), apiToken };
}
