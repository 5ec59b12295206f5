// Checks of idle sleep (issue 18 §2): `idle-sleep-rss` (the memory of idle sessions before and after their CLIs
// sleep) and `wake-first-token-<cli>` (a sleeping session's next message → first agent text, against a warm one's).
import { type AppServer, appSandbox, startAppServer } from "../app/app-server.js";
import { type AppSocket, connectAppSocket } from "../app/app-socket.js";
import { missingCli } from "../lib/binaries.js";
import type { Check, CheckContext } from "../lib/check.js";
import { findOrphans, readRssKiB } from "../lib/process-table.js";
import { type BenchCli, cliLabel } from "../lib/sandbox.js";

const CLI_TYPE = { claude: "claude-code", codex: "codex" } as const;

/** The turn every session here runs: a one-line answer. */
const PROMPT = "Idle-sleep benchmark. scenario:text";

/** Resident memory of one process in MiB (`VmRSS`), 0 when it is gone. */
function rssMiB(pid: number): number {
  return (readRssKiB(pid) ?? 0) / 1024;
}

/** The run's live processes (our server and every CLI it started) and their summed RSS in MiB. */
function runMemory(ctx: CheckContext): { total: number; server: number; processes: number; clis: number } {
  const processes = findOrphans(ctx.runId);
  let total = 0;
  let server = 0;
  let clis = 0;
  for (const info of processes) {
    const rss = rssMiB(info.pid);
    total += rss;
    const command = info.cmdline.join(" ");
    if (command.includes("server/main.ts")) server += rss;
    else if (/claude|codex-acp/i.test(command)) clis += 1;
  }
  return { total, server, processes: processes.length, clis };
}

/** Our server with `LIMINAL_IDLE_MINUTES=<minutes>`, its project added, and a WebSocket client. */
async function idleServer(ctx: CheckContext, minutes: number): Promise<{ server: AppServer; socket: AppSocket }> {
  const sandbox = await appSandbox(ctx, { extraEnv: { LIMINAL_IDLE_MINUTES: String(minutes) } });
  const server = await startAppServer(ctx, sandbox);
  await server.api("POST", "/api/projects", { path: sandbox.dirs.project });
  const socket = await connectAppSocket(server);
  ctx.defer(() => socket.close());
  return { server, socket };
}

async function projectId(server: AppServer): Promise<string> {
  const { projects } = await server.api<{ projects: { projectId: string }[] }>("GET", "/api/projects");
  const id = projects[0]?.projectId;
  if (!id) throw new Error("the project was not added");
  return id;
}

/** Sends `PROMPT` to `sessionId` and resolves when its turn ended: the send time and the first agent text's arrival. */
async function runTurn(server: AppServer, socket: AppSocket, sessionId: string): Promise<{ firstTextMs: number }> {
  const from = socket.count;
  const sentAt = performance.timeOrigin + performance.now();
  const { turnId } = await server.api<{ turnId: string }>("POST", `/api/session/${sessionId}/send`, {
    content: PROMPT,
  });
  const ofTurn = (m: { sessionId?: string; payload?: unknown }) =>
    m.sessionId === sessionId && (m.payload as { turnId?: string } | undefined)?.turnId === turnId;
  const firstText = await socket.waitFor(
    `the first agent text of turn ${turnId}`,
    (m) => {
      const payload = m.payload as { type?: string; origin?: string; content?: string } | undefined;
      return (
        m.type === "session:upsert" &&
        ofTurn(m) &&
        payload?.type === "message" &&
        payload.origin === "agent" &&
        (payload.content ?? "") !== ""
      );
    },
    { from },
  );
  const end = await socket.waitFor(
    `the end of turn ${turnId}`,
    (m) => m.type === "session:turn" && ofTurn(m) && (m.payload as { type?: string }).type !== "turn_started",
    { from },
  );
  const outcome = end.message.payload as { type: string; status?: string; errorMessage?: string };
  if (outcome.type !== "turn_complete" || outcome.status !== "completed") {
    throw new Error(
      `turn ${turnId} of ${sessionId} ended ${outcome.type} ${outcome.status ?? outcome.errorMessage ?? ""}`,
    );
  }
  return { firstTextMs: firstText.at - sentAt };
}

/** Resolves once `sessionId` is announced `sleeping` (a `session:updated` from index `from` on). */
function sleeping(socket: AppSocket, sessionId: string, from: number, timeoutMs: number) {
  return socket.waitFor(
    `session ${sessionId} sleeping`,
    (m) => {
      const session = m.session as { sessionId?: string; state?: string } | undefined;
      return m.type === "session:updated" && session?.sessionId === sessionId && session.state === "sleeping";
    },
    { from, timeoutMs },
  );
}

async function createSession(server: AppServer, socket: AppSocket, project: string, cli: BenchCli) {
  const { sessionId } = await server.api<{ sessionId: string }>("POST", "/api/session/create", {
    projectId: project,
    cliType: CLI_TYPE[cli],
  });
  socket.open(sessionId);
  return sessionId;
}

