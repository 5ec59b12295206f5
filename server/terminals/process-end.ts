// Ends a shell and everything it started, found by the mark in their environment (Linux /proc).
import type { Logger } from "../../shared/util/index.js";
import { findProcessesByEnv, waitUntilGone } from "../core/index.js";

/** How long the shell and its jobs get to exit after SIGHUP before SIGKILL, in ms. */
export const HANGUP_GRACE_MS = 1000;
/** How long SIGKILLed processes get to be gone, in ms (they cannot refuse; this only covers the kernel's work). */
const KILL_WAIT_MS = 2000;

/**
 * Ends the shell `shellPid` (`undefined` when it already exited) and every live process whose environment holds `markVar=markValue` (what the shell
 * started, also jobs in their own process groups, `setsid` children and those reparented to init):
 * 1. SIGHUP to the shell's process group (node-pty makes the shell a session and group leader) and to every marked
 *    process, as closing a terminal window does; a shell passes it on to its jobs;
 * 2. waits up to {@link HANGUP_GRACE_MS} for the shell to exit (`shellExited`) and the marked processes to be gone;
 * 3. SIGKILL to whatever still carries the mark (looked up again: a job may have started meanwhile) and to the
 *    shell's group, then waits until they are gone. What is still alive after that is logged as a warning.
 * Where `/proc` is missing only the shell's process group is signalled.
 */
export async function endMarkedProcesses(
  shellPid: number | undefined,
  markVar: string,
  markValue: string,
  shellExited: Promise<void>,
  logger: Logger,
): Promise<void> {
  let shellGone = shellPid === undefined;
  void shellExited.then(() => {
    shellGone = true;
  });
  if (shellPid !== undefined) signal(-shellPid, "SIGHUP");
  const marked = await findProcessesByEnv(markVar, markValue);
  for (const entry of marked) signal(entry.pid, "SIGHUP");
  const pids = [...(shellPid === undefined ? [] : [shellPid]), ...marked.map((entry) => entry.pid)];
  const settled = Promise.all([shellExited, waitUntilGone(pids, HANGUP_GRACE_MS)]);
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, HANGUP_GRACE_MS).unref());
  await Promise.race([settled, timeout]);

  const left = await findProcessesByEnv(markVar, markValue);
  // Once the shell has exited (and node-pty reaped it) its pid may belong to another process: leave it alone.
  if (!shellGone && shellPid !== undefined) {
    signal(-shellPid, "SIGKILL");
    signal(shellPid, "SIGKILL");
  }
  for (const entry of left) signal(entry.pid, "SIGKILL");
  const alive = await waitUntilGone(
    [...(shellGone || shellPid === undefined ? [] : [shellPid]), ...left.map((entry) => entry.pid)],
    KILL_WAIT_MS,
  );
  if (alive.length > 0) logger.warn("terminal processes still alive after SIGKILL", { pids: alive.join(",") });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone (ESRCH), or not ours (EPERM): nothing to end
  }
}
