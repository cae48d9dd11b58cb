// `npm run trace -- <request-id | trace-id>`: everything the running stack knows of one request.
import { readEndpoints } from "../stack/endpoints.ts";
import { formatLookup, printable } from "./format.ts";
import { lookup } from "./lookup.ts";

const id = process.argv[2];
if (!id) {
  console.error("usage: npm run trace -- <request-id | trace-id>");
  process.exit(2);
}
// Every failure (no running stack, a source that does not answer) is one line and exit code 1.
const result = await Promise.resolve()
  .then(() => lookup(id, readEndpoints()))
  .catch((error: Error) => {
    console.error(printable(error.message));
    process.exit(1);
  });
if (!result) {
  console.error(printable(`No trace found for ${JSON.stringify(id)} in Jaeger or in the logs.`));
  process.exit(1);
}
console.log(formatLookup(result));
