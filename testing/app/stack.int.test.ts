// The app-stack harness runs the real app and CLIs against the stand-ins, and leaves no process or folder behind.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StreamMessage, ToolCallUpsert } from "../../shared/contracts/index.js";
import { cliProcesses } from "./processes.js";
import { type LiminalStack, startLiminalStack } from "./stack.js";

let stack: LiminalStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Resolves with every stream message of the session's next turn once that turn has ended. */
function nextTurn(running: LiminalStack, sessionId: string): Promise<StreamMessage[]> {
  return new Promise((resolve) => {
    const seen: StreamMessage[] = [];
    const off = running.service.onStream(sessionId, (message) => {
      seen.push(message);
      if (message.type === "session:turn" && message.payload.type !== "turn_started") {
        off();
        resolve(seen);
      }
    });
  });
}

describe("startLiminalStack", () => {
  it("serves the app with its token, lists the seeded project, and refuses requests without the token", async () => {
    stack = await startLiminalStack();
    const withToken = await fetch(`${stack.url}/api/projects`, { headers: { authorization: `Bearer ${stack.token}` } });
    expect(withToken.status).toBe(200);
    const body = (await withToken.json()) as { projects: { path: string }[] };
    expect(body.projects.map((project) => project.path)).toEqual([stack.projectDir]);
    expect(existsSync(`${stack.projectDir}/README.md`)).toBe(true);
    expect((await fetch(`${stack.url}/api/projects`)).status).toBe(401);
  });

  it("refuses the app's data folder and the CLIs' config folders as projects, saying what they are", async () => {
    stack = await startLiminalStack();
    const add = async (folder: string) => {
      const response = await fetch(`${stack?.url}/api/projects`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack?.token}`, "content-type": "application/json" },
        body: JSON.stringify({ path: folder }),
      });
      return { status: response.status, body: (await response.json()) as { code: string; message: string } };
    };
    for (const [folder, what] of [
      [stack.dataDir, "data folder"],
      [stack.claudeConfigDir, "CLAUDE_CONFIG_DIR"],
      [stack.codexHome, "CODEX_HOME"],
    ] as const) {
      const { status, body } = await add(folder);
      expect(status).toBe(400);
      expect(body.code).toBe("INVALID_PATH");
      expect(body.message).toContain(what);
    }
  });

  it("runs a Claude Code turn against the Anthropic stand-in, its transcript in the stack's own config dir", async () => {
    stack = await startLiminalStack();
    const projectId = stack.project?.projectId ?? "";
    const session = await stack.service.createSession({ projectId, cliType: "claude-code" });
    const turn = nextTurn(stack, session.sessionId);
    await stack.service.sendMessage(session.sessionId, "scenario:text");
    const messages = await turn;
    const answer = messages.flatMap((message) =>
      message.type === "session:upsert" &&
      message.payload.type === "message" &&
      message.payload.origin === "agent" &&
      message.payload.status === "complete"
        ? [message.payload.content]
        : [],
    );
    expect(answer).toEqual(["Hello! I am the local model. This is a plain text answer."]);
    expect(stack.anthropic.requests.some((request) => request.kind === "turn")).toBe(true);
    const transcripts = readdirSync(path.join(stack.claudeConfigDir, "projects"), { recursive: true }).map(String);
    expect(transcripts.some((file) => file.endsWith(".jsonl"))).toBe(true);
  });

  it("runs a Codex tool turn against the OpenAI stand-in, and close() ends the CLI and removes the folders", async () => {
    stack = await startLiminalStack();
    const projectId = stack.project?.projectId ?? "";
    const session = await stack.service.createSession({ projectId, cliType: "codex" });
    const turn = nextTurn(stack, session.sessionId);
    await stack.service.sendMessage(session.sessionId, "scenario:tool-shell");
    const messages = await turn;
    const tools = messages.flatMap((message) =>
      message.type === "session:upsert" && message.payload.type === "tool_call" && message.payload.status === "complete"
        ? [message.payload as ToolCallUpsert]
        : [],
    );
    expect(tools.map((tool) => tool.toolOutput ?? "").join("\n")).toContain("hello-from-tool");
    expect(stack.openai.requests.length).toBeGreaterThan(0);
    expect(cliProcesses().length).toBeGreaterThan(0);

    const root = stack.root;
    await stack.close();
    stack = undefined;
    expect(cliProcesses()).toEqual([]);
    expect(existsSync(root)).toBe(false);
  });
});
