// Unit tests of the Anthropic stand-in over HTTP: streaming, tools and steps, JSON answers, failures, side requests.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCENARIOS, scenarioStep } from "../scenarios/scenarios.js";
import type { AnthropicServer, DeltaEvent } from "./server.js";
import { startAnthropicServer } from "./server.js";
import { claudeRequest, deltas, parseSseText, post, streamedText, userPrompt } from "./test-helpers.js";

function scenarioText(name: string, step = 0): string {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`no scenario ${name}`);
  return scenarioStep(scenario, step)
    .blocks.map((b) => (b.kind === "text" ? b.text : ""))
    .join("");
}

let server: AnthropicServer;
const written: DeltaEvent[] = [];

beforeEach(async () => {
  written.length = 0;
  server = await startAnthropicServer({ onDelta: (event) => written.push(event) });
});
afterEach(async () => {
  await server.close();
});

async function stream(prompt: string, history: Record<string, unknown>[] = [], cwd?: string) {
  const res = await post(server.url, claudeRequest(prompt, { history, cwd }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  return parseSseText(await res.text());
}

describe("streaming scenario turns", () => {
  it("streams the text scenario as well-formed Anthropic SSE whose deltas join to the scenario text", async () => {
    const events = await stream("Hi scenario:text");
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("message_start");
    expect(names.slice(-2)).toEqual(["message_delta", "message_stop"]);
    expect(names).toContain("ping");
    const start = events[0]?.data.message as { usage: { input_tokens: number } };
    expect(start.usage.input_tokens).toBeGreaterThan(0);
    expect(streamedText(events)).toBe(scenarioText("text"));
    expect(deltas(events, "text_delta").length).toBeGreaterThan(3);
    const end = events.at(-2)?.data as { delta: { stop_reason: string }; usage: { output_tokens: number } };
    expect(end.delta.stop_reason).toBe("end_turn");
    expect(end.usage.output_tokens).toBe(deltas(events, "text_delta").length);
  });

  it("streams thinking deltas and a signature before the text block", async () => {
    const events = await stream("scenario:thinking");
    const starts = events.filter((e) => e.event === "content_block_start").map((e) => e.data.content_block);
    expect(starts.map((b) => (b as { type: string }).type)).toEqual(["thinking", "text"]);
    const order = events.map((e) => (e.data.delta as { type?: string } | undefined)?.type).filter(Boolean);
    const lastThinking = order.lastIndexOf("thinking_delta");
    expect(order.indexOf("signature_delta")).toBeGreaterThan(lastThinking);
    expect(order.indexOf("text_delta")).toBeGreaterThan(order.indexOf("signature_delta"));
    expect(deltas(events, "signature_delta")[0]?.signature).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(streamedText(events)).toBe(scenarioText("thinking"));
  });

  it("answers tool-shell step 0 with a Bash tool_use whose JSON pieces join to the command, stop_reason tool_use", async () => {
    const events = await stream("scenario:tool-shell");
    const toolStart = events.find(
      (e) => e.event === "content_block_start" && (e.data.content_block as { type: string }).type === "tool_use",
    )?.data.content_block as { id: string; name: string };
    expect(toolStart.name).toBe("Bash");
    expect(toolStart.id).toMatch(/^toolu_\w+$/);
    const pieces = deltas(events, "input_json_delta").map((d) => d.partial_json as string);
    expect(pieces.filter((p) => p !== "").length).toBeGreaterThan(1);
    expect(JSON.parse(pieces.join(""))).toMatchObject({ command: "echo hello-from-tool" });
    expect(events.at(-2)?.data.delta).toMatchObject({ stop_reason: "tool_use" });
  });

  it("gives the request carrying the tool_result the next step", async () => {
    const history = [
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "Bash", input: { command: "x" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "hello-from-tool" }] },
    ];
    const events = await stream("scenario:tool-shell", history);
    expect(streamedText(events)).toBe(scenarioText("tool-shell", 1));
  });

  it("resolves relative tool paths against the working directory Claude Code states", async () => {
    const events = await stream("scenario:tool-read", [], "/srv/my project");
    const json = deltas(events, "input_json_delta")
      .map((d) => d.partial_json)
      .join("");
    expect(JSON.parse(json)).toEqual({ file_path: "/srv/my project/README.md" });
  });

  it("answers an unscripted message with the conversational script quoting the user", async () => {
    const events = await stream("Good morning, how are you");
    expect(streamedText(events)).toContain("You said: *Good morning, how are you*");
  });

  it("starts a new scenario at step 0 for a new user message after an earlier finished turn", async () => {
    const history = [
      { role: "assistant", content: [{ type: "text", text: "Hello!" }] },
      userPrompt("scenario:markdown"),
    ];
    const events = await stream("scenario:text", history);
    expect(streamedText(events)).toBe(scenarioText("markdown"));
  });
});

