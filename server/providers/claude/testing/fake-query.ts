// Test-only fake of the Claude Agent SDK's query(): records options and prompts, plays scripted SDK messages.
import type {
  ClaimOptions,
  Options,
  prewarm,
  Query,
  query,
  SDKMessage,
  SDKUserMessage,
  SpareProcess,
} from "@anthropic-ai/claude-agent-sdk";

/** One fake `query()` call: what the provider passed and the controls a test plays the "CLI" with. */
export class FakeQueryCall {
  /** User messages the fake CLI has read from the prompt, in order. */
  readonly received: SDKUserMessage[] = [];
  readonly permissionModes: string[] = [];
  interruptCalls = 0;
  closed = false;
  /**
   * Called on `interrupt()` (e.g. to emit the CLI's interrupt sequence); may throw to make it fail, or return a
   * promise that `interrupt()` waits for (one that never settles plays a frozen CLI).
   */
  onInterrupt: (() => void | Promise<void>) | undefined;
  /** True once the provider ended its input (the prompt iterable finished). */
  inputEnded = false;
  private readonly outbox: SDKMessage[] = [];
  private waiting: ((result: IteratorResult<SDKMessage>) => void) | undefined;
  private failure: Error | undefined;
  private finished = false;
  private readonly receiveWaiters: (() => void)[] = [];

  constructor(
    readonly options: Options,
    prompt: AsyncIterable<SDKUserMessage>,
    readonly initError?: Error,
  ) {
    void (async () => {
      for await (const message of prompt) {
        this.received.push(message);
        for (const wake of this.receiveWaiters.splice(0)) wake();
      }
      this.inputEnded = true;
    })();
  }

  /** Resolves with the `n`-th user message (1-based) once the fake CLI has read it. */
  async nextMessage(n = this.received.length + 1): Promise<SDKUserMessage> {
    while (this.received.length < n) await new Promise<void>((resolve) => this.receiveWaiters.push(resolve));
    return this.received[n - 1] as SDKUserMessage;
  }

  /** Delivers SDK messages to the provider, in order. */
  emit(...messages: SDKMessage[]): void {
    for (const message of messages) {
      if (this.waiting) {
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting({ value: message, done: false });
      } else {
        this.outbox.push(message);
      }
    }
  }

  /** Makes the message iterator throw `error` after the queued messages (the CLI process died). */
  crash(error = new Error("Claude Code process terminated by signal SIGKILL")): void {
    this.failure = error;
    this.flushEnd();
  }

  /** Ends the message iterator normally after the queued messages. */
  end(): void {
    this.finished = true;
    this.flushEnd();
  }

  /** The fake `Query` object handed to the provider. */
  asQuery(): Query {
    const next = (): Promise<IteratorResult<SDKMessage>> => {
      const message = this.outbox.shift();
      if (message) return Promise.resolve({ value: message, done: false });
      if (this.failure) return Promise.reject(this.failure);
      if (this.finished || this.closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        this.waiting = (result) => resolve(result);
        this.rejectWaiting = reject;
      });
    };
    const fake = {
      next,
      return: async () => {
        this.closed = true;
        return { value: undefined, done: true as const };
      },
      throw: async (error: unknown) => Promise.reject(error),
      [Symbol.asyncIterator]() {
        return fake;
      },
      interrupt: async () => {
        this.interruptCalls++;
        await this.onInterrupt?.();
        return undefined;
      },
      setPermissionMode: async (mode: string) => {
        if (mode === "bypassPermissions" && !this.options.allowDangerouslySkipPermissions) {
          throw new Error(
            "Cannot set permission mode to bypassPermissions because the session was not launched with it",
          );
        }
        this.permissionModes.push(mode);
      },
      initializationResult: async () => {
        if (this.initError) throw this.initError;
        return { commands: [], agents: [], output_style: "default", available_output_styles: [], models: [] };
      },
      close: () => {
        this.closed = true;
        this.flushEnd();
      },
    };
    return fake as unknown as Query;
  }

  private rejectWaiting: ((error: unknown) => void) | undefined;

  private flushEnd(): void {
    const waiting = this.waiting;
    const reject = this.rejectWaiting;
    this.waiting = undefined;
    this.rejectWaiting = undefined;
    if (!waiting || this.outbox.length > 0) return;
    if (this.failure) reject?.(this.failure);
    else waiting({ value: undefined, done: true });
  }
}

/** One fake spare process from `prewarmFn`: its prewarm options, its claim, and whether it was closed. */
export interface FakeSpare {
  options: Options;
  claimOptions?: ClaimOptions;
  /** The query the claim returned (its `options` are the prewarm options). */
  call?: FakeQueryCall;
  closed: boolean;
}

/**
 * A fake SDK: `queryFn` / `prewarmFn` for `ClaudeProviderConfig`; every query (claimed spares included) is kept in
 * `calls`, every spare in `spares`.
 */
export class FakeClaudeSdk {
  readonly calls: FakeQueryCall[] = [];
  readonly spares: FakeSpare[] = [];
  /** When set, the next claim is refused with this reason (e.g. `cwd_not_found`). */
  refuseNextClaim: string | undefined;

  readonly prewarmFn = (async (params?: { options?: Options }) => {
    const record: FakeSpare = { options: params?.options ?? {}, closed: false };
    this.spares.push(record);
    let settle: { resolve: (v: { cwd: string; sessionId: string }) => void; reject: (e: Error) => void } | undefined;
    const claimed = new Promise<{ cwd: string; sessionId: string; sdkMcpSettled: boolean }>((resolve, reject) => {
      settle = { resolve: (v) => resolve({ ...v, sdkMcpSettled: true }), reject };
    });
    claimed.catch(() => {});
    const spare = {
      claimed,
      exited: new Promise<void>(() => {}),
      claim: (claim: { prompt: string | AsyncIterable<SDKUserMessage>; options: ClaimOptions }) => {
        if (typeof claim.prompt === "string") throw new Error("the fake expects streaming input");
        record.claimOptions = claim.options;
        record.call = new FakeQueryCall(record.options, claim.prompt);
        this.calls.push(record.call);
        const refusal = this.refuseNextClaim;
        this.refuseNextClaim = undefined;
        if (refusal) settle?.reject(new Error(refusal));
        else settle?.resolve({ cwd: claim.options.cwd, sessionId: String(record.options.sessionId) });
        return record.call.asQuery();
      },
      close: () => {
        record.closed = true;
        settle?.reject(new Error("spare_closed"));
      },
      [Symbol.asyncDispose]: async () => spare.close(),
    };
    return spare as unknown as SpareProcess;
  }) as unknown as typeof prewarm;

  /** When set, the next `query()`'s `initializationResult()` rejects with it (the CLI failed to start). */
  failNextStart: Error | undefined;

  readonly queryFn = ((params: { prompt: string | AsyncIterable<SDKUserMessage>; options?: Options }) => {
    if (typeof params.prompt === "string") throw new Error("the fake expects streaming input");
    const call = new FakeQueryCall(params.options ?? {}, params.prompt, this.failNextStart);
    this.failNextStart = undefined;
    this.calls.push(call);
    return call.asQuery();
  }) as unknown as typeof query;

  /** The most recent call. */
  get last(): FakeQueryCall {
    const call = this.calls.at(-1);
    if (!call) throw new Error("query() was not called");
    return call;
  }
}
