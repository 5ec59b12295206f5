// Terminals end to end over the real sockets: a real bash on a PTY in the session's folder, driven like a browser does.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServerMessage, TerminalInfo } from "../../shared/contracts/index.js";
import { findProcessesByEnv } from "../core/index.js";
import { createTestApp, listen, TEST_TOKEN, type TestApp, TestClient } from "./testing/harness.js";
import { TerminalTestClient } from "./testing/terminal-client.js";

const MARK_VAR = "LIMINAL_TERMINAL_ID";

let t: TestApp;
let port: number;
let ws: TestClient;
let projectPath: string;
let sessionId: string;
const clients: TerminalTestClient[] = [];

beforeEach(async () => {
  t = await createTestApp({ terminalEnv: { LIMINAL_SECRET_SETTING: "s3cr3t" } });
  ({ port } = await listen(t.app));
  const project = await t.project("app");
  projectPath = project.path;
  sessionId = (await t.session(project.projectId)).sessionId;
  ws = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await ws.close();
  await t.close();
  // A failed test must not leave shells behind: every one of this test's carries HOME = its temp folder.
  for (const entry of await findProcessesByEnv("HOME", t.root)) killQuietly(entry.pid);
});

async function createTerminal(options: { cols?: number; rows?: number } = {}): Promise<TerminalInfo> {
  const reply = await ws.request({ type: "terminal:create", sessionId, ...options });
  if (reply.type !== "terminal:created") throw new Error(`terminal:create failed: ${JSON.stringify(reply)}`);
  return reply.terminal;
}

async function attach(terminalId: string, options: { since?: number; autoAck?: boolean } = {}) {
  const client = await TerminalTestClient.connect(port, terminalId, options);
  clients.push(client);
  await client.waitForFrame((frame) => frame.type === "attached", "attached");
  return client;
}

const marked = (terminalId: string) => findProcessesByEnv(MARK_VAR, terminalId);

