// A small OpenAI-compatible chat server on loopback, standing in for the third-party model: it
// answers skills as JSON with token usage, and can fail every Nth call like a flaky provider.
import { createServer, type Server } from "node:http";

export interface SeenRequest {
  authorization?: string;
  model: string;
  system: string;
}

export interface ModelServerOptions {
  /** Every request, as the model saw it. */
  seen?: SeenRequest[];
  /** Every Nth call answers HTTP 500 (0: never). */
  failEvery?: number;
  /** Read on every call, so a test can switch it: answer, fail with HTTP 500, or hang up unanswered. */
  behaviour?: { answer: "ok" | "http-500" | "hang-up" };
}

export function startModelServer({ seen = [], failEvery = 0, behaviour = { answer: "ok" } }: ModelServerOptions = {}): Promise<Server> {
  let calls = 0;
  const server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const body = JSON.parse(raw);
      const system: string = body.messages[0].content;
      seen.push({ authorization: request.headers.authorization, model: body.model, system });
      if (behaviour.answer === "hang-up") {
        request.socket.destroy();
        return;
      }
      if (behaviour.answer === "http-500" || (failEvery > 0 && ++calls % failEvery === 0)) {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: "overloaded" } }));
        return;
      }
      const content = system.includes("job posting")
        ? { required: ["rustlang", "k8s"], niceToHave: ["Elixir", "not a skill at all"] }
        : { skills: ["Rust", "elixir", "NodeJS"] };
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          model: `${body.model}-2024-07-18`,
          choices: [{ message: { role: "assistant", content: JSON.stringify(content) } }],
          usage: { prompt_tokens: 1200, completion_tokens: 300 },
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
