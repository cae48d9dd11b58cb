// On a machine shared by several people, whole-stack runs take turns through a lock file
// (flock). With OTEL_STACK_LOCK=<file> the benchmark holds it only while its stack runs, not for
// the whole suite; unset (CI, a machine of your own) nothing is locked.
import { spawn } from "node:child_process";

export async function withStackLock<T>(run: () => Promise<T>, file = process.env.OTEL_STACK_LOCK, say = (_: string) => {}): Promise<T> {
  if (!file) return run();
  say(`waiting for the stack lock ${file}`);
  // flock holds the lock while `cat` reads its stdin; closing stdin releases it.
  const holder = spawn("flock", [file, "sh", "-c", "echo locked; exec cat"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once("data", () => resolve());
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new Error(`flock ${file} exited with ${code} before locking`)));
  });
  try {
    return await run();
  } finally {
    holder.stdin!.end();
  }
}
