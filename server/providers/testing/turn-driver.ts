// Test-only: the CLI side of one provider turn, driven the same way for every provider (the shared turn contract).
import type { TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import type { Logger } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";

/**
 * One running turn of a provider (its `turn.ts` with its translator), recording what it emits, and the moves its
 * CLI can make, each sent as that CLI would send it. The turn has emitted `turn_started` once it is returned.
 */
export interface DrivenTurn {
  /** Every upsert the turn emitted, in order. */
  readonly upserts: UpsertObject[];
  /** Every turn event the turn emitted, in order. */
  readonly turns: TurnEvent[];
  /** The CLI streams `text` (word by word) into the turn's agent message, which stays open. */
  streamText(text: string): void;
  /** The CLI starts tool call `callId` (a shell command); no result yet. */
  startTool(callId: string): void;
  /** The CLI reports output `output` for call `callId` it never announced. */
  orphanResult(callId: string, output: string): void;
  /** The CLI sends an event whose type this code cannot know. */
  unknownEvent(type: string): void;
  /** The CLI ends the turn normally. */
  finish(): void;
  /** The user cancels and the CLI confirms that the turn was cancelled. */
  cancel(): void;
  /** The CLI process dies with `message` (the provider ends the turn with `PROCESS_CRASH`). */
  crash(message: string): void;
}

/** How one provider's turns are started for the shared contract. */
export interface TurnDriver {
  /** The provider's `cliType`, naming the `describe.each` row. */
  cliType: string;
  /** The turn id every turn of this driver carries. */
  turnId: string;
  /** The session id every turn of this driver carries. */
  sessionId: string;
  /** Starts a turn (`turn_started` emitted) with this batching and logger. */
  start(options: { batching: BatchingOptions; logger: Logger }): DrivenTurn;
}
