// OTLP ingest beyond loopback (issue 8, "Access"): what `npm start` demands before it opens the
// collector, and the real collector with collector/gateway.auth.yaml (and gateway.tls.yaml): no token
// or a wrong one → HTTP 401 / gRPC Unauthenticated, counted in its own metrics; the right one →
// accepted; a real service given OTEL_EXPORTER_OTLP_HEADERS (and the CA) delivers through it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseKeyPairsIntoRecord } from "@opentelemetry/core";
import { otlpAccess, otlpClientEnv, authOverlay, tlsOverlay, withOtlpAccess } from "../../src/stack/otlp-access.ts";
import { collectorComponent } from "../../src/stack/components/collector.ts";
import { builtCollector, provisionCollector } from "../../src/stack/provision/go.ts";
import { startCollector, type TestCollector } from "../support/collector.ts";
import { grpcExportTraces } from "../support/otlp-grpc.ts";
import { postOtlp, tracesPayload, newSpanId, newTraceId } from "../support/otlp-json.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { startServices } from "../support/services.ts";

const TOKEN = "test-token-0123456789abcdef";
const skipStack = process.env.OTEL_GATEWAY_SKIP_STACK === "1";

describe("otlpAccess: what npm start demands", () => {
  const cases: Array<[string, NodeJS.ProcessEnv, RegExp | { token?: string; tls: boolean }]> = [
    ["loopback by default, no token needed", {}, { tls: false }],
    [
      "beyond loopback without a token: refused, naming the variable",
      { COLLECTOR_OTLP_HOST: "0.0.0.0" },
      /COLLECTOR_OTLP_HOST=0\.0\.0\.0 .*set OTLP_BEARER_TOKEN/,
    ],
    ["beyond loopback with a token: allowed", { COLLECTOR_OTLP_HOST: "0.0.0.0", OTLP_BEARER_TOKEN: TOKEN }, { token: TOKEN, tls: false }],
    ["a short token: refused", { COLLECTOR_OTLP_HOST: "10.0.0.5", OTLP_BEARER_TOKEN: "secret" }, /OTLP_BEARER_TOKEN is 6 characters long/],
    ["a certificate without its key: refused", { COLLECTOR_TLS_CERT_FILE: "/tmp/cert.pem" }, /COLLECTOR_TLS_KEY_FILE/],
    ["a certificate and key: TLS", { COLLECTOR_TLS_CERT_FILE: "/tmp/cert.pem", COLLECTOR_TLS_KEY_FILE: "/tmp/key.pem" }, { tls: true }],
  ];
  for (const [name, env, expected] of cases) {
    test(name, () => {
      if (expected instanceof RegExp) return assert.throws(() => otlpAccess(env), expected);
      const access = otlpAccess(env);
      assert.equal(access.token, expected.token);
      assert.equal(Boolean(access.tls), expected.tls);
    });
  }

  test("the services' header is what the OTel SDK parses back into Authorization: Bearer <token>", () => {
    const token = "a,b;c%d=e";
    const { OTEL_EXPORTER_OTLP_HEADERS } = otlpClientEnv({ host: "0.0.0.0", token: `${token}-long-enough` });
    assert.deepEqual(parseKeyPairsIntoRecord(OTEL_EXPORTER_OTLP_HEADERS), { Authorization: `Bearer ${token}-long-enough` });
  });

  test("with TLS the collector's URL is https, and a named address replaces loopback", () => {
    const component = withOtlpAccess(collectorComponent(), { host: "10.0.0.5", token: TOKEN, tls: { certFile: "c", keyFile: "k", caFile: "c" } });
    assert.equal(component.url, "https://10.0.0.5:4318");
    assert.deepEqual(component.args.slice(-4), ["--config", authOverlay, "--config", tlsOverlay]);
  });
});

