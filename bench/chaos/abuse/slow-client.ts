// A slowloris-style client: `sockets` connections to one HTTP server, half sending their headers one
// byte a second, half complete headers announcing a 1 MB body then one byte of it a second, for at
// most `seconds`. Counted: what the server answered and when it hung up; every socket is destroyed
// at the end, so nothing outlives the case.
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface SlowClientFigures {
  sockets: number;
  /** Sockets the server closed (or answered) before the client gave up, and the median time it took. */
  closedByServer: number;
  medianCloseS: number | undefined;
  /** Status lines received, by status code ("none": closed by the server without an answer). */
  answers: Record<string, number>;
  /** Sockets that could not connect at all. */
  refused: number;
}

export async function slowClients(url: string, { sockets = 256, seconds = 20, path = "/v1/traces" } = {}): Promise<SlowClientFigures> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  const closedAfter: number[] = [];
  const answers: Record<string, number> = {};
  let refused = 0;
  const open: Socket[] = [];
  const headers = `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`;
  for (let i = 0; i < sockets; i++) {
    const socket = connect({ host: hostname, port: Number(port) });
    open.push(socket);
    let answered = false;
    socket.on("data", (data) => {
      if (answered) return;
      answered = true;
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(data.toString("latin1"))?.[1] ?? "other";
      answers[status] = (answers[status] ?? 0) + 1;
    });
    socket.on("error", (error: NodeJS.ErrnoException) => void (error.code === "ECONNREFUSED" && refused++));
    socket.on("close", () => {
      if (Date.now() - started >= seconds * 1000) return;
      closedAfter.push((Date.now() - started) / 1000);
      if (!answered) answers.none = (answers.none ?? 0) + 1;
    });
    // Slow headers on even sockets; on odd ones the headers at once, then a slow body.
    socket.once("connect", () => void (i % 2 ? socket.write(headers) : socket.write(headers.slice(0, 1))));
  }
  for (let tick = 1; Date.now() - started < seconds * 1000; tick++) {
    await sleep(1_000);
    open.forEach((socket, i) => {
      if (socket.destroyed || !socket.writable) return;
      socket.write(i % 2 ? "{" : headers.slice(tick, tick + 1));
    });
  }
  const closedByServer = closedAfter.length;
  await Promise.all(
    open.map((socket) => new Promise((resolve) => (socket.destroyed ? resolve(undefined) : (socket.once("close", resolve), socket.destroy())))),
  );
  closedAfter.sort((a, b) => a - b);
  return { sockets, closedByServer, medianCloseS: closedAfter[Math.floor(closedAfter.length / 2)], answers, refused };
}
