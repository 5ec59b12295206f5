// Slash commands with the real CLIs (issue "The composer and session control" §3): the list comes from the CLI with
// descriptions (REST and /ws), and a command sent as the message text `/name args` does what the CLI does with it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandsResponse } from "../../shared/contracts/index.js";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { recordSession } from "./testing/session-recorder.js";

let stack: LiminalStack;

beforeAll(async () => {
  stack = await startLiminalStack({ claudeWarmStart: false });
  // A project command: Claude Code expands it (with its arguments) into the prompt it sends the model.
  mkdirSync(path.join(stack.projectDir, ".claude", "commands"), { recursive: true });
  writeFileSync(
    path.join(stack.projectDir, ".claude", "commands", "probe-word.md"),
    "---\ndescription: Says the probe word\n---\nReply with the probe word zebra-$ARGUMENTS and nothing else.\n",
  );
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

async function commandsOverRest(sessionId: string): Promise<{ status: number; body: CommandsResponse }> {
  const response = await fetch(`${stack.url}/api/session/${sessionId}/commands`, {
    headers: { authorization: `Bearer ${stack.token}` },
  });
  return { status: response.status, body: (await response.json()) as CommandsResponse };
}

describe("slash commands", () => {
  it("404 SESSION_NOT_FOUND for an unknown session", async () => {
    const response = await fetch(`${stack.url}/api/session/no-such-session/commands`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "SESSION_NOT_FOUND" });
  });

  it("Claude Code: lists built-ins and the project's command with descriptions; /probe-word reaches the model expanded, an unknown one as text", async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: "claude-code" });
    const { status, body } = await commandsOverRest(sessionId);
    expect(status).toBe(200);
    expect(body.commands).toContainEqual({ name: "probe-word", description: expect.stringContaining("probe word") });
    const compact = body.commands.find((c) => c.name === "compact");
    expect(compact?.description).not.toBe("");

    const s = recordSession(stack.service, sessionId);
    const before = stack.anthropic.requests.length;
    const { turnId } = await stack.service.sendMessage(sessionId, "/probe-word alpha");
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const sent = stack.anthropic.requests
      .slice(before)
      .filter((r) => r.kind === "turn")
      .map((r) => JSON.stringify((r.body as { messages?: unknown }).messages ?? []));
    expect(sent.some((body) => body.includes("zebra-alpha"))).toBe(true);
    // A command Claude Code does not know goes to the model as the text typed (with a note that it is not installed).
    const before2 = stack.anthropic.requests.length;
    const unknown = await stack.service.sendMessage(sessionId, "/no-such-command beta");
    expect(await s.turnEnd(unknown.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const sent2 = stack.anthropic.requests
      .slice(before2)
      .filter((r) => r.kind === "turn")
      .map((r) => JSON.stringify((r.body as { messages?: unknown }).messages ?? []));
    expect(sent2.some((body) => body.includes('"/no-such-command beta"'))).toBe(true);
    s.stop();
    await stack.service.killSession(sessionId);
    // Not live any more: answered from the last list known, no CLI started for it.
    expect((await commandsOverRest(sessionId)).body.commands).toContainEqual(
      expect.objectContaining({ name: "probe-word" }),
    );
    expect(cliProcesses()).toEqual([]);
  });

  it("Codex: lists what codex-acp announces with descriptions; /init reaches the model as its own prompt, an unknown one as text", async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: "codex" });
    const { status, body } = await commandsOverRest(sessionId);
    expect(status).toBe(200);
    expect(body.commands).toContainEqual({ name: "init", description: expect.stringContaining("AGENTS.md") });
    expect(body.commands).toContainEqual({ name: "review", description: expect.any(String) });
    for (const command of body.commands) expect(command.description).not.toBe("");

    const s = recordSession(stack.service, sessionId);
    const before = stack.openai.requests.length;
    const { turnId } = await stack.service.sendMessage(sessionId, "/init");
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete" });
    const sent = stack.openai.requests
      .slice(before)
      .filter((r) => r.url.startsWith("/v1/responses"))
      .map((r) => JSON.stringify((r.body as { input?: unknown }).input ?? []));
    // codex-acp replaces `/init` with its instructions for writing AGENTS.md (the bare text never reaches the model).
    expect(sent.some((input) => input.includes("AGENTS.md"))).toBe(true);
    // A command codex-acp does not list goes to the model as the text typed.
    const before2 = stack.openai.requests.length;
    const unknown = await stack.service.sendMessage(sessionId, "/no-such-command beta");
    expect(await s.turnEnd(unknown.turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const sent2 = stack.openai.requests
      .slice(before2)
      .filter((r) => r.url.startsWith("/v1/responses"))
      .map((r) => JSON.stringify((r.body as { input?: unknown }).input ?? []));
    expect(sent2.some((input) => input.includes('"/no-such-command beta"'))).toBe(true);
    s.stop();
    await stack.service.killSession(sessionId);
  });
});