/** Sessions per CLI in `idle-sleep-rss`, and the idle minutes its server runs with (longer than setting them up). */
const RSS_PLAN = { full: { perCli: 10, minutes: 2 }, quick: { perCli: 1, minutes: 0.25 } };

/** `idle-sleep-rss`: memory of 10 Claude Code + 10 Codex idle sessions before and after their CLIs sleep. */
export const idleSleepRssCheck: Check = {
  name: "idle-sleep-rss",
  measures:
    "10 Claude Code + 10 Codex sessions of our server (server/main.ts, LIMINAL_IDLE_MINUTES=2), each after one turn: resident memory (RSS) of the server and every process it started, with all sessions live and idle, then once every session was announced sleeping.",
  unit: "MiB",
  n: { default: 1, quick: 1 },
  threshold: { kind: "report" },
  timeoutMs: 8 * 60_000,
  unavailable: (ctx) => missingCli(ctx.repoRoot, "claude-sdk") ?? missingCli(ctx.repoRoot, "codex-acp"),
  async run(ctx) {
    const plan = ctx.quick ? RSS_PLAN.quick : RSS_PLAN.full;
    const { server, socket } = await idleServer(ctx, plan.minutes);
    const project = await projectId(server);
    const from = socket.count;
    const setupStart = performance.now();
    const sessions: string[] = [];
    for (const cli of ["claude", "codex"] as const) {
      for (let i = 0; i < plan.perCli; i += 1) {
        const sessionId = await createSession(server, socket, project, cli);
        await runTurn(server, socket, sessionId);
        sessions.push(sessionId);
        ctx.log(`${cliLabel(cli)} session ${i + 1}/${plan.perCli} idle`);
      }
    }
    const setupMs = performance.now() - setupStart;
    const statuses = await Promise.all(
      sessions.map((id) => server.api<{ isAlive: boolean; state: string }>("GET", `/api/session/${id}/status`)),
    );
    const asleepEarly = statuses.filter((status) => !status.isAlive).length;
    if (asleepEarly > 0) throw new Error(`${asleepEarly} sessions slept before all were set up (${setupMs} ms)`);
    const before = runMemory(ctx);
    ctx.log(`all ${sessions.length} live: ${before.total.toFixed(0)} MiB; waiting for them to sleep`);
    await Promise.all(sessions.map((id) => sleeping(socket, id, from, plan.minutes * 60_000 + 120_000)));
    const after = runMemory(ctx);
    return {
      subject: [after.total],
      subjectLabel: "after every session slept: server + its processes",
      baseline: [before.total],
      baselineLabel: "all sessions live and idle",
      extra: { "server alone, live": [before.server], "server alone, slept": [after.server] },
      notes: [
        `${plan.perCli} Claude Code + ${plan.perCli} Codex sessions, LIMINAL_IDLE_MINUTES=${plan.minutes}; set up in ${(setupMs / 1000).toFixed(1)} s`,
        `processes live: ${before.processes} (${before.clis} CLI processes); after sleeping: ${after.processes} (${after.clis} CLI processes, the parked Claude Code spare included)`,
      ],
    };
  },
};

/** `wake-first-token-<cli>`: a sleeping session's message → first agent text, against the same session awake. */
export function wakeFirstTokenCheck(cli: BenchCli): Check {
  const minutes = 0.05;
  return {
    name: `wake-first-token-${cli}`,
    measures: `${cliLabel(cli)}, one session of our server with LIMINAL_IDLE_MINUTES=${minutes} (3 s): POST /send to the session once it is announced sleeping → its first agent text upsert at a WebSocket client (the wake: ${cli === "claude" ? "Claude Code resumed by session id" : "codex-acp session/load"}), against the same send to the same session awake right after.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: { kind: "ratio", stats: ["median"], max: 1.5 },
    level: "target",
    timeoutMs: 6 * 60_000,
    unavailable: (ctx) => missingCli(ctx.repoRoot, cli === "claude" ? "claude-sdk" : "codex-acp"),
    async run(ctx) {
      const { server, socket } = await idleServer(ctx, minutes);
      const sessionId = await createSession(server, socket, await projectId(server), cli);
      await runTurn(server, socket, sessionId);
      const wake: number[] = [];
      const warm: number[] = [];
      for (let round = 0; round < ctx.n; round += 1) {
        await sleeping(socket, sessionId, socket.count, 120_000);
        wake.push((await runTurn(server, socket, sessionId)).firstTextMs);
        warm.push((await runTurn(server, socket, sessionId)).firstTextMs);
        ctx.log(`round ${round + 1}/${ctx.n}`);
      }
      return {
        subject: wake,
        subjectLabel: `wake: send to the sleeping session → first agent text (${cliLabel(cli)})`,
        baseline: warm,
        baselineLabel: "warm: the same session awake",
        notes: ["times on the bench clock: the REST send leaves → the upsert arrives at the bench's WebSocket"],
      };
    },
  };
}
