// The monitoring console: `npm start` runs it as a stack component (src/stack/components/console.ts).
// Listens on CONSOLE_HOST:CONSOLE_PORT (default 127.0.0.1:3300); beyond loopback only with CONSOLE_TOKEN
// (16 characters or more). It answers only for loopback's names, CONSOLE_HOST and CONSOLE_ALLOWED_HOSTS.
// No OpenTelemetry here on purpose: the console's own queries would show up in what it displays.
import { envString } from "../config/index.ts";
import { portOf } from "../stack/ports.ts";
import { createConsoleApp } from "./app.ts";
import { isLoopback, weakToken } from "../http/guard.ts";
import { defaultContext } from "./context.ts";
import { onStopSignal } from "../lifecycle/signals.ts";

const host = envString("CONSOLE_HOST", "127.0.0.1");
const port = portOf("CONSOLE_PORT");
const token = process.env.CONSOLE_TOKEN?.trim() || undefined;

if (!isLoopback(host) && !token) {
  console.error(`CONSOLE_HOST=${host} is beyond loopback: set CONSOLE_TOKEN too (the console shows every request's logs and traces).`);
  process.exit(2);
}
const weak = weakToken("CONSOLE_TOKEN", token);
if (weak) {
  console.error(`The console refuses to start: ${weak}`);
  process.exit(2);
}

const allowedHosts = envString("CONSOLE_ALLOWED_HOSTS", "");
const server = createConsoleApp({ context: defaultContext(), token, host, allowedHosts }).listen(port, host, () => {
  console.log(`console on http://${host.includes(":") ? `[${host}]` : host}:${port}${token ? " (token required)" : ""}`);
});
server.on("error", (error) => {
  console.error(`console: ${error.message}`);
  process.exit(1);
});
onStopSignal(() => new Promise<void>((resolve) => server.close(() => resolve())));