describe("a terminal's shell", () => {
  it("runs in the session's folder, answers typed commands, and leaves the app's variables and token out", async () => {
    const terminal = await createTerminal();
    expect(terminal).toMatchObject({ sessionId, cwd: projectPath, state: "running", name: "Terminal 1" });
    const client = await attach(terminal.terminalId);
    client.type('echo "cwd=$(pwd)" "sum=$((6*7))"');
    await client.waitForOutput(new RegExp(`cwd=${projectPath} sum=42`));
    client.type('env > "$HOME/terminal-env.txt"; echo env-$((1+1))-written');
    await client.waitForOutput(/env-2-written\r?\n/);
    const env = await readFile(join(t.root, "terminal-env.txt"), "utf8");
    expect(env).not.toContain("LIMINAL_SECRET_SETTING");
    expect(env).not.toContain(TEST_TOKEN);
    expect(env).toContain(`${MARK_VAR}=${terminal.terminalId}\n`);
    expect(env).toContain("TERM=xterm-256color\n");
  });

  it("follows a resize (stty size) and reports the new size to every browser", async () => {
    const terminal = await createTerminal({ cols: 80, rows: 24 });
    const client = await attach(terminal.terminalId);
    client.send({ type: "resize", cols: 101, rows: 33 });
    await ws.waitFor(
      (m) => m.type === "terminal:updated" && m.terminal.cols === 101 && m.terminal.rows === 33,
      "terminal:updated with the new size",
    );
    client.type("stty size");
    await client.waitForOutput(/\r33 101\r\n/);
  });

  it("shows the exit status of a shell that ended, and restarts it in the same tab with the old output kept", async () => {
    const terminal = await createTerminal();
    const client = await attach(terminal.terminalId);
    client.type("echo before-$((1+2))-exit; exit 3");
    const exited = await client.waitForFrame(
      (frame) => frame.type === "terminal" && frame.terminal.state === "exited",
      "the exited terminal",
    );
    expect(exited).toMatchObject({ terminal: { state: "exited", exitCode: 3 } });
    await ws.waitFor((m) => m.type === "terminal:updated" && m.terminal.state === "exited", "terminal:updated exited");

    const restarted = await ws.request({ type: "terminal:restart", terminalId: terminal.terminalId });
    expect(restarted).toMatchObject({ type: "terminal:updated", terminal: { state: "running" } });
    expect(restarted.type === "terminal:updated" && restarted.terminal.exitCode).toBeFalsy();
    client.type("echo after-$((1+1))");
    await client.waitForOutput(/after-2/);
    const again = await attach(terminal.terminalId);
    expect(again.text).toMatch(/before-3-exit[\s\S]*after-2/);
  });

  it("renames and closes; a closed terminal's socket ends, and its processes are gone", async () => {
    const terminal = await createTerminal();
    const client = await attach(terminal.terminalId);
    const renamed = await ws.request({ type: "terminal:rename", terminalId: terminal.terminalId, name: "dev server" });
    expect(renamed).toMatchObject({ type: "terminal:updated", terminal: { name: "dev server" } });
    client.type("sleep 1000 & echo started-$!");
    await client.waitForOutput(/started-\d+/);
    await expect
      .poll(async () => (await marked(terminal.terminalId)).length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(2);

    const closed = await ws.request({ type: "terminal:close", terminalId: terminal.terminalId });
    expect(closed).toMatchObject({ type: "terminal:closed", terminalId: terminal.terminalId, sessionId });
    expect(await marked(terminal.terminalId)).toEqual([]);
    expect(await client.waitForClose()).toEqual({ code: 4404, reason: "TERMINAL_NOT_FOUND" });
    const list = await ws.request({ type: "terminal:list", sessionId });
    expect(list).toMatchObject({ type: "terminal:list", terminals: [] });
    const late = await TerminalTestClient.connect(port, terminal.terminalId);
    clients.push(late);
    expect(await late.waitForClose()).toEqual({ code: 4404, reason: "TERMINAL_NOT_FOUND" });
  });
});

describe("reattaching", () => {
  it("replays the kept output to a new page, only what it missed to a reconnect, and never re-runs input", async () => {
    const terminal = await createTerminal();
    const first = await attach(terminal.terminalId);
    first.type('echo run >> "$HOME/runs.txt"; echo first-$((0+1))-done');
    await first.waitForOutput(/first-1-done\r?\n/);
    const seen = first.end;
    await first.close();

    const reload = await attach(terminal.terminalId);
    expect(reload.frames[0]).toMatchObject({ type: "attached", offset: 0, reset: true });
    await reload.waitForOutput(/first-1-done/);

    const reconnect = await attach(terminal.terminalId, { since: seen });
    expect(reconnect.frames[0]).toMatchObject({ type: "attached", offset: seen, reset: false });
    reconnect.type("echo second-$((1+1))-done");
    await reconnect.waitForOutput(/second-2-done\r?\n/);
    expect(reconnect.text).not.toContain("first-");
    expect(await readFile(join(t.root, "runs.txt"), "utf8")).toBe("run\n");
  });
});

describe("processes end with their session", () => {
  it("archiving the session closes its terminals and ends every process they started, also setsid ones", async () => {
    const terminal = await createTerminal();
    const client = await attach(terminal.terminalId);
    client.type("sleep 1001 & setsid sleep 1002 & nohup sleep 1003 >/dev/null 2>&1 & echo jobs-$((2*2))");
    await client.waitForOutput(/jobs-4\r?\n/);
    await expect
      .poll(async () => (await marked(terminal.terminalId)).length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(4);

    const archived = await ws.request({ type: "session:archive", sessionId });
    expect(archived.type).toBe("session:archived");
    await ws.waitFor(
      (m) => m.type === "terminal:closed" && m.terminalId === terminal.terminalId,
      "terminal:closed after archive",
    );
    expect(await marked(terminal.terminalId)).toEqual([]);
  });

  it("the service's shutdown ends every terminal's processes", async () => {
    const a = await createTerminal();
    const b = await createTerminal();
    const client = await attach(a.terminalId);
    client.type("setsid sleep 1004 & echo bg-$((3*3))");
    await client.waitForOutput(/bg-9\r?\n/);
    await t.service.shutdown();
    expect(await marked(a.terminalId)).toEqual([]);
    expect(await marked(b.terminalId)).toEqual([]);
    const refused = await ws.request({ type: "terminal:create", sessionId });
    expect(refused).toMatchObject({ type: "error", code: "TERMINAL_START_FAILED" });
  });
});

describe("races", () => {
  it("keys and resizes sent while a terminal closes are dropped, and the server keeps serving", async () => {
    const terminal = await createTerminal();
    const client = await attach(terminal.terminalId);
    client.type("nohup sleep 30 >/dev/null 2>&1 & echo held-$((5*5))");
    await client.waitForOutput(/held-25\r?\n/);
    const closing = ws.request({ type: "terminal:close", terminalId: terminal.terminalId });
    let cols = 60;
    while (!client.closed && cols < 200) {
      client.send({ type: "resize", cols: cols++, rows: 20 });
      client.send({ type: "input", data: "x" });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await closing).toMatchObject({ type: "terminal:closed" });
    expect(await marked(terminal.terminalId)).toEqual([]);
    expect(await ws.request({ type: "terminal:list", sessionId })).toMatchObject({ terminals: [] });
  });

  it("two restarts at once start one shell", async () => {
    const terminal = await createTerminal();
    const [first, second] = await Promise.all([
      ws.request({ type: "terminal:restart", terminalId: terminal.terminalId }),
      ws.request({ type: "terminal:restart", terminalId: terminal.terminalId }),
    ]);
    expect(first).toMatchObject({ type: "terminal:updated", terminal: { state: "running" } });
    expect(second).toMatchObject({ type: "terminal:updated", terminal: { state: "running" } });
    const shells = (await marked(terminal.terminalId)).filter((entry) => entry.args.startsWith("/bin/bash"));
    expect(shells).toHaveLength(1);
    const client = await attach(terminal.terminalId);
    client.type(`echo "pid=$$"`);
    const [, pid] = await client.waitForOutput(/pid=(\d+)\r?\n/);
    expect(Number(pid)).toBe(shells[0]?.pid);
  });

  it("a terminal created while its session is archived, or while the server stops, leaves no shell behind", async () => {
    const created = ws.request({ type: "terminal:create", sessionId });
    const archived = ws.request({ type: "session:archive", sessionId });
    await Promise.all([created, archived]);
    await expect.poll(() => findProcessesByEnv("HOME", t.root), { timeout: 5000 }).toEqual([]);
    expect(await ws.request({ type: "terminal:list", sessionId })).toMatchObject({ terminals: [] });
    expect(await ws.request({ type: "terminal:create", sessionId })).toMatchObject({
      type: "error",
      code: "TERMINAL_START_FAILED",
    });

    const other = (await t.session((await t.project("other")).projectId)).sessionId;
    await Promise.allSettled([t.service.terminals.create({ sessionId: other }), t.service.shutdown()]);
    expect(await findProcessesByEnv("HOME", t.root)).toEqual([]);
  });
});

describe("bad input and floods", () => {
  it("refuses malformed frames with INVALID_REQUEST and keeps the terminal usable", async () => {
    const terminal = await createTerminal();
    const client = await attach(terminal.terminalId);
    const bad: string[] = [
      "not json",
      JSON.stringify({ type: "resize", cols: 0, rows: 24 }),
      JSON.stringify({ type: "resize", cols: 80.5, rows: 24 }),
      JSON.stringify({ type: "resize", cols: 80, rows: 100_000 }),
      JSON.stringify({ type: "input", data: "x".repeat(64 * 1024 + 1) }),
      JSON.stringify({ type: "shout" }),
    ];
    for (const frame of bad) client.send(frame);
    client.socket.send(Buffer.from("binary"), { binary: true });
    await expect.poll(() => client.frames.filter((f) => f.type === "error").length).toBe(bad.length + 1);
    expect(
      client.frames.filter((f) => f.type === "error").every((f) => f.type === "error" && f.code === "INVALID_REQUEST"),
    ).toBe(true);
    client.type("echo still-$((2+3))");
    await client.waitForOutput(/still-5/);
    const info = await ws.request({ type: "terminal:list", sessionId });
    expect(info).toMatchObject({ terminals: [{ cols: 80, rows: 24 }] });
  });

  it("answers unknown terminals, sessions and bad commands with their codes", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "terminal:create", sessionId: "no-such-session" }, "SESSION_NOT_FOUND"],
      [{ type: "terminal:list", sessionId: "no-such-session" }, "SESSION_NOT_FOUND"],
      [{ type: "terminal:rename", terminalId: "nope", name: "x" }, "TERMINAL_NOT_FOUND"],
      [{ type: "terminal:close", terminalId: "nope" }, "TERMINAL_NOT_FOUND"],
      [{ type: "terminal:create", sessionId, cols: 5000 }, "INVALID_REQUEST"],
      [{ type: "terminal:rename", terminalId: "nope", name: "  " }, "INVALID_REQUEST"],
    ];
    for (const [command, code] of cases) {
      const reply = (await ws.request(command)) as ServerMessage;
      expect(reply, JSON.stringify(command)).toMatchObject({ type: "error", code });
    }
  });

  it("says why a terminal cannot start: a shell that cannot run, a session folder that is gone", async () => {
    const noShell = await createTestApp({ terminals: { shell: "/nonexistent/zsh" } });
    try {
      const project = await noShell.project("app");
      const { sessionId: id } = await noShell.session(project.projectId);
      await expect(noShell.service.terminals.create({ sessionId: id })).rejects.toMatchObject({
        code: "TERMINAL_START_FAILED",
        message: expect.stringContaining("/nonexistent/zsh cannot be run (ENOENT)"),
      });
    } finally {
      await noShell.close();
    }
    await rm(projectPath, { recursive: true });
    const reply = await ws.request({ type: "terminal:create", sessionId });
    expect(reply).toMatchObject({ type: "error", code: "TERMINAL_START_FAILED" });
    expect(reply.type === "error" && reply.message).toContain(projectPath);
  });

  it("needs the token and an accepted Origin, like /ws", async () => {
    const terminal = await createTerminal();
    await expect(TerminalTestClient.connect(port, terminal.terminalId, { headers: {} })).rejects.toThrow(/401/);
    await expect(
      TerminalTestClient.connect(port, terminal.terminalId, {
        headers: { authorization: `Bearer ${TEST_TOKEN}`, origin: "http://evil.example" },
      }),
    ).rejects.toThrow(/403/);
  });

  it("pauses a flooding shell while its browser lags, and resumes when the browser catches up", async () => {
    const terminal = await createTerminal();
    const client = await attach(terminal.terminalId, { autoAck: false });
    client.ack();
    client.type("yes flood-line");
    await expect.poll(() => client.output.length, { timeout: 10_000 }).toBeGreaterThan(256 * 1024);
    // Paused: the shell's `yes` blocks on its write, so nothing more arrives however long one waits. Its state in
    // /proc says so without waiting: "S" (sleeping in the tty write) once the PTY's buffer is full.
    const [yes] = (await marked(terminal.terminalId)).filter((entry) => entry.args.startsWith("yes"));
    expect(yes).toBeDefined();
    await expect
      .poll(async () => (await readFile(`/proc/${yes?.pid}/wchan`, "utf8")).trim(), { timeout: 5000 })
      .toMatch(/tty|wait/);
    // Let time pass by an event: another terminal's command that takes 300 ms. The flood stays where it was.
    const other = await attach((await createTerminal()).terminalId);
    other.type("sleep 0.3; echo waited-$((4*4))");
    await other.waitForOutput(/waited-16\r?\n/);
    const received = client.output.length;
    expect(received).toBeLessThan(256 * 1024 + 2 * 64 * 1024);
    client.setAutoAck(true);
    await expect.poll(() => client.output.length, { timeout: 10_000 }).toBeGreaterThan(received + 512 * 1024);
    client.send({ type: "input", data: "\u0003" });
    const reload = await attach(terminal.terminalId);
    expect(reload.output.length).toBeLessThanOrEqual(1024 * 1024);
  });
});

/** SIGKILL, ignoring a process that already ended. */
function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
