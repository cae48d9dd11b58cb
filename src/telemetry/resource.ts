// Resource detectors from OTEL_NODE_RESOURCE_DETECTORS, as NodeSDK reads it: env, process and
// host by default; "all", "none" or a list of env, host, os, process, serviceinstance.
import { envDetector, hostDetector, osDetector, processDetector, serviceInstanceIdDetector, type ResourceDetector } from "@opentelemetry/resources";

const DETECTORS: Record<string, ResourceDetector> = {
  env: envDetector,
  host: hostDetector,
  os: osDetector,
  process: processDetector,
  serviceinstance: serviceInstanceIdDetector,
};

export function resourceDetectorsFromEnv(env: NodeJS.ProcessEnv = process.env): ResourceDetector[] {
  const names = (env.OTEL_NODE_RESOURCE_DETECTORS ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return [envDetector, processDetector, hostDetector];
  if (names.includes("none")) return [];
  if (names.includes("all")) return Object.values(DETECTORS);
  const unknown = names.filter((name) => !(name in DETECTORS));
  if (unknown.length)
    process.emitWarning(
      `OTEL_NODE_RESOURCE_DETECTORS: ${unknown.join(", ")} not available here; using ${names.filter((name) => name in DETECTORS).join(", ") || "none"}`,
      { code: "OTEL_GATEWAY_BAD_ENV" },
    );
  return names.filter((name) => name in DETECTORS).map((name) => DETECTORS[name]!);
}
