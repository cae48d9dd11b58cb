// The trivial route every variant serves besides the realistic one: no work of its own, so what a
// request costs there is the framework and the telemetry (what published overhead figures use).
import type { Request, Response } from "express";

export const HELLO_PATH = "/hello";

export function hello(_request: Request, response: Response): void {
  response.json({ message: "hello" });
}
