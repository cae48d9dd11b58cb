// The services' own error codes (flags, injected faults, the model), added to the
// HTTP layer's one table (src/http/errors.ts). Services take HttpError from here: importing this
// module is what registers the codes before any is thrown.
// The inner file: plain data, so the bare bench server can load it without the telemetry SDK.
import { registerErrorCodes, type ErrorCodeEntry } from "../../http/errors.ts";

export const SERVICE_ERROR_CODES = {
  unknown_flag: { status: 404, title: "No such feature flag" },
  invalid_flag_value: { status: 422, title: "The flag value has the wrong type or range" },
  injected_failure: { status: 500, title: "A failure injected by a fault flag" },
  unavailable: { status: 503, title: "This service is switched off by a fault flag" },
  model_failed: { status: 502, title: "The extraction model failed" },
} as const satisfies Record<string, ErrorCodeEntry>;

declare module "../../http/errors.ts" {
  interface ErrorCodeTables {
    services: typeof SERVICE_ERROR_CODES;
  }
}

registerErrorCodes(SERVICE_ERROR_CODES);

export { HttpError } from "../../http/errors.ts";
