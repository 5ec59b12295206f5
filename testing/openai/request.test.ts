// Unit tests of reading Codex request bodies (last real user message, step index, cwd) and of apply_patch inputs.
import { describe, expect, it } from "vitest";
import { applyPatchUpdate } from "./patch.js";
import { readResponsesRequest } from "./request.js";
import { codexBody, message } from "./test-helpers.js";

const call = (id: string) => ({ type: "function_call", name: "exec_command", arguments: "{}", call_id: id });
const output = (id: string) => ({ type: "function_call_output", call_id: id, output: "ok" });

describe("readResponsesRequest", () => {
  it("takes the last real user message and the cwd from the environment context", () => {
    const info = readResponsesRequest(codexBody("do it scenario:text", { cwd: "/work/project" }));
    expect(info).toMatchObject({ lastUserText: "do it scenario:text", stepIndex: 0, cwd: "/work/project" });
  });

  it("counts one step per model response after the user message, parallel calls included", () => {
    const after = [
      { type: "reasoning", summary: [] },
      message("assistant", "running two"),
      call("a"),
      call("b"),
      output("a"),
      output("b"),
      { type: "custom_tool_call", name: "apply_patch", input: "", call_id: "c" },
      { type: "custom_tool_call_output", call_id: "c", output: "ok" },
    ];
    expect(readResponsesRequest(codexBody("go", { after })).stepIndex).toBe(2);
  });

  it("joins the text parts of the user message, leaving out injected context parts", () => {
    const body = {
      input: [message("user", "<environment_context><cwd>/p</cwd></environment_context>", "first", "second")],
    };
    expect(readResponsesRequest(body)).toMatchObject({ lastUserText: "first\nsecond", cwd: "/p" });
  });

  it("recognises a compaction request by Codex's turn metadata header", () => {
    const headers = { "x-codex-turn-metadata": '{"turn_id":"t","request_kind":"compaction"}' };
    expect(readResponsesRequest(codexBody("Summarise please"), headers).requestKind).toBe("compaction");
    expect(readResponsesRequest(codexBody("Summarise please")).requestKind).toBe("turn");
  });

  it("reads a plain string input as the user message", () => {
    expect(readResponsesRequest({ input: "hello" }).lastUserText).toBe("hello");
  });

  it("never throws on bodies that are not Responses requests", () => {
    for (const body of [undefined, null, "text", 42, { input: [null, 1, "x"] }]) {
      expect(readResponsesRequest(body)).toMatchObject({ lastUserText: "", stepIndex: 0, cwd: undefined });
    }
  });
});

describe("applyPatchUpdate", () => {
  it("replaces a text spanning lines with whole -/+ lines", () => {
    const current = "a\nkeep one\ntwo keep\nz\n";
    expect(applyPatchUpdate("f.txt", "one\ntwo", "1\n2", current)).toBe(
      "*** Begin Patch\n*** Update File: f.txt\n@@\n-keep one\n-two keep\n+keep 1\n+2 keep\n*** End Patch\n",
    );
  });

  it("treats old and new text as whole lines when the file is unknown", () => {
    expect(applyPatchUpdate("f.txt", "old", "new")).toBe(
      "*** Begin Patch\n*** Update File: f.txt\n@@\n-old\n+new\n*** End Patch\n",
    );
  });
});
