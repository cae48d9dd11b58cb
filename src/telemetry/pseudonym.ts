// The key of the pseudonymous user ids sent with error events. A known key would make them
// reversible (an id space as small as IPv4 is hashed in minutes), so there is no default: npm start
// hands every service one random key per stack, production refuses to start without one, and
// anything else (a service run alone, a test) gets a random key per process, stable only there.
import { createHmac, randomBytes } from "node:crypto";

export class MissingPseudonymKeyError extends Error {
  constructor() {
    super(
      "PSEUDONYM_KEY is not set: with NODE_ENV=production a service needs its own secret key for the pseudonymous user ids (e.g. `openssl rand -hex 32`), the same for every service of a deployment",
    );
  }
}

let processKey: string | undefined;

/** PSEUDONYM_KEY; throws MissingPseudonymKeyError under NODE_ENV=production without one. */
export function pseudonymKey(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PSEUDONYM_KEY) return env.PSEUDONYM_KEY;
  if (env.NODE_ENV === "production") throw new MissingPseudonymKeyError();
  processKey ??= randomBytes(32).toString("hex");
  return processKey;
}

/** A stable pseudonym: the same caller gets the same id across services, and it cannot be reversed without the key. */
export function pseudonymousUserId(userKey: string, env: NodeJS.ProcessEnv = process.env): string {
  return createHmac("sha256", pseudonymKey(env)).update(userKey).digest("hex").slice(0, 16);
}
