// A notification receiver for tests: the stack's own inbox (src/alerting/inbox), in-process on a free
// loopback port, so a test reads exactly what Alertmanager posted.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createInbox } from "../../src/alerting/inbox/server.ts";
import { NotificationStore } from "../../src/alerting/inbox/store.ts";

export interface SlackAttachment {
  title?: string;
  title_link?: string;
  text?: string;
  color?: string;
}

export interface Received {
  receivedAt: string;
  status: string;
  title: string;
  body: { attachments?: SlackAttachment[]; status?: string; alerts?: { labels: Record<string, string> }[] };
}

export interface Receiver {
  url: string;
  /** Oldest first, of one channel (the path posted to: slack, webhook, heartbeat). */
  received(channel: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const store = new NotificationStore({ limit: 10_000 });
  const server = createInbox(store);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: (channel) => store.list({ channel, limit: 10_000 }).reverse() as unknown as Received[],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
