// Collects the text deltas a model stand-in writes (its `onDelta` hook), per turn and per answering request.
import type { WrittenDelta } from "./latency.js";

/** What both stand-ins report per written delta (testing/anthropic and testing/openai `DeltaEvent`). */
export interface StandInDelta {
  requestId: string;
  text: string;
  kind: string;
  writtenAt: number;
}

/** Records stand-in deltas; pass `recorder.record` as the stand-in's `onDelta`. */
export class DeltaRecorder {
  private current: StandInDelta[] | undefined;

  /** The `onDelta` hook: keeps text deltas while a {@link during} call is running, ignores everything else. */
  readonly record = (event: StandInDelta): void => {
    if (event.kind === "text") this.current?.push(event);
  };

  /**
   * Runs `fn` and returns its value with the text deltas written meanwhile, grouped by the request that answered them
   * (one group per model API response, in the order their first delta was written). Not re-entrant.
   * @throws Error when called while another `during` runs.
   */
  async during<T>(fn: () => Promise<T>): Promise<{ value: T; responses: WrittenDelta[][]; requestIds: string[] }> {
    if (this.current) throw new Error("DeltaRecorder.during is already running");
    const recorded: StandInDelta[] = [];
    this.current = recorded;
    try {
      const value = await fn();
      const groups = new Map<string, WrittenDelta[]>();
      for (const event of recorded) {
        const group = groups.get(event.requestId) ?? [];
        group.push({ text: event.text, writtenAt: event.writtenAt });
        groups.set(event.requestId, group);
      }
      return { value, responses: [...groups.values()], requestIds: [...groups.keys()] };
    } finally {
      this.current = undefined;
    }
  }
}
