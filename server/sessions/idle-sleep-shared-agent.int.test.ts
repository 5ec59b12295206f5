// Idle sleep with one codex-acp serving two sessions of a project: one session sleeps while the other keeps the agent,
// then wakes on the same agent (`session/load` of a session it served before) with its conversation.
import { afterAll, beforeAll, expect, it } from "vitest";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { recordSession } from "./testing/session-recorder.js";

let stack: LiminalStack;

beforeAll(async () => {
  stack = await startLiminalStack({ seedProject: false, idleMinutes: 0.025 });
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

it("a Codex session sleeps while another keeps its agent busy, and wakes on that agent with its conversation", async () => {
  const projectId = stack.project?.projectId ?? "";
  const a = (await stack.service.createSession({ projectId, cliType: "codex" })).sessionId;
  const b = (await stack.service.createSession({ projectId, cliType: "codex" })).sessionId;
  const ra = recordSession(stack.service, a);
  const rb = recordSession(stack.service, b);
  // B keeps the agent busy with a slow turn (20 tokens/s, several seconds) while A has a turn, sleeps and wakes.
  const slow = await stack.service.sendMessage(b, "Take your time. scenario:slow");
  const first = await stack.service.sendMessage(a, "Remember the word shared-amber.");
  await ra.turnEnd(first.turnId);
  await ra.until("A to sleep", () => ra.summaries.find((s) => s.state === "sleeping"));
  expect(stack.service.status(b)).toMatchObject({ isAlive: true, state: "running" });
  const agents = cliProcesses().filter((p) => p.command.includes("codex-acp"));
  expect(agents).toHaveLength(1);
  const second = await stack.service.sendMessage(a, "Which word, shared-wake?");
  expect(await ra.turnEnd(second.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
  const asked = stack.openai.requests.filter((r) => JSON.stringify(r.body).includes("shared-wake"));
  expect(asked).toHaveLength(1);
  expect(JSON.stringify(asked[0]?.body)).toContain("shared-amber");
  expect(cliProcesses().filter((p) => p.command.includes("codex-acp"))).toEqual(agents);
  await stack.service.cancelTurn(b);
  await rb.turnEnd(slow.turnId);
  ra.stop();
  rb.stop();
});
