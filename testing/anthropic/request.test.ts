// Unit tests of request reading: which user message selects the scenario, the step index, and the stated cwd.
import { describe, expect, it } from "vitest";
import { requestFacts } from "./request.js";
import { classifyRequest } from "./side-requests.js";
import { environmentMessage, userPrompt } from "./test-helpers.js";

const toolTurn = (id: string) => [
  { role: "assistant", content: [{ type: "tool_use", id, name: "Bash", input: {} }] },
  {
    role: "user",
    content: [
      { type: "tool_result", tool_use_id: id, content: "ok" },
      { type: "text", text: "<system-reminder>The file was modified; read it again.</system-reminder>" },
    ],
  },
];

describe("requestFacts", () => {
  it("counts the assistant messages after the last real user message, skipping tool results and system entries", () => {
    const facts = requestFacts({
      messages: [userPrompt("scenario:multi-step"), environmentMessage("/p"), ...toolTurn("a"), ...toolTurn("b")],
    });
    expect(facts.stepIndex).toBe(2);
    expect(facts.selectionText).toBe("scenario:multi-step");
  });

  it("uses only the user's own words for keyword routing, but still sees markers inside reminders", () => {
    const facts = requestFacts({
      messages: [
        {
          role: "user",
          content: [
            {
              type: "text",
              text: "<system-reminder>\nYou may create and edit files. scenario:thinking\n</system-reminder>",
            },
            { type: "text", text: "hello there" },
          ],
        },
      ],
    });
    expect(facts.selectionText).toBe("hello there\nscenario:thinking");
  });

  it("ignores Claude Code's interrupt note merged into the next prompt", () => {
    const facts = requestFacts({
      messages: [
        userPrompt("scenario:slow"),
        { role: "assistant", content: [{ type: "text", text: "Sentence 1" }] },
        {
          role: "user",
          content: [
            { type: "text", text: "[Request interrupted by user]\n" },
            { type: "text", text: "what next" },
          ],
        },
      ],
    });
    expect(facts).toMatchObject({ selectionText: "what next", stepIndex: 0 });
  });

  it("does not treat a tool result carrying only an interrupt note as a new user message", () => {
    const facts = requestFacts({
      messages: [
        userPrompt("scenario:tool-shell"),
        { role: "assistant", content: [{ type: "tool_use", id: "t", name: "Bash", input: {} }] },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "t", content: "interrupted", is_error: true },
            { type: "text", text: "[Request interrupted by user for tool use]" },
          ],
        },
      ],
    });
    expect(facts).toMatchObject({ selectionText: "scenario:tool-shell", stepIndex: 1 });
  });

  it("reads the working directory from Claude Code's environment message, string or blocks, or the system prompt", () => {
    expect(requestFacts({ messages: [userPrompt("x"), environmentMessage("/home/me/My App")] }).cwd).toBe(
      "/home/me/My App",
    );
    const blocks = { role: "system", content: [{ type: "text", text: " - Primary working directory: /a/b\n" }] };
    expect(requestFacts({ messages: [userPrompt("x"), blocks] }).cwd).toBe("/a/b");
    expect(requestFacts({ system: "<env>\nWorking directory: /old/style\n</env>", messages: [] }).cwd).toBe(
      "/old/style",
    );
    expect(requestFacts({ messages: [userPrompt("x")] }).cwd).toBeUndefined();
  });
});

describe("classifyRequest", () => {
  it("tells session-title and compaction requests from conversation turns", () => {
    const schema = { type: "object", properties: { title: { type: "string" } } };
    expect(classifyRequest({ output_config: { format: { type: "json_schema", schema } }, messages: [] })).toBe("title");
    const compact = {
      type: "text",
      text: "Your task is to create a detailed summary of the conversation so far, paying close attention to …",
    };
    expect(classifyRequest({ messages: [userPrompt("hi"), { role: "user", content: [compact] }] })).toBe("compact");
    expect(classifyRequest({ messages: [userPrompt("summarize the conversation")] })).toBe("turn");
  });
});

describe("merged user messages", () => {
  const merged = (...texts: string[]) => ({
    messages: [{ role: "user", content: texts.map((text) => ({ type: "text", text })) }],
  });

  it("lets the newest prompt decide after a failed turn left the old prompt in the same message", () => {
    const facts = requestFacts(
      merged("<system-reminder>\nscenario:markdown\n</system-reminder>", "scenario:error-500\n", "scenario:text hi"),
    );
    expect(facts.selectionText).toBe("scenario:text hi");
  });

  it("keeps a marker from a reminder that belongs to the prompt", () => {
    const facts = requestFacts(
      merged("first prompt", "<system-reminder>\npace:7\n</system-reminder>", "second prompt"),
    );
    expect(facts.selectionText).toBe("second prompt\npace:7");
  });

  it("skips the compaction summary and slash-command echoes merged before the next prompt", () => {
    const facts = requestFacts(
      merged(
        "This session is being continued from a previous conversation. Summary: … read the full transcript at: /x",
        "<local-command-caveat>The command below was run directly in Claude Code.</local-command-caveat>\n",
        "<command-name>/compact</command-name>\n  <command-message>compact</command-message>\n  <command-args></command-args>\n",
        "<local-command-stdout>Compacted </local-command-stdout>\n",
        "hello again",
      ),
    );
    expect(facts.selectionText).toBe("hello again");
  });
});
