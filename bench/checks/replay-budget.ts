// Target `replay-budget-50k`: one 50,000-token streamed answer, watched over /ws as a browser watches it, and the
// server's heap growth it leaves behind — under the replay ring's byte budget plus the answer itself — against the
// same server with no byte budget (the ring bounded by its message count only).
import WebSocket from "ws";
import { DEFAULT_REPLAY_BUDGET_BYTES } from "../../server/sessions/event-log.js";
import type { ServerMessage } from "../../shared/contracts/index.js";
import { LONG_50K_ANSWER, LONG_50K_TOKENS } from "../../testing/scenarios/scenarios.js";
import { type AppServer, appSandbox, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli } from "../lib/binaries.js";
import type { Check, CheckContext } from "../lib/check.js";
import { connectInspector, INSPECT_ARG, type Inspector, inspectorUrl } from "../lib/inspector.js";
import { interleave } from "../lib/interleave.js";

const MIB = 1024 * 1024;

/** The answer's size in MiB: ASCII, which V8 keeps at one byte per character. */
const ITEM_MIB = LONG_50K_ANSWER.length / MIB;

/** The target: the default budget plus the answer itself, in MiB, rounded down to 0.01. */
const LIMIT_MIB = Math.floor((DEFAULT_REPLAY_BUDGET_BYTES / MIB + ITEM_MIB) * 100) / 100;

/** `LIMINAL_REPLAY_BUDGET_MB` of the baseline server: larger than anything the 5,000-message ring could hold. */
const NO_BUDGET_MB = "1000000";

const PROMPT = "scenario:long-50k";

/** What one watched turn streamed. */
interface Streamed {
  upserts: number;
  /** Sum of the upserts' `content` lengths: what a ring bounded by message count alone holds of this turn. */
  contentChars: number;
  /** The length of the turn's longest item as finally streamed. */
  finalChars: number;
}

/**
 * A WebSocket client of our server's `/ws` that opens one session as a browser does (`session:open`), so the server
 * serialises every stream message of it as it would for a page, and tells when a turn has ended.
 */
class SessionWatcher {
  private readonly turns = new Map<string, Streamed>();
  private readonly waiting = new Map<string, () => void>();
  /** Turns ended: undefined for a normal end, else why the turn failed. */
  private readonly endedTurns = new Map<string, string | undefined>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly sessionId: string,
  ) {
    socket.on("message", (data) => this.receive(JSON.parse(String(data)) as ServerMessage));
  }

  /** Connects with the server's token and opens `sessionId`; resolves once its first history has arrived. */
  static async open(server: AppServer, sessionId: string): Promise<SessionWatcher> {
    const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    const watcher = new SessionWatcher(socket, sessionId);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    const opened = new Promise<void>((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as ServerMessage;
        if (message.type === "session:history" && message.sessionId === sessionId) resolve();
        else if (message.type === "error") reject(new Error(`session:open failed: ${message.message}`));
        else return;
        socket.off("message", onMessage);
      };
      socket.on("message", onMessage);
    });
    socket.send(JSON.stringify({ type: "session:open", sessionId, requestId: "bench-open" }));
    await opened;
    return watcher;
  }

  /**
   * Resolves with what turn `turnId` streamed once its terminal `session:turn` has arrived.
   * @throws Error when the turn failed (`turn_error`) or has not ended within `timeoutMs`.
   */
  async turnEnd(turnId: string, timeoutMs: number): Promise<Streamed> {
    if (!this.endedTurns.has(turnId)) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve, reject) => {
        this.waiting.set(turnId, resolve);
        timer = setTimeout(() => reject(new Error(`turn ${turnId} did not end within ${timeoutMs} ms`)), timeoutMs);
      }).finally(() => clearTimeout(timer));
    }
    const failure = this.endedTurns.get(turnId);
    if (failure) throw new Error(`the turn failed: ${failure}`);
    return this.turns.get(turnId) ?? { upserts: 0, contentChars: 0, finalChars: 0 };
  }

  close(): void {
    this.socket.terminate();
  }

  private receive(message: ServerMessage): void {
    if (message.type === "session:upsert" && message.sessionId === this.sessionId) {
      const { payload } = message;
      const turn = this.turns.get(payload.turnId) ?? { upserts: 0, contentChars: 0, finalChars: 0 };
      const chars = payload.type === "tool_call" ? 0 : payload.content.length;
      turn.upserts += 1;
      turn.contentChars += chars;
      turn.finalChars = Math.max(turn.finalChars, chars);
      this.turns.set(payload.turnId, turn);
    } else if (message.type === "session:turn" && message.sessionId === this.sessionId) {
      const event = message.payload;
      if (event.type === "turn_started") return;
      const failure = event.type === "turn_error" ? `${event.errorCode} ${event.errorMessage}` : undefined;
      this.endedTurns.set(event.turnId, failure);
      this.waiting.get(event.turnId)?.();
    }
  }
}

