// @ mentions of files with the real CLIs against the stand-ins (issue "The composer and session control" §4): the
// search route finds the file in the session's folder, and the chosen `@path` reaches the model API in the CLI's form.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { recordSession } from "./testing/session-recorder.js";

/** Text only the mentioned file holds: seen at the API only if the CLI read the file for the mention. */
const MARKER = "violet-heron-4417";
const FILE = "src/notes/mention-target.txt";
/** A second file, with a space in its name: mentioned as `@"path"`. */
const SPACED = "src/notes/second note.txt";
const SPACED_MARKER = "amber-lynx-2093";

let stack: LiminalStack;

beforeAll(async () => {
  stack = await startLiminalStack({ claudeWarmStart: false });
  mkdirSync(path.join(stack.projectDir, "src/notes"), { recursive: true });
  writeFileSync(path.join(stack.projectDir, FILE), `The secret word is ${MARKER}.\n`);
  writeFileSync(path.join(stack.projectDir, SPACED), `The other word is ${SPACED_MARKER}.\n`);
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

/** `GET /api/session/:id/files?q=` through the real app (auth header), as the composer's popup asks. */
async function searchFiles(sessionId: string, q: string): Promise<string[]> {
  const response = await stack.app.inject({
    method: "GET",
    url: `/api/session/${sessionId}/files?q=${encodeURIComponent(q)}&limit=5`,
    headers: { authorization: `Bearer ${stack.token}` },
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { files: { path: string }[] }).files.map((file) => file.path);
}

describe("an @ mention with Claude Code", () => {
  it('finds the file; the @path stays in the text and the CLI reads each mentioned file (@"quoted" too) into the request', async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: "claude-code" });
    expect((await searchFiles(sessionId, "mentiontarget"))[0]).toBe(FILE);
    const s = recordSession(stack.service, sessionId);
    const before = stack.anthropic.requests.length;
    const { turnId } = await stack.service.sendMessage(sessionId, `What do @${FILE} and @"${SPACED}" say?`);
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const turns = stack.anthropic.requests.slice(before).filter((r) => r.kind === "turn");
    const body = JSON.stringify((turns[0]?.body as { messages?: unknown } | undefined)?.messages);
    // The text keeps the mention as typed; the CLI itself read each file (a Read tool call it made up front).
    expect(body).toContain(`@${FILE}`);
    expect(body).toContain(MARKER);
    expect(body).toContain(SPACED_MARKER);
    // …before the turn: no tool call in the stream, no permission asked.
    expect(s.toolCalls(turnId)).toEqual([]);
    expect(s.requests).toEqual([]);
    s.stop();
    await stack.service.killSession(sessionId);
  });
});

describe("an @ mention with Codex", () => {
  it("finds the file; a resource_link per mentioned file goes besides the text and reaches the OpenAI API as a link", async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: "codex" });
    expect((await searchFiles(sessionId, "mentiontarget"))[0]).toBe(FILE);
    const s = recordSession(stack.service, sessionId);
    const before = stack.openai.requests.length;
    const { turnId } = await stack.service.sendMessage(sessionId, `What do @${FILE} and @"${SPACED}" say?`);
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    const asked = stack.openai.requests.slice(before).filter((r) => r.url.startsWith("/v1/responses"));
    const input = JSON.stringify((asked[0]?.body as { input?: unknown } | undefined)?.input);
    // The text as typed, then one input_text per resource_link: codex-acp writes it as `[@name](uri)` and does not
    // read the file (the model reads it with its own tools if it wants to).
    expect(input).toContain(`What do @${FILE} and @\\"${SPACED}\\" say?`);
    const link = (relative: string) => `[@${relative}](${pathToFileURL(path.join(stack.projectDir, relative)).href})`;
    expect(input).toContain(JSON.stringify({ type: "input_text", text: link(FILE) }));
    expect(input).toContain(JSON.stringify({ type: "input_text", text: link(SPACED) }));
    s.stop();
    await stack.service.killSession(sessionId);
  });
});
