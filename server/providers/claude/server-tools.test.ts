// Unit tests: server-side tools (web search/fetch, code execution, MCP connector) end with the result block the API
// puts in the assistant content, live and in transcripts (Anthropic Messages API; CONTRACTS.md section 2).
import { describe, expect, it } from "vitest";
import type { ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";
import { expectWellFormed } from "../testing/lifecycle.js";
import * as sdk from "./testing/sdk-script.js";
import { setup, TURN } from "./testing/turn-harness.js";
import { parseClaudeTranscript } from "./transcript.js";

const SEARCH_RESULTS = [
  { type: "web_search_result", title: "Node 20 release", url: "https://nodejs.org/en/blog/node-20", page_age: null },
  { type: "web_search_result", title: "Node releases", url: "https://nodejs.org/en/about/releases", page_age: null },
].map((r) => ({ ...r, encrypted_content: "opaque" }));

/** A streamed server tool call `toolId` at block `index` of message `id`, up to its `content_block_stop`. */
const serverToolBlock = (id: string, index: number, toolId: string, name: string, input: Record<string, unknown>) => [
  sdk.rawBlockStart(index, { type: "server_tool_use", id: toolId, name, input: {} }),
  sdk.jsonDeltas(index, input),
  sdk.assistant(id, { type: "server_tool_use", id: toolId, name, input }),
  sdk.blockStop(index),
];

/** A result block streamed at `index` of message `id` (whole in its content_block_start, as the API sends it). */
const resultBlock = (id: string, index: number, block: Record<string, unknown>) => [
  sdk.rawBlockStart(index, block),
  sdk.assistant(id, block),
  sdk.blockStop(index),
];

describe("server tool results in a live turn", () => {
  it("completes a web search call with the titles and URLs of its result block, and the turn carries on", () => {
    const { upserts, turns, feed, of } = setup();
    feed(
      sdk.init(),
      sdk.messageStart("m1"),
      serverToolBlock("m1", 0, "srvtoolu_1", "web_search", { query: "node 20" }),
      resultBlock("m1", 1, { type: "web_search_tool_result", tool_use_id: "srvtoolu_1", content: SEARCH_RESULTS }),
      sdk.blockStart(2, { type: "text" }),
      sdk.textDeltas(2, "Node 20 is out."),
      sdk.assistant("m1", { type: "text", text: "Node 20 is out." }),
      sdk.blockStop(2),
      sdk.messageEnd("end_turn"),
      sdk.result(),
    );
    const tool = of(`${TURN}:1:0`) as ToolCallUpsert[];
    expect(tool.map((u) => u.status)).toEqual(["create", "update", "complete"]);
    expect(tool.at(-1)).toMatchObject({ toolName: "web_search", toolArguments: { query: "node 20" } });
    expect(tool.at(-1)?.toolOutput).toBe(
      "Node 20 release — https://nodejs.org/en/blog/node-20\nNode releases — https://nodejs.org/en/about/releases",
    );
    expect(tool.at(-1)?.toolOutputIsError).toBeUndefined();
    expect(of(`${TURN}:1:2`).at(-1)).toMatchObject({ status: "complete", content: "Node 20 is out." });
    expect(turns.at(-1)).toMatchObject({ type: "turn_complete", status: "completed" });
    expectWellFormed(upserts, turns);
  });

  it("ends a server tool call whose result is an error object as error, showing the error code", () => {
    const { upserts, turns, feed, of } = setup();
    const error = { type: "web_search_tool_result_error", error_code: "max_uses_exceeded" };
    feed(
      sdk.init(),
      sdk.messageStart("m1"),
      serverToolBlock("m1", 0, "srvtoolu_2", "web_search", { query: "again" }),
      resultBlock("m1", 1, { type: "web_search_tool_result", tool_use_id: "srvtoolu_2", content: error }),
      sdk.messageEnd("end_turn"),
      sdk.result(),
    );
    const last = of(`${TURN}:1:0`).at(-1) as ToolCallUpsert;
    expect(last).toMatchObject({ status: "error", toolOutputIsError: true, errorCode: "TOOL_ERROR" });
    expect(last.toolOutput).toContain("max_uses_exceeded");
    expect(last.errorMessage).toContain("max_uses_exceeded");
    expectWellFormed(upserts, turns);
  });

  it("ends MCP connector calls from whole assistant messages: text output, is_error flagged, block ids kept", () => {
    const { upserts, turns, feed, of } = setup();
    const use = (id: string, name: string) => ({ type: "mcp_tool_use", id, name, server_name: "docs", input: {} });
    feed(
      sdk.init(),
      sdk.assistant("m1", use("mcptoolu_ok", "lookup")),
      sdk.assistant("m1", {
        type: "mcp_tool_result",
        tool_use_id: "mcptoolu_ok",
        is_error: false,
        content: [
          { type: "text", text: "line one" },
          { type: "text", text: "line two" },
        ],
      }),
      sdk.assistant("m1", use("mcptoolu_bad", "lookup")),
      sdk.assistant("m1", {
        type: "mcp_tool_result",
        tool_use_id: "mcptoolu_bad",
        is_error: true,
        content: "no access",
      }),
      sdk.assistant("m1", { type: "text", text: "Done." }),
      sdk.result(),
    );
    expect(of(`${TURN}:1:0`).at(-1)).toMatchObject({ status: "complete", toolOutput: "line one\nline two" });
    expect(of(`${TURN}:1:2`).at(-1)).toMatchObject({
      status: "error",
      toolOutput: "no access",
      toolOutputIsError: true,
    });
    expect(of(`${TURN}:1:4`).at(-1)).toMatchObject({ type: "message", content: "Done." });
    expectWellFormed(upserts, turns);
  });
});

describe("server tool results in a transcript", () => {
  const tools = (history: UpsertObject[]) => history.filter((h): h is ToolCallUpsert => h.type === "tool_call");

  it("ends web fetch, MCP and code execution calls with the result blocks of the assistant lines", () => {
    let n = 0;
    const line = (block: Record<string, unknown>) => ({
      type: "assistant",
      uuid: `a${++n}`,
      timestamp: `2026-01-01T00:00:0${n}Z`,
      message: { id: "msg_1", role: "assistant", content: [block] },
    });
    const document = {
      type: "document",
      title: "Example Domain",
      source: { type: "text", media_type: "text/plain", data: "This domain is for examples." },
    };
    const lines = [
      { type: "user", uuid: "u1", timestamp: "2026-01-01T00:00:00Z", message: { role: "user", content: "look" } },
      line({ type: "server_tool_use", id: "srv_f", name: "web_fetch", input: { url: "https://example.com" } }),
      line({
        type: "web_fetch_tool_result",
        tool_use_id: "srv_f",
        content: { type: "web_fetch_result", url: "https://example.com", retrieved_at: null, content: document },
      }),
      line({ type: "mcp_tool_use", id: "mcp_1", name: "search_docs", server_name: "docs", input: { q: "x" } }),
      line({
        type: "mcp_tool_result",
        tool_use_id: "mcp_1",
        is_error: false,
        content: [{ type: "text", text: "hit" }],
      }),
      line({ type: "server_tool_use", id: "srv_c", name: "code_execution", input: { code: "1/0" } }),
      line({
        type: "code_execution_tool_result",
        tool_use_id: "srv_c",
        content: { type: "code_execution_tool_result_error", error_code: "execution_time_exceeded" },
      }),
    ];
    const text = lines.map((l) => JSON.stringify(l)).join("\n");
    const t = parseClaudeTranscript(text, { sessionId: "claude-code:s", fileName: "s.jsonl", fallbackTime: "x" });
    expect(tools(t.history).map((c) => [c.itemId, c.toolName, c.status])).toEqual([
      ["u1:1:0", "web_fetch", "complete"],
      ["u1:1:2", "search_docs", "complete"],
      ["u1:1:4", "code_execution", "error"],
    ]);
    const [fetch, mcp, code] = tools(t.history);
    expect(fetch?.toolOutput).toBe("Example Domain — https://example.com\nThis domain is for examples.");
    expect(mcp).toMatchObject({ toolArguments: { q: "x" }, toolOutput: "hit" });
    expect(code).toMatchObject({ toolOutputIsError: true, errorCode: "TOOL_ERROR" });
    expect(code?.toolOutput).toContain("execution_time_exceeded");
  });
});
