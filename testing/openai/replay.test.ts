// Unit tests of fixture replay: `fixture:<name>` streams recorded OpenAI Responses streams verbatim.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir as defaultFixturesDir } from "../fixtures/index.js";
import { listOpenAIFixtures } from "./replay.js";
import { type OpenAIServer, startOpenAIServer } from "./server.js";
import { codexBody, parseSse, postResponses } from "./test-helpers.js";

const fixturesDir = defaultFixturesDir();
const sharedFixtures = listOpenAIFixtures(fixturesDir);
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ fixturesDir });
});
afterAll(async () => {
  await server.close();
});

function fixtureName(file: string): string {
  return path.relative(path.join(fixturesDir, "openai-sse"), file);
}

async function replay(name: string, url = server.url): Promise<Response> {
  return postResponses(url, codexBody(`fixture:${name}`));
}

describe("fixture replay", () => {
  it("finds the shared OpenAI fixtures", () => {
    expect(sharedFixtures.length).toBeGreaterThan(0);
  });

  it("replays an SSE-framed fixture byte for byte", async () => {
    const file = sharedFixtures.find((candidate) => candidate.endsWith(".sse"));
    if (!file) throw new Error("no .sse fixture");
    const response = await replay(fixtureName(file));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(readFileSync(file))).toBe(true);
  });

  it("frames each JSON line of a chunks fixture as event: <type> + data: <line>", async () => {
    const file = sharedFixtures.find((candidate) => candidate.endsWith(".chunks.txt"));
    if (!file) throw new Error("no .chunks.txt fixture");
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim().startsWith("{"));
    const text = await (await replay(fixtureName(file))).text();
    const expected = lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`);
    expect(text).toBe(expected.join(""));
  });

  it("resolves a fixture by its base name without extension", async () => {
    const file = sharedFixtures.find((candidate) => candidate.endsWith(".sse"));
    if (!file) throw new Error("no .sse fixture");
    const name = path.basename(file).replace(/\.sse$/, "");
    const text = await (await replay(name)).text();
    expect(text).toBe(readFileSync(file, "utf8"));
  });

  it.each(sharedFixtures.map((file) => [fixtureName(file)]))("%s replays and every event parses", async (name) => {
    const events = parseSse(await (await replay(name)).text());
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(typeof event.data.type).toBe("string");
      if (event.event !== undefined) expect(event.event).toBe(event.data.type);
    }
  });

  it("skips lines that are not JSON in a chunks file", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "openai-fixtures-"));
    const own = await startOpenAIServer({ fixturesDir: root });
    try {
      mkdirSync(path.join(root, "openai-sse"));
      const line = '{"type":"response.output_text.delta","delta":"hi"}';
      writeFileSync(path.join(root, "openai-sse", "mine.chunks.txt"), `// a comment\n// another\n${line}\n\n`);
      const text = await (await replay("mine", own.url)).text();
      expect(text).toBe(`event: response.output_text.delta\ndata: ${line}\n\n`);
    } finally {
      await own.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("answers an unknown fixture with a 404 error body", async () => {
    const response = await replay("no-such-fixture");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("no-such-fixture");
  });

  it("refuses a fixture name that leaves the fixtures folder", async () => {
    const response = await replay("../openai-sse/../../etc/passwd");
    expect(response.status).toBe(404);
  });
});
