// Log lines for stdout, gathered and written together: one write a request was about a twentieth of our
// telemetry's CPU (a system call each, stdout being synchronous for files and pipes on Linux). Lines wait
// at most FLUSH_MS, like the OTel records beside them in their batch; a full buffer is written at once, and
// whatever is left goes out when the process exits (the write is synchronous there too). The winston
// logger's lines are not held, so one can precede an access line written up to FLUSH_MS before it; every
// line carries its timestamp.

const FLUSH_MS = 50;
const MAX_BUFFERED = 64 * 1024;

let pending = "";
let timer: NodeJS.Timeout | undefined;

export function flushStdoutLines(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (!pending) return;
  const lines = pending;
  pending = "";
  process.stdout.write(lines);
}

/** `line` is written, with its newline, within FLUSH_MS. */
export function writeStdoutLine(line: string): void {
  pending += `${line}\n`;
  if (pending.length >= MAX_BUFFERED) flushStdoutLines();
  else timer ??= setTimeout(flushStdoutLines, FLUSH_MS).unref();
}

process.on("exit", flushStdoutLines);
