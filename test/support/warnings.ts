/** The messages of the process warnings `run` emits (process.emitWarning delivers on the next tick). */
export async function captureWarnings(run: () => void): Promise<string[]> {
  const warnings: string[] = [];
  const listener = (warning: Error) => warnings.push(warning.message);
  process.on("warning", listener);
  run();
  await new Promise((resolve) => setImmediate(resolve));
  process.off("warning", listener);
  return warnings;
}