/** Sum of a collector self-metric's samples whose labels include all those given. */
async function selfMetric(collector: TestCollector, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${collector.telemetryUrl}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

const refusedHttp = (c: TestCollector) => selfMetric(c, "http_server_request_duration_seconds_count", { http_response_status_code: "401" });
const refusedGrpc = (c: TestCollector) => selfMetric(c, "rpc_server_call_duration_seconds_count", { rpc_response_status_code: "UNAUTHENTICATED" });
const acceptedSpans = (c: TestCollector) => selfMetric(c, "otelcol_receiver_accepted_spans_total", { receiver: "otlp" });

/** POST /v1/traces with the headers given, optionally over https with a CA; resolves with the status. */
function postTraces(url: string, headers: Record<string, string>, ca?: string): Promise<number> {
  const body = JSON.stringify(tracesPayload("access-test", [{ traceId: newTraceId(), spanId: newSpanId() }]));
  if (!ca) {
    return fetch(`${url}/v1/traces`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }).then(
      async (r) => (await r.arrayBuffer(), r.status),
    );
  }
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/traces`, { method: "POST", ca, headers: { "content-type": "application/json", ...headers } }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
    });
    req.once("error", reject);
    req.end(body);
  });
}

describe("the collector with gateway.auth.yaml", { skip: skipStack && "OTEL_GATEWAY_SKIP_STACK=1" }, () => {
  let collector: TestCollector;
  before(async () => {
    const binary = builtCollector() ?? (await provisionCollector());
    collector = await startCollector(binary, [authOverlay], { OTLP_BEARER_TOKEN: TOKEN, COLLECTOR_OTLP_HOST: "127.0.0.1" });
  });
  after(() => collector?.stop());

  test("refuses OTLP/HTTP without a token with 401, and counts it", async () => {
    const before = await refusedHttp(collector);
    assert.equal(await postTraces(collector.otlpHttpUrl, {}), 401);
    await pollUntil(async () => (await refusedHttp(collector)) === before + 1, "the 401 counted in http_server_request_duration_seconds_count");
  });

  test("refuses a wrong token with 401", async () => {
    assert.equal(await postTraces(collector.otlpHttpUrl, { authorization: `Bearer ${TOKEN}x` }), 401);
    assert.equal(await postTraces(collector.otlpHttpUrl, { authorization: TOKEN }), 401);
  });

  test("accepts the right token", async () => {
    const before = await acceptedSpans(collector);
    assert.equal(await postTraces(collector.otlpHttpUrl, { authorization: `Bearer ${TOKEN}` }), 200);
    await pollUntil(async () => (await acceptedSpans(collector)) > before, "the span counted as accepted");
  });

  test("refuses OTLP/gRPC without the token (Unauthenticated, counted) and accepts it with", async () => {
    const authority = `http://127.0.0.1:${collector.otlpGrpcPort}`;
    const before = await refusedGrpc(collector);
    assert.equal((await grpcExportTraces(authority)).status, 16);
    assert.equal((await grpcExportTraces(authority, { headers: { authorization: "Bearer wrong-token-000000" } })).status, 16);
    await pollUntil(async () => (await refusedGrpc(collector)) === before + 2, "both refusals counted in rpc_server_call_duration_seconds_count");
    assert.equal((await grpcExportTraces(authority, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 0);
  });
});

describe(
  "the collector with gateway.auth.yaml and gateway.tls.yaml, and a real service",
  { skip: skipStack && "OTEL_GATEWAY_SKIP_STACK=1", timeout: 120_000 },
  () => {
    let collector: TestCollector;
    let ca: string;
    const dir = mkdtempSync(join(tmpdir(), "otlp-tls-"));
    const certFile = join(dir, "cert.pem");
    const keyFile = join(dir, "key.pem");
    before(async () => {
      // A self-signed certificate for 127.0.0.1: it is its own CA.
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-keyout",
          keyFile,
          "-out",
          certFile,
          "-days",
          "1",
          "-subj",
          "/CN=otel-gateway-test",
          "-addext",
          "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        { stdio: "ignore" },
      );
      ca = execFileSync("cat", [certFile], { encoding: "utf8" });
      const binary = builtCollector() ?? (await provisionCollector());
      collector = await startCollector(binary, [authOverlay, tlsOverlay], {
        OTLP_BEARER_TOKEN: TOKEN,
        COLLECTOR_OTLP_HOST: "127.0.0.1",
        COLLECTOR_TLS_CERT_FILE: certFile,
        COLLECTOR_TLS_KEY_FILE: keyFile,
      });
    });
    after(() => collector?.stop());

    const httpsUrl = () => collector.otlpHttpUrl.replace("http:", "https:");

    test("speaks TLS on OTLP/HTTP to a client that trusts the CA, and still wants the token", async () => {
      assert.equal(await postTraces(httpsUrl(), { authorization: `Bearer ${TOKEN}` }, ca), 200);
      assert.equal(await postTraces(httpsUrl(), {}, ca), 401);
      // Go's TLS server answers a plain-HTTP request with 400 ("Client sent an HTTP request to an HTTPS server").
      assert.equal(await postOtlp(collector.otlpHttpUrl, "traces", tracesPayload("access-test", [])), 400, "plain HTTP is not taken");
    });

    test("speaks TLS on OTLP/gRPC", async () => {
      const result = await grpcExportTraces(`https://127.0.0.1:${collector.otlpGrpcPort}`, { headers: { authorization: `Bearer ${TOKEN}` }, tls: { ca } });
      assert.equal(result.status, 0, result.message);
    });

    test("a real service with OTEL_EXPORTER_OTLP_HEADERS and OTEL_EXPORTER_OTLP_CERTIFICATE delivers its spans", async () => {
      const before = await acceptedSpans(collector);
      const refusedBefore = await refusedHttp(collector);
      const env = otlpClientEnv({ host: "127.0.0.1", token: TOKEN, tls: { certFile, keyFile, caFile: certFile } });
      const running = await startServices({
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: httpsUrl(),
        OTEL_BSP_SCHEDULE_DELAY: "100",
        OTEL_METRIC_EXPORT_INTERVAL: "1000",
      });
      try {
        const response = await fetch(`${running.services["cv-parser"].url}/v1/cvs/parse`, {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "Jane Doe\nSkills: TypeScript, Kubernetes",
        });
        assert.equal(response.status, 200);
        await pollUntil(async () => (await acceptedSpans(collector)) > before, "the service's spans accepted by the collector", { timeoutMs: 20_000 });
        assert.equal(await refusedHttp(collector), refusedBefore, "none of the service's exports refused");
      } finally {
        await running.stop();
      }
    });
  },
);
