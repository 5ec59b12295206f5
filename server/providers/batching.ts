// The batching rule for streaming text and thinking items (CONTRACTS.md section 4), one instance per item.

/** Status of one batched emission; the provider turns it into an upsert with the same `status`. */
export type BatchStatus = "create" | "update" | "complete" | "error";

/** One emission: always the item's whole content so far, never a delta. */
export interface BatchEmission {
  status: BatchStatus;
  /** The full content accumulated so far (the final content on `complete` / `error`). */
  content: string;
  /** Epoch milliseconds of the latest delta this emission includes (for the upsert's `sourceTimestamp`). */
  sourceTime: number;
  errorCode?: string;
  errorMessage?: string;
}

/** Timer functions, injectable for tests; the default reads the global timers at call time (so fake timers work). */
export interface BatchClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Tuning of the rule. Defaults: gradient `[10, 20, 40, 80, 120]` tokens, time cap 50 ms (so every token reaches the
 * browser within 100 ms of the CLI producing it, CONTRACTS.md section 4).
 */
export interface BatchingOptions {
  /** Thresholds in tokens (whitespace-separated runs), compared with `>`; the last one repeats forever. */
  gradient?: readonly number[];
  /** Longest time in milliseconds that content may wait unemitted; `0` disables the cap. */
  timeCapMs?: number;
  clock?: BatchClock;
}

/** The defaults of CONTRACTS.md section 4. */
export const DEFAULT_BATCHING = { gradient: [10, 20, 40, 80, 120], timeCapMs: 50 } as const;

const systemClock: BatchClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function countTokens(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/\S+/g)) count++;
  return count;
}

/**
 * Batches the deltas of one streaming item into `create` / `update` / `complete` | `error` emissions:
 * - `create` as soon as the content has any visible (non-whitespace) character;
 * - `update` when the unemitted content has strictly more tokens than the current threshold; one emission per
 *   delta, advancing the gradient past every threshold that delta crossed (the last value repeats);
 * - `update` when content has waited `timeCapMs` unemitted (time-cap emissions do not advance the gradient);
 * - `complete(final?)` emits the full content once; `destroy(code, message)` emits it with `status: "error"`.
 * An item that never had visible content emits nothing at all, not even on `complete` or `destroy`: the browser
 * never sees an empty item. Content that first appears at the end (`complete(final)` with no deltas before) is
 * emitted as `create` then the terminal emission, so every item keeps exactly one `create`. Nothing is emitted after the terminal emission; later calls are ignored.
 */
export class ItemBatcher {
  private readonly gradient: readonly number[];
  private readonly timeCapMs: number;
  private readonly clock: BatchClock;
  private text = "";
  /**
   * The content appended since the last emission (`text` past what was emitted), kept on its own so each delta
   * counts the tokens of this short tail only: slicing it off `text` would copy the whole content on every delta
   * (V8 flattens the concatenated string to slice it), O(n²) over a long answer.
   */
  private unemitted = "";
  private thresholdIndex = 0;
  private created = false;
  private terminal = false;
  private lastSourceTime = 0;
  private timer: unknown;

  constructor(
    private readonly emit: (emission: BatchEmission) => void,
    options: BatchingOptions = {},
  ) {
    this.gradient = options.gradient && options.gradient.length > 0 ? options.gradient : DEFAULT_BATCHING.gradient;
    this.timeCapMs = options.timeCapMs ?? DEFAULT_BATCHING.timeCapMs;
    this.clock = options.clock ?? systemClock;
  }

  /** The whole content appended so far. */
  get content(): string {
    return this.text;
  }

  /** True once `complete` or `destroy` has run. */
  get isTerminal(): boolean {
    return this.terminal;
  }

  /** True once `create` was emitted. */
  get isCreated(): boolean {
    return this.created;
  }

  /** Adds one streamed delta; `sourceTime` is when the CLI event arrived (epoch ms, default now). */
  append(delta: string, sourceTime = this.clock.now()): void {
    if (this.terminal || delta.length === 0) return;
    this.text += delta;
    this.unemitted += delta;
    this.lastSourceTime = sourceTime;
    if (!this.created) {
      if (/\S/.test(this.text)) {
        this.created = true;
        this.flush("create");
      }
      return;
    }
    const pending = countTokens(this.unemitted);
    const threshold = this.currentThreshold();
    if (pending > threshold) {
      this.advancePast(pending);
      this.flush("update");
    } else {
      this.armTimeCap();
    }
  }

  /**
   * Ends the item normally with one `complete` carrying the full content (`finalContent` replaces the accumulated
   * text when the CLI reports the block's final text, e.g. Claude's `assistant` message).
   */
  complete(finalContent?: string, sourceTime = this.clock.now()): void {
    if (this.terminal) return;
    if (finalContent !== undefined) this.text = finalContent;
    this.lastSourceTime = sourceTime;
    this.finish("complete");
  }

  /** Ends the item abnormally (cancel, turn failure, crash): pending content is emitted with `status: "error"`. */
  destroy(errorCode: string, errorMessage: string): void {
    if (this.terminal) return;
    this.finish("error", errorCode, errorMessage);
  }

  private currentThreshold(): number {
    const last = this.gradient.length - 1;
    return this.gradient[Math.min(this.thresholdIndex, last)] as number;
  }

  private advancePast(pending: number): void {
    const last = this.gradient.length - 1;
    let next = this.thresholdIndex + 1;
    while (next < last && pending > (this.gradient[next] as number)) next++;
    this.thresholdIndex = Math.min(next, last);
  }

  private armTimeCap(): void {
    if (this.timeCapMs <= 0 || this.timer !== undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.terminal && this.unemitted.length > 0) this.flush("update");
    }, this.timeCapMs);
  }

  private clearTimeCap(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private finish(status: "complete" | "error", errorCode?: string, errorMessage?: string): void {
    this.terminal = true;
    this.clearTimeCap();
    if (!this.created) {
      if (!/\S/.test(this.text)) return;
      this.created = true;
      this.flush("create");
    }
    this.flush(status, errorCode, errorMessage);
  }

  private flush(status: BatchStatus, errorCode?: string, errorMessage?: string): void {
    this.clearTimeCap();
    this.unemitted = "";
    const emission: BatchEmission = { status, content: this.text, sourceTime: this.lastSourceTime };
    if (errorCode !== undefined) emission.errorCode = errorCode;
    if (errorMessage !== undefined) emission.errorMessage = errorMessage;
    this.emit(emission);
  }
}
