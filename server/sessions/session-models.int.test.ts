// Model and effort with the real CLIs (issue "The composer and session control" §2): the session's models come from
// the CLI, a model change between turns reaches the model API (the stand-ins' requests) and names the turn's model,
// and the choice outlives the CLI process (killed, then resumed on the next message).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliType, TurnEvent } from "../../shared/contracts/index.js";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { recordSession } from "./testing/session-recorder.js";

let stack: LiminalStack;

beforeAll(async () => {
  stack = await startLiminalStack({ seedProject: false, claudeWarmStart: false });
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

/** The `model` of every turn request the stand-in of `cli` received, oldest first. */
function modelsAtTheApi(cli: CliType): string[] {
  const requests =
    cli === "claude-code"
      ? stack.anthropic.requests.filter((r) => r.kind === "turn")
      : stack.openai.requests.filter((r) => r.url.startsWith("/v1/responses"));
  return requests.map((r) => String((r.body as { model?: unknown }).model));
}

describe.each<CliType>(["claude-code", "codex"])("%s: choosing the model", (cli) => {
  it("lists the CLI's models, changes the model between turns, and the next turn's API request carries it", async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: cli });
    const s = recordSession(stack.service, sessionId);
    const listed = await stack.service.listModels(sessionId);
    expect(listed.models.length).toBeGreaterThan(1);
    expect(listed.models.map((m) => m.id)).toContain(listed.current);
    // The last of the list: not the CLI's default (Claude Code's `default` and `opus` are one model here).
    const target = listed.models.at(-1)?.id ?? "";
    expect(target).not.toBe(listed.current);

    const baseline = await stack.service.sendMessage(sessionId, "Say hi.");
    expect(await s.turnEnd(baseline.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const defaultWire = modelsAtTheApi(cli).at(-1);
    expect(defaultWire).toBeDefined();

    await expect(stack.service.setModel(sessionId, "no-such-model")).rejects.toMatchObject({ code: "UNKNOWN_MODEL" });
    expect(await stack.service.setModel(sessionId, target)).toMatchObject({ current: target });
    expect(stack.service.getSession(sessionId).model).toBe(target);
    expect((await stack.service.listModels(sessionId)).current).toBe(target);

    const before = modelsAtTheApi(cli).length;
    const first = await stack.service.sendMessage(sessionId, "Say hello.");
    await expect(stack.service.setModel(sessionId, listed.current)).rejects.toMatchObject({ code: "TURN_IN_PROGRESS" });
    expect(await s.turnEnd(first.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const asked = modelsAtTheApi(cli).slice(before);
    expect(asked.length).toBeGreaterThan(0);
    const started = s.messages.find(
      (m): m is Extract<typeof m, { type: "session:turn" }> =>
        m.type === "session:turn" && m.payload.type === "turn_started" && m.payload.turnId === first.turnId,
    )?.payload as Extract<TurnEvent, { type: "turn_started" }> | undefined;
    // Claude Code sends an alias (`opus`) as the wire id it resolves to; Codex sends the id itself.
    const wire = asked.at(-1) ?? "";
    expect(wire).not.toBe(defaultWire);
    expect(cli === "codex" ? wire === target : wire.includes(target.replace(/\[.*\]$/, ""))).toBe(true);
    expect(started?.modelId).toBe(wire);

    // The choice is kept in the record: a killed session resumes with it on the next message.
    await stack.service.killSession(sessionId);
    const mark = modelsAtTheApi(cli).length;
    const second = await stack.service.sendMessage(sessionId, "Say hello again.");
    expect(await s.turnEnd(second.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(modelsAtTheApi(cli).slice(mark).at(-1)).toBe(wire);
    expect(stack.service.cliModels(cli).models.map((m) => m.id)).toContain(target);
    s.stop();
    await stack.service.killSession(sessionId);
  });
});

describe("codex: choosing the reasoning effort", () => {
  it("starts a session with a model and effort, and the API request carries both", async () => {
    const projectId = stack.project?.projectId ?? "";
    const known = stack.service.cliModels("codex");
    const effort = known.effort?.levels.find((level) => level.id !== known.effort?.current)?.id;
    expect(effort).toBeDefined();
    const model = known.models.at(-1)?.id ?? "";
    const summary = await stack.service.createSession({ projectId, cliType: "codex", model, effort });
    expect(summary).toMatchObject({ model, effort });
    const s = recordSession(stack.service, summary.sessionId);
    expect(await stack.service.listModels(summary.sessionId)).toMatchObject({
      current: model,
      effort: { current: effort },
    });
    const mark = stack.openai.requests.length;
    const turn = await stack.service.sendMessage(summary.sessionId, "Think, then say hi.");
    expect(await s.turnEnd(turn.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const body = stack.openai.requests
      .slice(mark)
      .filter((r) => r.url.startsWith("/v1/responses"))
      .at(-1)?.body as { model?: string; reasoning?: { effort?: string } } | undefined;
    expect(body).toMatchObject({ model, reasoning: { effort } });
    s.stop();
    await stack.service.killSession(summary.sessionId);
  });
});

describe("the model routes", () => {
  /** One request to the stack's REST API with its token; resolves with the status and the JSON body. */
  async function api(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${stack.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${stack.token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  it("answers models, a change, and the errors in words", async () => {
    const projectId = stack.project?.projectId ?? "";
    const created = await api("POST", "/api/session/create", { projectId, cliType: "codex", model: "gpt-5.2" });
    expect(created.status).toBe(201);
    const { sessionId } = created.body as { sessionId: string };
    const listed = await api("GET", `/api/session/${sessionId}/models`);
    expect(listed).toMatchObject({ status: 200, body: { current: "gpt-5.2" } });
    expect((listed.body as { models: { id: string }[] }).models.map((m) => m.id)).toContain("gpt-5.4");
    expect(await api("POST", `/api/session/${sessionId}/model`, { model: "gpt-5.4" })).toEqual({
      status: 200,
      body: { current: "gpt-5.4" },
    });
    expect(await api("POST", `/api/session/${sessionId}/model`, { model: "nope" })).toMatchObject({
      status: 400,
      body: { code: "UNKNOWN_MODEL" },
    });
    expect(await api("POST", "/api/session/create", { projectId, cliType: "codex", model: "nope" })).toMatchObject({
      status: 400,
      body: { code: "UNKNOWN_MODEL" },
    });
    expect(await api("GET", "/api/session/00000000-0000-4000-8000-000000000000/models")).toMatchObject({
      status: 404,
      body: { code: "SESSION_NOT_FOUND" },
    });
    expect(await api("GET", "/api/cli/codex/models")).toMatchObject({ status: 200, body: { cliType: "codex" } });
    await stack.service.killSession(sessionId);
  });
});
