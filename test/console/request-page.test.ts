// "Find a request" against stand-in backends: Bugsink is asked only for a trace that exists, and a
// bounded number of times; a huge trace (30,000 siblings, a 20,000-deep chain) renders quickly, shows
// at most the cap of spans and says how many it left out.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, describe, it } from "node:test";
import { createConsoleApp } from "../../src/console/app.ts";
import { MAX_BUGSINK_CALLS } from "../../src/trace/events.ts";
import { MAX_SPANS_SHOWN } from "../../src/trace/span-tree.ts";
import { spansOf, startStandIn, type StandIn } from "../support/stand-in-backends.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const MISSING = "0af7651916cd43dd8448eb211c80319c";

async function consoleOn(standIn: StandIn): Promise<{ url: string; server: Server }> {
  const server = createConsoleApp({ context: { endpoints: () => standIn.endpoints, targets: [] } }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe("the request page", () => {
  const closers: (() => unknown)[] = [];
  after(() => Promise.all(closers.map((close) => close())));
  const start = async (traces: Record<string, ReturnType<typeof spansOf>>, issues = 50) => {
    const standIn = await startStandIn({ traces, issues });
    const { server, url } = await consoleOn(standIn);
    closers.push(
      () => standIn.close(),
      () => server.close(),
    );
    return { standIn, url };
  };

  it("asks Bugsink nothing for a 32-hex id with no trace, and answers 404", async () => {
    const { standIn, url } = await start({});
    const response = await fetch(`${url}/request?id=${MISSING}`);
    assert.equal(response.status, 404);
    assert.equal(standIn.bugsinkCalls(), 0);
  });

  it(`asks Bugsink at most ${MAX_BUGSINK_CALLS} times for a trace that exists, however many issues and events it holds`, async () => {
    const { standIn, url } = await start({ [TRACE]: spansOf("siblings", 3) });
    assert.equal((await fetch(`${url}/request?id=${TRACE}`)).status, 200);
    assert.ok(standIn.bugsinkCalls() <= MAX_BUGSINK_CALLS, `${standIn.bugsinkCalls()} calls`);
  });

  for (const [shape, count] of [
    ["siblings", 30_000],
    ["chain", 20_000],
  ] as const) {
    it(`renders a trace of ${count} spans in a ${shape === "siblings" ? "flat fan-out" : "parent chain"} within 5 s, showing ${MAX_SPANS_SHOWN} and saying how many are left out`, async () => {
      // No Bugsink issues: the time measured is the trace's (before the fix: 51 s for the fan-out, a 500 for the chain; load 23 on 2 cores).
      const { url } = await start({ [TRACE]: spansOf(shape, count) }, 0);
      const started = performance.now();
      const response = await fetch(`${url}/request?id=${TRACE}`);
      const body = await response.text();
      const seconds = (performance.now() - started) / 1000;
      assert.equal(response.status, 200, body.slice(0, 500));
      assert.ok(seconds < 5, `${seconds.toFixed(2)} s`);
      assert.equal(body.match(/<li class="span/g)?.length, MAX_SPANS_SHOWN);
      assert.match(body, new RegExp(`${count - MAX_SPANS_SHOWN} more spans are not shown`));
    });
  }
});
