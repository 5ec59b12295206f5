// Integration tests of CliProcess with a stand-in shell process: exit reporting and termination without leftovers.
import { afterEach, describe, expect, it } from "vitest";
import { findProcessesByEnv } from "../../core/index.js";
import { CliProcess, PROCESS_MARK_VAR } from "./cli-process.js";

const started: CliProcess[] = [];

/** Spawns `sh -c script` the way the SDK would call `spawnClaudeCodeProcess`. */
function start(script: string): CliProcess {
  const cli = new CliProcess();
  started.push(cli);
  cli.spawn({
    command: "sh",
    args: ["-c", script],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    signal: new AbortController().signal,
  });
  return cli;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((cli) => cli.terminate(0, 200)));
});

describe("CliProcess", () => {
  it("reports how the process exited, with the tail of its stderr", async () => {
    const cli = start("echo 'fatal: no config' >&2; exit 3");
    const exits: unknown[] = [];
    cli.onExit((exit) => exits.push(exit));
    await expect(cli.exited).resolves.toEqual({ exitCode: 3, signal: null });
    expect(exits).toEqual([{ exitCode: 3, signal: null }]);
    await expect.poll(() => cli.stderrTail).toContain("fatal: no config");
    expect(cli.isRunning).toBe(false);
  });

  it("terminates a process that ignores its closed input, and every process it started, even in another session", async () => {
    const cli = start("setsid sleep 30 & sleep 30 & echo started; wait");
    await expect.poll(() => findProcessesByEnv(PROCESS_MARK_VAR, cli.mark).then((p) => p.length)).toBe(3);
    await cli.terminate(100, 500);
    expect(cli.exit).toMatchObject({ signal: "SIGTERM" });
    expect(await findProcessesByEnv(PROCESS_MARK_VAR, cli.mark)).toEqual([]);
  });

  it("cleans up the children of a process that was killed from outside", async () => {
    const cli = start("setsid sleep 30 & echo started; wait");
    // `setsid` has exec'd `sleep` (its own session) before the shell is killed
    await expect
      .poll(() => findProcessesByEnv(PROCESS_MARK_VAR, cli.mark).then((p) => p.map(({ args }) => args)))
      .toContain("sleep 30");
    process.kill(cli.pid as number, "SIGKILL");
    await cli.exited;
    expect((await findProcessesByEnv(PROCESS_MARK_VAR, cli.mark)).map((p) => p.args)).toEqual(["sleep 30"]);
    await cli.terminate(0, 0);
    expect(await findProcessesByEnv(PROCESS_MARK_VAR, cli.mark)).toEqual([]);
  });
});
