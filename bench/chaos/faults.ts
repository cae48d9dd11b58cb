// The faults the chaos suite injects into a running stack, through its supervisor: a backend down
// (stopped: connection refused), hung (SIGSTOP: connections open, no answer), and the collector
// killed with SIGKILL in the middle of an outage (the supervisor restarts it).
import type { RunningStack } from "../../src/stack/stack.ts";

export const BACKENDS = ["jaeger", "opensearch", "prometheus"] as const;
export type Backend = (typeof BACKENDS)[number];

export interface Fault {
  name: string;
  /** Starts the fault; the probe starts sending right after, so nothing it sends predates the fault. */
  inject(stack: RunningStack): Promise<void>;
  /** Halfway through the fault, if anything more happens then. */
  midway?(stack: RunningStack): Promise<void>;
  /** Ends the fault (the backend is back, or resumes). */
  end(stack: RunningStack): Promise<void>;
  /** Figures of its own, as Markdown, once it ended (the overload's statuses and memory). */
  report?(): string | undefined;
}

function groupOf(stack: RunningStack, name: string): number {
  const pid = stack.running.find(({ component }) => component.name === name)?.child.pid;
  if (pid === undefined) throw new Error(`no running ${name}`);
  return pid;
}

/** SIGSTOP/SIGCONT the whole process group (a JVM's or gunicorn's threads and workers alike). */
const signalAll = (stack: RunningStack, names: readonly string[], signal: NodeJS.Signals) =>
  names.forEach((name) => process.kill(-groupOf(stack, name), signal));

export function refused(...backends: Backend[]): Fault {
  return {
    name: `${backends.join("+")} down (refused)`,
    inject: async (stack) => void (await Promise.all(backends.map((name) => stack.supervisor.hold(name)))),
    // Jaeger keeps its traces in OpenSearch and will not start without it: the store comes back first.
    end: async (stack) => {
      await Promise.all(backends.filter((name) => name !== "jaeger").map((name) => stack.supervisor.resume(name)));
      if (backends.includes("jaeger")) await stack.supervisor.resume("jaeger");
    },
  };
}

export function hung(...backends: Backend[]): Fault {
  return {
    name: `${backends.join("+")} hung (SIGSTOP)`,
    inject: async (stack) => signalAll(stack, backends, "SIGSTOP"),
    end: async (stack) => signalAll(stack, backends, "SIGCONT"),
  };
}

/** Everything queued on disk while the backends hang must survive a kill -9 of the collector. */
export function collectorKilledDuringOutage(): Fault {
  return {
    ...hung(...BACKENDS),
    name: "collector kill -9, all hung",
    midway: async (stack) => {
      process.kill(groupOf(stack, "collector"), "SIGKILL");
    },
  };
}
