// Idle sleep with the real CLIs (issue 18 §2): an idle session's CLI process ends, the session shows `sleeping`, and the
// next message resumes it (Claude Code `resume`, Codex `session/load`) with the conversation intact, sent once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliType } from "../../shared/contracts/index.js";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { recordSession } from "./testing/session-recorder.js";

/** 1.5 s: long enough for each step below to run while the session is awake, short enough for a test. */
const IDLE_MINUTES = 0.025;

let stack: LiminalStack;

beforeAll(async () => {
  stack = await startLiminalStack({ seedProject: false, claudeWarmStart: false, idleMinutes: IDLE_MINUTES });
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

/** Every user text the model stand-in of `cli` received, oldest first, one entry per model request. */
function userTextsAtTheApi(cli: CliType): string[] {
  if (cli === "claude-code") {
    return stack.anthropic.requests
      .filter((r) => r.kind === "turn")
      .map((r) => JSON.stringify((r.body as { messages?: unknown }).messages ?? []));
  }
  return stack.openai.requests
    .filter((r) => r.url.startsWith("/v1/responses"))
    .map((r) => JSON.stringify((r.body as { input?: unknown }).input ?? []));
}

describe.each<CliType>(["claude-code", "codex"])("%s: an idle session sleeps and wakes on the next message", (cli) => {
  it("ends the CLI process, shows sleeping, then resumes with the conversation and sends the message once", async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: cli });
    const s = recordSession(stack.service, sessionId);
    const first = await stack.service.sendMessage(sessionId, `Remember the word ${cli}-violet.`);
    expect(await s.turnEnd(first.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });

    await s.until("the session to sleep", () => s.summaries.find((summary) => summary.state === "sleeping"));
    expect(stack.service.status(sessionId)).toMatchObject({ isAlive: false, state: "sleeping" });
    expect(cliProcesses()).toEqual([]);

    const before = userTextsAtTheApi(cli).length;
    const second = await stack.service.sendMessage(sessionId, `Which word, ${cli}-wake?`);
    expect(await s.turnEnd(second.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const asked = userTextsAtTheApi(cli)
      .slice(before)
      .filter((body) => body.includes(`${cli}-wake`));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(`${cli}-violet`);
    expect(asked[0]?.split(`${cli}-wake`)).toHaveLength(2);
    const userItems = s.messages.filter(
      (m) => m.type === "session:upsert" && m.payload.type === "message" && m.payload.origin === "user",
    );
    expect(userItems.map((m) => m.payload.turnId)).toEqual([first.turnId, second.turnId]);
    s.stop();
    await stack.service.killSession(sessionId);
  });
});
