// Test-only: drives a CodexTurn with ACP session/update notifications shaped like codex-acp's, for the shared contract.
import type { SessionUpdate } from "@agentclientprotocol/sdk";
import type { TurnEvent, UpsertObject } from "../../../../shared/contracts/index.js";
import type { DrivenTurn, TurnDriver } from "../../testing/turn-driver.js";
import { CodexTurn } from "../turn.js";

const TURN_ID = "t1";
const SESSION_ID = "s1";

/** Codex's side of the shared turn contract: `session/update`s, then the end `session/prompt` returns with. */
export const codexTurnDriver: TurnDriver = {
  cliType: "codex",
  turnId: TURN_ID,
  sessionId: SESSION_ID,
  start({ batching, logger }): DrivenTurn {
    const upserts: UpsertObject[] = [];
    const turns: TurnEvent[] = [];
    const turn = new CodexTurn({
      sessionId: SESSION_ID,
      turnId: TURN_ID,
      emitUpsert: (u) => upserts.push(u),
      emitTurn: (e) => turns.push(e),
      onEnd: () => undefined,
      batching,
      logger,
    });
    const apply = (update: SessionUpdate) => turn.apply(update, Date.now());
    turn.start("gpt-5.4");
    return {
      upserts,
      turns,
      streamText(text) {
        for (const word of text.match(/\S+\s*/g) ?? []) {
          apply({ sessionUpdate: "agent_message_chunk", content: { type: "text", text: word } });
        }
      },
      startTool(callId) {
        apply({
          sessionUpdate: "tool_call",
          toolCallId: callId,
          title: "sleep 9",
          kind: "execute",
          status: "in_progress",
          rawInput: { command: ["/bin/bash", "-lc", "sleep 9"], cwd: "/p" },
        });
      },
      orphanResult(callId, output) {
        apply({
          sessionUpdate: "tool_call_update",
          toolCallId: callId,
          status: "completed",
          rawOutput: { stdout: output, stderr: "", exit_code: 0, formatted_output: output },
        });
      },
      unknownEvent(type) {
        apply({ sessionUpdate: type } as unknown as SessionUpdate);
      },
      finish() {
        turn.endCompleted({ stopReason: "end_turn" });
      },
      cancel() {
        turn.cancelRequested = true;
        turn.endCancelled();
      },
      crash(message) {
        turn.endFailed("PROCESS_CRASH", message);
      },
    };
  },
};
