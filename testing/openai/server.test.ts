// Unit tests of the OpenAI Responses stand-in over real HTTP: scenario streams, tool calls, steps, errors, pacing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationalScenario, SCENARIOS } from "../scenarios/scenarios.js";
import { type DeltaEvent, type OpenAIServer, startOpenAIServer } from "./server.js";
import { codexBody, message, ofType, type ParsedEvent, parseSse, postResponses } from "./test-helpers.js";

let server: OpenAIServer;
const deltas: DeltaEvent[] = [];

beforeAll(async () => {
  server = await startOpenAIServer({ onDelta: (event) => deltas.push(event) });
});
afterAll(async () => {
  await server.close();
});

async function stream(body: unknown): Promise<ParsedEvent[]> {
  const response = await postResponses(server.url, body);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  return parseSse(await response.text());
}

function joinDeltas(events: ParsedEvent[], type: string): string {
  return ofType(events, type)
    .map((event) => event.data.delta)
    .join("");
}

function firstText(name: string, step = 0): string {
  const block = SCENARIOS[name]?.steps[step]?.blocks.find((b) => b.kind === "text");
  if (block?.kind !== "text") throw new Error(`no text in ${name}`);
  return block.text;
}

function usageOf(events: ParsedEvent[]): Record<string, unknown> {
  const response = events[events.length - 1]?.data.response as { usage?: Record<string, unknown> } | undefined;
  return response?.usage ?? {};
}

function doneItems(events: ParsedEvent[]): Record<string, unknown>[] {
  return ofType(events, "response.output_item.done").map((event) => event.data.item as Record<string, unknown>);
}

describe("scenario streams", () => {
  it("streams the text scenario one token per delta and completes with usage", async () => {
    const events = await stream(codexBody("Hi scenario:text"));
    expect(events[0]?.event).toBe("response.created");
    expect(events[1]?.event).toBe("response.in_progress");
    expect(joinDeltas(events, "response.output_text.delta")).toBe(firstText("text"));
    const textDeltas = ofType(events, "response.output_text.delta");
    expect(textDeltas.length).toBe(firstText("text").split(" ").length);
    const last = events[events.length - 1];
    expect(last?.event).toBe("response.completed");
    const usage = usageOf(events);
    expect(usage).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: textDeltas.length,
      input_tokens_details: { cached_tokens: expect.any(Number) },
      output_tokens_details: { reasoning_tokens: 0 },
    });
    expect(usage.total_tokens).toBe((usage.input_tokens as number) + (usage.output_tokens as number));
    expect(doneItems(events)).toEqual([
      expect.objectContaining({
        type: "message",
        role: "assistant",
        content: [expect.objectContaining({ text: firstText("text") })],
      }),
    ]);
  });

  it("every event names its type in both the event line and the data", async () => {
    const events = await stream(codexBody("scenario:thinking"));
    for (const event of events) expect(event.data.type).toBe(event.event);
  });

  it("streams a reasoning item with summary deltas (summary_index) before the message", async () => {
    const events = await stream(codexBody("scenario:thinking"));
    const thinking = SCENARIOS.thinking?.steps[0]?.blocks[0];
    if (thinking?.kind !== "thinking") throw new Error("thinking scenario changed");
    const summaryDeltas = ofType(events, "response.reasoning_summary_text.delta");
    expect(summaryDeltas.length).toBeGreaterThan(1);
    for (const delta of summaryDeltas) expect(delta.data.summary_index).toBe(0);
    expect(joinDeltas(events, "response.reasoning_summary_text.delta")).toBe(thinking.text);
    const types = events.map((event) => event.event);
    expect(types.indexOf("response.reasoning_summary_part.added")).toBeLessThan(
      types.indexOf("response.output_text.delta"),
    );
    expect(doneItems(events).map((item) => item.type)).toEqual(["reasoning", "message"]);
    expect(doneItems(events)[0]).toMatchObject({ summary: [{ type: "summary_text", text: thinking.text }] });
    const usage = usageOf(events);
    expect(usage.output_tokens_details).toEqual({ reasoning_tokens: summaryDeltas.length });
  });

  it("answers an unscripted message with the conversational script", async () => {
    const text = "Hello there, who are you?";
    const events = await stream(codexBody(text));
    const expected = conversationalScenario(text).steps[0]?.blocks[0];
    expect(expected?.kind).toBe("text");
    expect(joinDeltas(events, "response.output_text.delta")).toBe(expected?.kind === "text" ? expected.text : "");
  });

  it("ignores markers inside injected context and reads the last real user message", async () => {
    const body = codexBody("scenario:text", {
      before: [message("user", "scenario:markdown"), message("assistant", "ok")],
    });
    const events = await stream(body);
    expect(joinDeltas(events, "response.output_text.delta")).toBe(firstText("text"));
  });

  it("reports each text delta to onDelta with the request id and a write time", async () => {
    const before = Date.now();
    const events = await stream(codexBody("scenario:markdown"));
    const request = server.requests[server.requests.length - 1];
    const mine = deltas.filter((event) => event.requestId === request?.requestId);
    expect(mine.map((event) => event.text).join("")).toBe(joinDeltas(events, "response.output_text.delta"));
    for (const event of mine) expect(event.writtenAt).toBeGreaterThanOrEqual(before - 1);
  });

  it("paces deltas at pace:<tokensPerSecond> (lower bound only)", async () => {
    await stream(codexBody("scenario:text pace:50"));
    const request = server.requests[server.requests.length - 1];
    const times = deltas.filter((event) => event.requestId === request?.requestId).map((event) => event.writtenAt);
    expect(times.length).toBeGreaterThan(3);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(18);
  });

  it("records every request with its parsed body", async () => {
    const body = codexBody("scenario:text record-me");
    await stream(body);
    const request = server.requests[server.requests.length - 1];
    expect(request).toMatchObject({ method: "POST", url: "/v1/responses", body });
    expect(request?.headers.authorization).toBe("Bearer test");
  });
});

