// Process lifecycle shared by `npm start` and `npm run demo`: stop cleanly on signals, explain a failed start.
import { ConfigError, endLeftoverProcesses, isLoopbackAddress } from "./core/index.js";

/** Warns on the console when `host` is not a loopback address: other machines could reach the agents. */
export function warnIfExposed(host: string): void {
  if (isLoopbackAddress(host)) return;
  console.warn(
    `Warning: LIMINAL_HOST=${host} is not a loopback address: other machines can reach this server, ` +
      "which runs agents that execute shell commands. Anyone with the access token controls them.",
  );
}

/** A second signal sooner than this after the first is the same stop request arriving twice, in ms. */
export const REPEAT_SIGNAL_MS = 1000;

/**
 * Installs SIGINT / SIGTERM handlers: the first signal prints `<SIGNAL>: stopping<what> (ending every CLI process)…`,
 * runs `stop` (which ends every CLI process), SIGKILLs whatever still carries this process's owner mark
 * (`endLeftoverProcesses`: an agent that missed its end in a race) and exits 0, also when `stop` fails (the failure is
 * printed). A second signal {@link REPEAT_SIGNAL_MS} or more after the first exits 1 at once ("Stopping
 * immediately."); one sooner is ignored: one Ctrl+C reaches the server twice, from the terminal (to the whole process
 * group) and relayed by npm or tsx. Install it before start-up finishes, so a Ctrl+C right after the URL appears still
 * cleans up.
 */
export function stopOnSignals(what: string, stop: () => Promise<unknown>): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (performance.now() - stoppingSince < REPEAT_SIGNAL_MS) return;
      console.log("Stopping immediately.");
      process.exit(1);
    }
    stoppingSince = performance.now();
    console.log(`\n${signal}: stopping${what ? ` ${what}` : ""} (ending every CLI process)…`);
    stop()
      .catch((error: unknown) => console.error(`Error while stopping: ${(error as Error).message}`))
      // One server per process here: whatever still carries its owner mark (an agent that missed its end) goes too.
      .then(() => endLeftoverProcesses())
      .then((left) => {
        if (left.length > 0) console.warn(`Ended ${left.length} process(es) left after stopping: ${left.join("; ")}`);
      })
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** What a file system error code says about the path it names, in words (Node's `ErrnoException.code`). */
const PATH_PROBLEMS: Record<string, string> = {
  EISDIR: "is a folder where a file belongs",
  ENOTDIR: "lies under a file where a folder belongs",
  EACCES: "is not accessible (permission denied)",
  EPERM: "is not accessible (operation not permitted)",
  ENOSPC: "cannot be written: the disk is full",
  EROFS: "is on a read-only file system",
  ENOENT: "does not exist",
};

/**
 * One sentence saying why the server could not start and what to do: a config error, a port in use, a data folder
 * problem naming the path (e.g. `<dataDir>/access-token is a folder where a file belongs: …`), never a stack trace.
 */
export function startFailureMessage(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (error instanceof ConfigError) return error.message;
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === "EADDRINUSE") {
    return `port ${env.LIMINAL_PORT || "3000"} is in use: stop what uses it or pick another with LIMINAL_PORT=<port>`;
  }
  const problem = code === undefined ? undefined : PATH_PROBLEMS[code];
  if (path && problem) return `${path} ${problem}: fix or move it aside, or pick another LIMINAL_DATA_DIR`;
  if (code === "EACCES" || code === "EPERM") return `${(error as Error).message}: check LIMINAL_DATA_DIR and the port`;
  return error instanceof Error ? error.message : String(error);
}