describe("non-streaming and side requests", () => {
  it("answers stream:false with a JSON message holding the step's blocks", async () => {
    const res = await post(server.url, claudeRequest("scenario:tool-write", { stream: false }));
    expect(res.headers.get("content-type")).toContain("application/json");
    const message = (await res.json()) as { type: string; stop_reason: string; content: Record<string, unknown>[] };
    expect(message.type).toBe("message");
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content[0]).toMatchObject({
      type: "tool_use",
      name: "Write",
      input: { file_path: "/work/project/hello.txt", content: "Hello from Liminal Builder\n" },
    });
  });

  it("answers Claude Code's title request with schema-shaped JSON instead of a scenario step", async () => {
    const body = {
      model: "claude-opus-5-5",
      stream: true,
      tools: [],
      system: [{ type: "text", text: "You are naming a coding session so the user can pick it out of a long list." }],
      output_config: {
        format: { type: "json_schema", schema: { type: "object", properties: { title: { type: "string" } } } },
      },
      messages: [
        {
          role: "user",
          content: [{ type: "text", text: "<session>\nfix the login bug scenario:error-500\n</session>" }],
        },
      ],
    };
    const res = await post(server.url, body);
    expect(res.status).toBe(200);
    const events = parseSseText(await res.text());
    expect(JSON.parse(streamedText(events))).toEqual({ title: "Fix the login bug" });
    expect(written).toEqual([]);
    expect(server.requests.at(-1)?.kind).toBe("title");
  });

  it("answers count_tokens with an estimate and unknown paths with a 404 JSON error", async () => {
    const counted = await post(server.url, claudeRequest("one two three"), "/v1/messages/count_tokens?beta=true");
    expect(((await counted.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(3);
    const missing = await fetch(`${server.url}/v1/models`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/messages/count_tokens", "/v1/models"]);
  });
});

describe("failures", () => {
  const httpCases = [
    ["error-401", 401, "authentication_error"],
    ["error-429", 429, "rate_limit_error"],
    ["error-500", 500, "api_error"],
    ["error-529", 529, "overloaded_error"],
  ] as const;
  for (const [scenario, status, type] of httpCases) {
    it(`scenario:${scenario} answers HTTP ${status} with error type ${type} and a request-id`, async () => {
      const res = await post(server.url, claudeRequest(`scenario:${scenario}`));
      expect(res.status).toBe(status);
      expect(res.headers.get("request-id")).toMatch(/^req_/);
      expect(await res.json()).toMatchObject({ type: "error", error: { type } });
    });
  }

  it("midStreamError streams a few tokens, then an SSE error event, and no message_stop", async () => {
    const events = await stream("scenario:error-midstream");
    expect(deltas(events, "text_delta")).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({
      event: "error",
      data: { type: "error", error: { type: "overloaded_error" } },
    });
    expect(events.map((e) => e.event)).not.toContain("message_stop");
  });

  it("drop destroys the connection mid-body so reading the body fails", async () => {
    const res = await post(server.url, claudeRequest("scenario:error-drop"));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(written).toHaveLength(3);
  });

  it("cut ends the stream cleanly without message_stop", async () => {
    const events = await stream("scenario:error-cut");
    expect(deltas(events, "text_delta")).toHaveLength(3);
    expect(events.map((e) => e.event)).not.toContain("message_stop");
  });
});

describe("pacing and shutdown", () => {
  it("spreads the deltas of a paced answer over time (pace:<n> marker)", async () => {
    const tps = 40;
    const events = await stream("scenario:text pace:40");
    const n = deltas(events, "text_delta").length;
    const times = written.map((w) => w.writtenAt);
    expect(times).toHaveLength(n);
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(((n - 1) / tps) * 1000 * 0.5);
    expect(new Set(written.map((w) => w.requestId))).toEqual(new Set([server.requests[0]?.id]));
  });

  it("close() ends a stream that is still being written and resolves", async () => {
    const res = await post(server.url, claudeRequest("scenario:slow"));
    const reader = res.body?.getReader();
    await reader?.read();
    await server.close();
    let done = false;
    while (!done) {
      const chunk = await reader?.read().catch(() => ({ done: true }));
      done = chunk?.done ?? true;
    }
    expect(written.length).toBeLessThan(tokenCount("slow"));
  });
});

function tokenCount(name: string): number {
  return scenarioText(name).split(/\s+/).length;
}

describe("robustness", () => {
  it("treats a marker naming an Object property (scenario:constructor) as an unknown scenario", async () => {
    const events = await stream("scenario:constructor hello");
    expect(streamedText(events)).toContain("You said:");
  });
});