describe("tool steps", () => {
  it("tool-shell step 0 streams text then an exec_command function call with {cmd}", async () => {
    const events = await stream(codexBody("scenario:tool-shell"));
    expect(joinDeltas(events, "response.output_text.delta")).toBe("Let me run a command.");
    const call = doneItems(events).find((item) => item.type === "function_call");
    expect(call).toMatchObject({ name: "exec_command", call_id: expect.stringMatching(/^call_/) });
    expect(JSON.parse(call?.arguments as string)).toEqual({ cmd: "echo hello-from-tool" });
    expect(events[events.length - 1]?.event).toBe("response.completed");
  });

  it("the request carrying the function_call_output gets step 1", async () => {
    const first = await stream(codexBody("scenario:tool-shell"));
    const call = doneItems(first).find((item) => item.type === "function_call") ?? {};
    const after = [
      message("assistant", "Let me run a command."),
      { type: "function_call", name: call.name, arguments: call.arguments, call_id: call.call_id },
      {
        type: "function_call_output",
        call_id: call.call_id,
        output: "Process exited with code 0\nOutput:\nhello-from-tool\n",
      },
    ];
    const second = await stream(codexBody("scenario:tool-shell", { after }));
    expect(joinDeltas(second, "response.output_text.delta")).toBe(firstText("tool-shell", 1));
    expect(doneItems(second).some((item) => item.type === "function_call")).toBe(false);
  });

  it("a new user message after a finished tool turn starts again at step 0", async () => {
    const earlier = [
      message("user", "scenario:tool-shell"),
      { type: "function_call", name: "exec_command", arguments: "{}", call_id: "call_a" },
      { type: "function_call_output", call_id: "call_a", output: "ok" },
      message("assistant", "The command printed hello-from-tool."),
    ];
    const events = await stream(codexBody("scenario:tool-shell again", { before: earlier }));
    expect(doneItems(events).some((item) => item.type === "function_call")).toBe(true);
  });

  it("answers Codex's compaction request with a summary text, never the scenario's tool call", async () => {
    const compactionPrompt = "You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff summary.";
    const body = codexBody(compactionPrompt, {
      before: [message("user", "scenario:tool-write please"), message("assistant", "I created hello.txt.")],
    });
    const events = await stream(body);
    expect(doneItems(events).map((item) => item.type)).toEqual(["message"]);
    const text = joinDeltas(events, "response.output_text.delta");
    expect(text).toContain("Summary");
    expect(text).toContain("scenario:tool-write please");
    expect(text).not.toContain("CONTEXT CHECKPOINT");
  });

  it("tool-read runs cat on the path through exec_command", async () => {
    const events = await stream(codexBody("scenario:tool-read"));
    const call = doneItems(events).find((item) => item.type === "function_call");
    expect(JSON.parse(call?.arguments as string)).toEqual({ cmd: "cat README.md" });
  });

  it("tool-write streams an apply_patch custom tool call holding an Add File patch", async () => {
    const events = await stream(codexBody("scenario:tool-write"));
    const call = doneItems(events).find((item) => item.type === "custom_tool_call");
    expect(call).toMatchObject({ name: "apply_patch", call_id: expect.stringMatching(/^call_/) });
    expect(call?.input).toBe("*** Begin Patch\n*** Add File: hello.txt\n+Hello from Liminal Builder\n*** End Patch\n");
    const inputDone = ofType(events, "response.custom_tool_call_input.done")[0];
    expect(inputDone?.data.input).toBe(call?.input);
  });

  it("tool-edit patches the whole line of the file in the session cwd", async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "openai-standin-"));
    try {
      writeFileSync(path.join(cwd, "hello.txt"), "first line\nHello from Liminal Builder\nlast line\n");
      const events = await stream(codexBody("scenario:tool-edit", { cwd }));
      const call = doneItems(events).find((item) => item.type === "custom_tool_call");
      expect(call?.input).toBe(
        "*** Begin Patch\n*** Update File: hello.txt\n@@\n-Hello from Liminal Builder\n+Goodbye from Liminal Builder\n*** End Patch\n",
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("failures", () => {
  it.each([
    [401, 401, "invalid_api_key"],
    [429, 429, "rate_limit_exceeded"],
    [500, 500, null],
    [529, 503, null],
  ])("error-%i answers HTTP %i with an OpenAI error body", async (scenario, status, code) => {
    const response = await postResponses(server.url, codexBody(`scenario:error-${scenario}`));
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ message: expect.any(String), type: expect.any(String), code });
  });

  it("error-midstream streams afterTokens deltas then response.failed, never response.completed", async () => {
    const events = await stream(codexBody("scenario:error-midstream"));
    expect(ofType(events, "response.output_text.delta")).toHaveLength(3);
    const last = events[events.length - 1];
    expect(last?.event).toBe("response.failed");
    expect(last?.data.response).toMatchObject({ status: "failed", error: { code: "server_error" } });
    expect(ofType(events, "response.completed")).toHaveLength(0);
  });

  it("error-cut ends the stream cleanly without response.completed", async () => {
    const events = await stream(codexBody("scenario:error-cut"));
    expect(ofType(events, "response.output_text.delta")).toHaveLength(3);
    expect(ofType(events, "response.completed")).toHaveLength(0);
    expect(ofType(events, "response.failed")).toHaveLength(0);
  });

  it("error-drop destroys the connection, so reading the body fails", async () => {
    const response = await postResponses(server.url, codexBody("scenario:error-drop"));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });
});

describe("other routes", () => {
  it("GET /v1/models lists the configured model", async () => {
    const body = (await (await fetch(`${server.baseUrl}/models`)).json()) as { data: { id: string }[] };
    expect(body.data.map((model) => model.id)).toEqual(["gpt-5.4"]);
  });

  it("answers unknown routes with an OpenAI-shaped 404 and keeps serving", async () => {
    const response = await fetch(`${server.baseUrl}/nothing-here`, { method: "POST", body: "{" });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("/v1/nothing-here");
    const events = await stream(codexBody("scenario:text"));
    expect(events[events.length - 1]?.event).toBe("response.completed");
  });

  it("answers a body that is not JSON with the conversational script instead of crashing", async () => {
    const response = await fetch(`${server.baseUrl}/responses`, { method: "POST", body: "not json" });
    const events = parseSse(await response.text());
    expect(events[events.length - 1]?.event).toBe("response.completed");
  });

  it("answers stream:false with the final response object as JSON", async () => {
    const response = await postResponses(server.url, { ...codexBody("scenario:text"), stream: false });
    const body = (await response.json()) as { status: string; output: { content: { text: string }[] }[] };
    expect(body.status).toBe("completed");
    expect(body.output[0]?.content[0]?.text).toBe(firstText("text"));
  });

  it("close() ends a stream that is still open", async () => {
    const own = await startOpenAIServer();
    const response = await postResponses(own.url, codexBody("scenario:slow"));
    const reading = response.text().then(
      (text) => text,
      () => "rejected",
    );
    await own.close();
    const result = await reading;
    expect(result === "rejected" || !result.includes("response.completed")).toBe(true);
  });
});
