// Who may send OTLP to the stack's collector. On loopback (the default) anyone on the machine; beyond
// it (COLLECTOR_OTLP_HOST) only a client with the bearer token OTLP_BEARER_TOKEN: `npm start` refuses to
// start without one, stacks collector/gateway.auth.yaml (agent.auth.yaml in the pool) and hands the
// services OTEL_EXPORTER_OTLP_HEADERS, which the OTel exporters read themselves. With a certificate
// (COLLECTOR_TLS_CERT_FILE + COLLECTOR_TLS_KEY_FILE) it stacks gateway.tls.yaml, and the services speak
// https and trust OTEL_EXPORTER_OTLP_CERTIFICATE (default: the certificate itself, if self-signed).
import { join } from "node:path";
import { isLoopback, weakToken } from "../http/guard.ts";
import { projectRoot } from "../config/paths.ts";
import type { Component } from "./types.ts";

export const authOverlay = join(projectRoot, "collector", "gateway.auth.yaml");
export const agentAuthOverlay = join(projectRoot, "collector", "agent.auth.yaml");
export const tlsOverlay = join(projectRoot, "collector", "gateway.tls.yaml");

export class OtlpAccessError extends Error {
  override name = "OtlpAccessError";
}

export interface OtlpAccess {
  /** Where the OTLP receivers bind. */
  host: string;
  token?: string;
  tls?: { certFile: string; keyFile: string; caFile: string };
}

/** Reads and checks the access settings; throws OtlpAccessError naming the variable to set. */
export function otlpAccess(env: NodeJS.ProcessEnv = process.env): OtlpAccess {
  const host = env.COLLECTOR_OTLP_HOST || "127.0.0.1";
  const token = env.OTLP_BEARER_TOKEN || undefined;
  if (!isLoopback(host) && !token) {
    throw new OtlpAccessError(
      `COLLECTOR_OTLP_HOST=${host} opens OTLP ingest beyond loopback: set OTLP_BEARER_TOKEN to the token every client must send (e.g. OTLP_BEARER_TOKEN=$(openssl rand -hex 32)).`,
    );
  }
  // Short tokens can be guessed; `openssl rand -hex 32` gives 64 characters.
  const weak = weakToken("OTLP_BEARER_TOKEN", token);
  if (weak) throw new OtlpAccessError(weak);
  const certFile = env.COLLECTOR_TLS_CERT_FILE || undefined;
  const keyFile = env.COLLECTOR_TLS_KEY_FILE || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new OtlpAccessError(
      `TLS needs both COLLECTOR_TLS_CERT_FILE and COLLECTOR_TLS_KEY_FILE (only ${certFile ? "COLLECTOR_TLS_CERT_FILE" : "COLLECTOR_TLS_KEY_FILE"} is set).`,
    );
  }
  const tls = certFile && keyFile ? { certFile, keyFile, caFile: env.OTEL_EXPORTER_OTLP_CERTIFICATE || certFile } : undefined;
  return { host, token, tls };
}

/** The overlays, the collector's env and its URL (https with TLS; the bound address unless a wildcard). */
export function withOtlpAccess(component: Component, access: OtlpAccess, { authOverlayFile = authOverlay } = {}): Component {
  const overlays = [...(access.token ? [authOverlayFile] : []), ...(access.tls ? [tlsOverlay] : [])];
  const url = new URL(component.url);
  if (access.tls) url.protocol = "https:";
  if (access.host !== "0.0.0.0" && access.host !== "::" && !isLoopback(access.host)) url.hostname = access.host;
  return {
    ...component,
    args: [...component.args, ...overlays.flatMap((file) => ["--config", file])],
    env: {
      ...component.env,
      ...(access.token ? { OTLP_BEARER_TOKEN: access.token, COLLECTOR_OTLP_HOST: access.host } : {}),
      ...(access.tls ? { COLLECTOR_TLS_CERT_FILE: access.tls.certFile, COLLECTOR_TLS_KEY_FILE: access.tls.keyFile } : {}),
    },
    url: url.origin,
  };
}

/** What an OTLP client (a service) needs to get in: the token as a header, the CA to trust. */
export function otlpClientEnv(access: OtlpAccess): Record<string, string> {
  return {
    // Key=value pairs, values percent-decoded by the SDK: a token with `,` `;` `%` stays whole.
    ...(access.token ? { OTEL_EXPORTER_OTLP_HEADERS: `Authorization=${encodeURIComponent(`Bearer ${access.token}`)}` } : {}),
    ...(access.tls ? { OTEL_EXPORTER_OTLP_CERTIFICATE: access.tls.caFile } : {}),
  };
}
