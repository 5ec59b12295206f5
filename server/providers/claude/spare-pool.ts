// Warm start: one parked Claude Code process (SDK prewarm()) kept ready for the next new session, used once.
import { randomUUID } from "node:crypto";
import type { CanUseTool, Options, prewarm, SpareProcess } from "@anthropic-ai/claude-agent-sdk";
import { CliProcess } from "./cli-process.js";
import { DENIED_MESSAGE } from "./permissions.js";

/** A started spare: the SDK handle, its process, the session UUID it was started with, and its tool-permission hook. */
export interface Spare {
  spare: SpareProcess;
  process: CliProcess;
  /** The UUID given as `sessionId` at prewarm (the CLI confirms the real one in `claimed`). */
  sessionId: string;
  /** Set by the claimer: the session's own `canUseTool` (the spare's callback is fixed at prewarm). */
  bindCanUseTool(canUseTool: CanUseTool): void;
}

/** How long a spare may take to start before it is given up (ms). */
const PREWARM_TIMEOUT_MS = 60_000;
/**
 * How long after handing out a spare the next one starts (ms), so its start-up does not compete for the CPU with
 * the first turn of the session that just claimed one.
 */
export const REFILL_DELAY_MS = 2000;

/**
 * Keeps at most one spare Claude Code process started ahead of time with the provider's host-level options (env,
 * partial messages). `take()` hands it out (waiting for it when it is still starting) and starts the next one
 * `refillDelayMs` later (at once when none was ready); a spare
 * serves exactly one session, never a second one (the SDK enforces single use). A spare that dies while parked is
 * dropped. `dispose()` ends the parked spare.
 */
export class SparePool {
  private next: Promise<Spare | undefined> | undefined;
  private disposed = false;
  private starting: CliProcess | undefined;
  private refillTimer: NodeJS.Timeout | undefined;
  private readonly live = new Set<Spare>();

  constructor(
    private readonly prewarmFn: typeof prewarm,
    private readonly hostOptions: () => Options,
    private readonly onStderr?: (text: string) => void,
    private readonly refillDelayMs = REFILL_DELAY_MS,
  ) {}

  /** Starts a spare now when none is parked or starting. */
  fill(): void {
    if (this.disposed || this.next) return;
    this.next = this.start();
  }

  /**
   * The parked spare (waits for one that is still starting), or undefined when none could be started. A spare
   * process is started for the next caller either way.
   */
  async take(): Promise<Spare | undefined> {
    if (this.disposed) return undefined;
    this.fill();
    const pending = this.next;
    this.next = undefined;
    const spare = await pending;
    if (!spare) {
      this.fill();
      return undefined;
    }
    this.scheduleRefill();
    if (spare.process.exit) {
      this.discard(spare);
      return undefined;
    }
    this.live.delete(spare);
    return spare;
  }

  private scheduleRefill(): void {
    if (this.disposed || this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      this.fill();
    }, this.refillDelayMs);
    this.refillTimer.unref();
  }

  /** Closes a spare that will not be used (refused claim, dead process). */
  discard(spare: Spare): void {
    this.live.delete(spare);
    try {
      spare.spare.close();
    } catch {
      // already closed or exited
    }
    void spare.process.terminate(500, 1000);
  }

  /** Ends the parked spare (and one still starting); no spare is started afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.refillTimer);
    this.refillTimer = undefined;
    this.starting?.signalGroup("SIGKILL");
    const pending = this.next;
    this.next = undefined;
    await pending;
    const spares = [...this.live];
    this.live.clear();
    await Promise.all(
      spares.map(async (spare) => {
        try {
          spare.spare.close();
        } catch {
          // already closed
        }
        await spare.process.terminate(500, 1000);
      }),
    );
  }

  private async start(): Promise<Spare | undefined> {
    const process = new CliProcess(this.onStderr);
    this.starting = process;
    const sessionId = randomUUID();
    let bound: CanUseTool | undefined;
    const canUseTool: CanUseTool = (toolName, input, options) =>
      bound ? bound(toolName, input, options) : Promise.resolve({ behavior: "deny", message: DENIED_MESSAGE });
    try {
      const spare = await this.prewarmFn({
        options: { ...this.hostOptions(), sessionId, canUseTool, spawnClaudeCodeProcess: process.spawn },
        initializeTimeoutMs: PREWARM_TIMEOUT_MS,
      });
      const entry: Spare = {
        spare,
        process,
        sessionId,
        bindCanUseTool: (callback) => {
          bound = callback;
        },
      };
      this.live.add(entry);
      if (this.disposed) {
        this.discard(entry);
        return undefined;
      }
      void spare.exited.then(
        () => this.live.delete(entry),
        () => this.live.delete(entry),
      );
      return entry;
    } catch {
      await process.terminate(0, 500);
      return undefined;
    } finally {
      if (this.starting === process) this.starting = undefined;
    }
  }
}