/** One server under test: its process, inspector, project and what its samples streamed. */
interface Subject {
  server: AppServer;
  inspector: Inspector;
  projectId: string;
  streamed: Streamed[];
  turnMs: number[];
}

/** Starts our server (`LIMINAL_REPLAY_BUDGET_MB` = `budgetMb` unless undefined) with its inspector open. */
async function startSubject(ctx: CheckContext, budgetMb: string | undefined): Promise<Subject> {
  const sandbox = await appSandbox(
    ctx,
    budgetMb === undefined ? {} : { extraEnv: { LIMINAL_REPLAY_BUDGET_MB: budgetMb } },
  );
  const server = await startAppServer(ctx, sandbox, 60_000, [INSPECT_ARG]);
  const inspector = await connectInspector(await inspectorUrl(server.process));
  ctx.defer(() => inspector.close());
  const project = await server.api<{ project: { projectId: string } }>("POST", "/api/projects", {
    path: sandbox.dirs.project,
  });
  return { server, inspector, projectId: project.project.projectId, streamed: [], turnMs: [] };
}

/**
 * One sample: a new Codex session watched over /ws; heap used after a full GC before and after it streams the
 * 50,000-token answer; returns the growth in MiB.
 */
async function measure(subject: Subject): Promise<number> {
  const { server, inspector } = subject;
  const { sessionId } = await server.api<{ sessionId: string }>("POST", "/api/session/create", {
    cliType: "codex",
    projectId: subject.projectId,
  });
  const watcher = await SessionWatcher.open(server, sessionId);
  try {
    const before = await inspector.memoryAfterGc();
    const started = performance.now();
    const { turnId } = await server.api<{ turnId: string }>(
      "POST",
      `/api/session/${encodeURIComponent(sessionId)}/send`,
      { content: PROMPT },
    );
    const streamed = await watcher.turnEnd(turnId, 240_000);
    subject.turnMs.push(performance.now() - started);
    if (streamed.finalChars < LONG_50K_ANSWER.length) {
      throw new Error(`the answer arrived with ${streamed.finalChars} of ${LONG_50K_ANSWER.length} characters`);
    }
    const after = await inspector.memoryAfterGc();
    subject.streamed.push(streamed);
    return (after.heapUsed - before.heapUsed) / MIB;
  } finally {
    watcher.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** `replay-budget-50k`. */
export const replayBudgetCheck: Check = {
  name: "replay-budget-50k",
  measures: `Our server (server/main.ts, its inspector open): V8 heap used after a full GC, before → after one Codex turn that streams a ${LONG_50K_TOKENS.toLocaleString("en-US")}-token answer (stand-in "${PROMPT}", unpaced) into a new session watched over /ws; with the default replay budget vs none (LIMINAL_REPLAY_BUDGET_MB=${NO_BUDGET_MB}: only the 5,000-message limit); alternating.`,
  unit: "MiB",
  n: { default: 3, quick: 1 },
  threshold: { kind: "absolute", stat: "max", op: "<", limit: LIMIT_MIB },
  level: "target",
  timeoutMs: 15 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, "codex-acp"),
  async run(ctx) {
    const ours = await startSubject(ctx, undefined);
    const none = await startSubject(ctx, NO_BUDGET_MB);
    const results = await interleave(
      ctx.n,
      { ours: () => measure(ours), none: () => measure(none) },
      { warmup: 1, onRound: (round) => ctx.log(round < 0 ? "warm-up round" : `round ${round + 1}/${ctx.n}`) },
    );
    const sample = ours.streamed.at(-1);
    return {
      subject: results.ours,
      subjectLabel: `heap growth, default budget (${DEFAULT_REPLAY_BUDGET_BYTES / MIB} MiB)`,
      baseline: results.none,
      baselineLabel: "heap growth, no byte budget",
      extra: {
        "streamed upserts' content, summed (what a count-only ring holds)": ours.streamed
          .slice(-ctx.n)
          .map((s) => s.contentChars / MIB),
      },
      notes: [
        `target: under the ${DEFAULT_REPLAY_BUDGET_BYTES / MIB} MiB budget plus the answer itself (${LONG_50K_ANSWER.length.toLocaleString("en-US")} ASCII characters = ${ITEM_MIB.toFixed(2)} MiB): < ${LIMIT_MIB} MiB`,
        `each turn: ${sample?.upserts ?? "?"} upserts over /ws (the batching gradient), the last of ${sample?.finalChars ?? "?"} characters; turn time median ${(median(ours.turnMs) / 1000).toFixed(1)} s with the budget, ${(median(none.turnMs) / 1000).toFixed(1)} s without (send → terminal event, warm-up included)`,
        "heap: process.memoryUsage().heapUsed after HeapProfiler.collectGarbage (twice) through the server's inspector (--inspect=127.0.0.1:0 on the server process only); every sample is a new session on the same server, one warm-up turn per server first",
      ],
    };
  },
};
