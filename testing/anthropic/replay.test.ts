// Unit tests of verbatim fixture replay (`fixture:<name>`) against the recorded Anthropic streams in testing/fixtures.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir as defaultFixturesDir } from "../fixtures/index.js";
import { listAnthropicFixtures } from "./replay.js";
import type { AnthropicServer } from "./server.js";
import { startAnthropicServer } from "./server.js";
import { claudeRequest, parseSseText, post } from "./test-helpers.js";

const fixturesDir = defaultFixturesDir();
const sseDir = path.join(fixturesDir, "anthropic-sse");
let server: AnthropicServer;

beforeAll(async () => {
  server = await startAnthropicServer();
});
afterAll(async () => {
  await server.close();
});

async function replay(name: string, stream = true): Promise<Response> {
  const res = await post(server.url, claudeRequest(`please replay fixture:${name}`, { stream }));
  expect(res.status).toBe(200);
  return res;
}

describe("fixture replay", () => {
  it("replays an SSE-framed recording byte for byte (name given as a path without extension)", async () => {
    const res = await replay("anthropic-sdk-typescript/tool_use_response");
    const original = await readFile(path.join(sseDir, "anthropic-sdk-typescript/tool_use_response.txt"));
    expect(Buffer.from(await res.arrayBuffer()).equals(original)).toBe(true);
  });

  it("frames a chunks file as event:<type> + data:<line as recorded> (name given as a basename, ending a sentence)", async () => {
    const res = await replay("anthropic-json-tool.1.");
    const body = await res.text();
    const lines = (await readFile(path.join(sseDir, "vercel-ai/anthropic-json-tool.1.chunks.txt"), "utf8"))
      .split("\n")
      .filter((line) => line.trim() !== "");
    const frames = body.split("\n\n").filter(Boolean);
    expect(frames).toHaveLength(lines.length);
    frames.forEach((frame, i) => {
      const line = lines[i] ?? "";
      expect(frame).toBe(`event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}`);
    });
  });

  it("replays every recorded Anthropic stream as parseable SSE from message_start to message_stop", async () => {
    const files = await listAnthropicFixtures(fixturesDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const events = parseSseText(await (await replay(file)).text());
      expect(events[0]?.event, file).toBe("message_start");
      expect(events.at(-1)?.event, file).toBe("message_stop");
      for (const e of events) expect(e.data.type, file).toBe(e.event);
    }
  });

  it("answers a non-streaming request for a fixture with the message the recording describes", async () => {
    const res = await replay("tool_use_response", false);
    const message = (await res.json()) as { content: { type: string; name?: string; input?: unknown }[] };
    const tool = message.content.find((block) => block.type === "tool_use");
    expect(tool?.name).toBe("get_weather");
    expect(tool?.input).toMatchObject({ location: expect.stringContaining("Paris") });
  });

  it("answers later steps of a fixture turn with a closing text instead of replaying again", async () => {
    const history = [
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "No such tool" }] },
    ];
    const res = await post(server.url, claudeRequest("fixture:tool_use_response", { history }));
    const events = parseSseText(await res.text());
    expect(events.map((e) => e.event)).toContain("message_stop");
    expect(JSON.stringify(events)).not.toContain("get_weather");
  });

  it("answers an unknown fixture name with a 400 invalid_request_error", async () => {
    const res = await post(server.url, claudeRequest("fixture:no-such-recording"));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });
});

describe("fixtures folder", () => {
  it("replays from the folder given as fixturesDir (as LIMINAL_FIXTURES_DIR would), with // comment lines skipped", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "lb-fixtures-"));
    const own = await startAnthropicServer({ fixturesDir: dir });
    try {
      await mkdir(path.join(dir, "anthropic-sse", "mine"), { recursive: true });
      const lines = ['{"type":"message_start","message":{"id":"m","content":[]}}', '{"type":"message_stop"}'];
      await writeFile(
        path.join(dir, "anthropic-sse", "mine", "custom.chunks.txt"),
        `// recorded by hand\n${lines.join("\n")}\n`,
      );
      const res = await post(own.url, claudeRequest("fixture:mine/custom.chunks.txt"));
      expect(await res.text()).toBe(lines.map((l) => `event: ${JSON.parse(l).type}\ndata: ${l}\n\n`).join(""));
    } finally {
      await own.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
