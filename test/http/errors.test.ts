// One table of error codes, owned by the HTTP layer: its own codes, and the services' added to it
// (src/services/shared/error-codes.ts), each answering with its status and title.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorCodeEntry, HTTP_ERROR_CODES, problemOf, registerErrorCodes } from "../../src/http/errors.ts";
import { HttpError, SERVICE_ERROR_CODES } from "../../src/services/shared/error-codes.ts";

describe("the one table of error codes", () => {
  it("answers the HTTP layer's codes and the services' registered ones with their status and title", () => {
    for (const [code, entry] of Object.entries({ ...HTTP_ERROR_CODES, ...SERVICE_ERROR_CODES })) {
      const error = new HttpError(code as keyof typeof HTTP_ERROR_CODES);
      assert.equal(error.status, entry.status, code);
      assert.equal(problemOf(error).title, entry.title, code);
    }
  });

  it("takes a code registered again with the same meaning, and refuses one with another", () => {
    registerErrorCodes({ model_failed: SERVICE_ERROR_CODES.model_failed });
    assert.throws(() => registerErrorCodes({ not_found: { status: 410, title: "Gone" } }), /error code not_found is registered twice, differently/);
    assert.equal(errorCodeEntry("not_found").status, 404);
  });
});
