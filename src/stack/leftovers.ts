// Before a stack starts: what an earlier `npm start` left running (it was killed, its terminal
// closed) is stopped, and said so; a stack whose `npm start` still runs is left alone, and refused.
import { ownerAlive, PidFiles } from "../lifecycle/pid-files.ts";
import { StartError } from "./child-process.ts";

/** The parts' processes do not outlive a stop of ours, but they can outlive a SIGKILL of it: their
 * pipes and sockets went with it, so they are stopped rather than adopted. */
export async function stopLeftovers(pidDir: string, say: (message: string) => void): Promise<void> {
  const pidFiles = new PidFiles(pidDir);
  const owners = new Set(
    pidFiles
      .list()
      .filter((record) => record.owner.pid !== process.pid && ownerAlive(record))
      .map((record) => record.owner.pid),
  );
  if (owners.size) throw new StartError("stack", `another npm start (pid ${[...owners].join(", ")}) is running this stack (${pidDir}): stop it first`, "");
  for (const { name, pids } of await pidFiles.stopLeftovers()) {
    say(`stopped ${name} (pid ${pids.join(", ")}), left running by an earlier npm start that did not stop it`);
  }
}
