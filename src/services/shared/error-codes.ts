// The services' own error codes (flags, injected faults, downstream calls, the model); the generic
// HTTP ones and the one HttpError that takes both are in src/http/errors.ts.
export const SERVICE_ERROR_CODES = {
  unknown_flag: { status: 404, title: "No such feature flag" },
  invalid_flag_value: { status: 422, title: "The flag value has the wrong type or range" },
  injected_failure: { status: 500, title: "A failure injected by a fault flag" },
  unavailable: { status: 503, title: "This service is switched off by a fault flag" },
  upstream_failed: { status: 502, title: "A downstream service failed" },
  upstream_unavailable: { status: 503, title: "A downstream service is unavailable" },
  upstream_timeout: { status: 504, title: "A downstream service did not answer in time" },
  model_failed: { status: 502, title: "The extraction model failed" },
} as const satisfies Record<string, { status: number; title: string }>;
