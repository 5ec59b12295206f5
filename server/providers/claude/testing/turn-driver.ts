// Test-only: drives a ClaudeTurn with SDK messages shaped like the CLI's, for the shared turn contract.
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";
import type { TurnEvent, UpsertObject } from "../../../../shared/contracts/index.js";
import type { DrivenTurn, TurnDriver } from "../../testing/turn-driver.js";
import { ClaudeTurn } from "../turn.js";
import * as sdk from "./sdk-script.js";

const TURN_ID = "turn-1";
const SESSION_ID = "s-1";

/** Claude Code's side of the shared turn contract: one API message `m1`, its blocks in order, then the `result`. */
export const claudeTurnDriver: TurnDriver = {
  cliType: "claude-code",
  turnId: TURN_ID,
  sessionId: SESSION_ID,
  start({ batching, logger }): DrivenTurn {
    const upserts: UpsertObject[] = [];
    const turns: TurnEvent[] = [];
    const turn = new ClaudeTurn({
      turnId: TURN_ID,
      sessionId: SESSION_ID,
      fallbackModelId: "claude-fallback",
      previousTotalCostUsd: 0,
      batching,
      logger,
      emitUpsert: (u) => upserts.push(u),
      emitTurn: (e) => turns.push(e),
    });
    const feed = (...messages: (SDKMessage | SDKMessage[])[]) => {
      for (const m of messages.flat()) turn.apply(m);
    };
    let nextBlock = 0;
    let openText: { index: number; text: string } | undefined;
    const ensureText = () => {
      if (openText) return openText;
      openText = { index: nextBlock++, text: "" };
      feed(sdk.blockStart(openText.index, { type: "text" }));
      return openText;
    };
    feed(sdk.init(), sdk.messageStart("m1"));
    return {
      upserts,
      turns,
      streamText(text) {
        const block = ensureText();
        block.text += text;
        feed(sdk.textDeltas(block.index, text));
      },
      startTool(callId) {
        feed(sdk.toolUseBlock("m1", nextBlock++, callId, "Bash", { command: "sleep 9" }));
      },
      orphanResult(callId, output) {
        feed(sdk.toolResult(callId, output));
      },
      unknownEvent(type) {
        feed({ type } as unknown as SDKMessage);
      },
      finish() {
        if (openText) feed(sdk.assistant("m1", { type: "text", text: openText.text }), sdk.blockStop(openText.index));
        openText = undefined;
        feed(sdk.messageEnd("end_turn"), sdk.result());
      },
      cancel() {
        turn.requestCancel();
        feed(sdk.result({ subtype: "error_during_execution", is_error: true, errors: [] }));
      },
      crash(message) {
        turn.endFailed("PROCESS_CRASH", message);
      },
    };
  },
};
