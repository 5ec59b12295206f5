// The composer's completion logic: where `/` and `@` trigger, the fuzzy filter, the selection, the inserted text.
import { describe, expect, it } from "vitest";
import { applyChoice, detectTrigger, fileChoices, filterCommands, moveSelection, withChoices } from "./completion.js";

const commands = [
  { name: "compact", description: "Clear conversation history but keep a summary in context" },
  { name: "review", description: "Review a pull request" },
  { name: "init", description: "Initialize a new CLAUDE.md file" },
  { name: "greet", description: "Say hello (project)" },
];

describe("detectTrigger", () => {
  it("a / at the very start is a command trigger while the caret is in the first word", () => {
    expect(detectTrigger("/", 1)).toEqual({ kind: "command", query: "", start: 0, end: 1 });
    expect(detectTrigger("/rev", 4)).toEqual({ kind: "command", query: "rev", start: 0, end: 4 });
    expect(detectTrigger("/review", 3)).toEqual({ kind: "command", query: "re", start: 0, end: 7 });
    expect(detectTrigger("/review the diff", 12)).toBeNull();
  });

  it("a / elsewhere is plain text (a path, a fraction)", () => {
    expect(detectTrigger("see /etc", 8)).toBeNull();
    expect(detectTrigger(" /x", 3)).toBeNull();
    expect(detectTrigger("a/b", 3)).toBeNull();
  });

  it("an @ at the start of a word is a file trigger; inside a word (an e-mail address) it is not", () => {
    expect(detectTrigger("@", 1)).toEqual({ kind: "file", query: "", start: 0, end: 1 });
    expect(detectTrigger("look at @src/ma", 15)).toEqual({ kind: "file", query: "src/ma", start: 8, end: 15 });
    expect(detectTrigger("line\n@rea", 9)).toEqual({ kind: "file", query: "rea", start: 5, end: 9 });
    expect(detectTrigger("mail me@host.org", 16)).toBeNull();
    expect(detectTrigger("@src done", 9)).toBeNull();
  });
});

describe("filterCommands", () => {
  it("an empty query lists every command in the CLI's order, labelled /name with its description", () => {
    expect(filterCommands(commands, "").map((c) => c.label)).toEqual(["/compact", "/review", "/init", "/greet"]);
    expect(filterCommands(commands, "")[1]).toEqual({
      value: "review",
      label: "/review",
      detail: "Review a pull request",
    });
  });

  it("filters fuzzily, a name match first", () => {
    expect(filterCommands(commands, "rev")[0]?.value).toBe("review");
    expect(filterCommands(commands, "cmpct")[0]?.value).toBe("compact");
    expect(filterCommands(commands, "zzzz")).toEqual([]);
  });

  it("keeps at most `limit` rows", () => {
    expect(filterCommands(commands, "", 2)).toHaveLength(2);
  });
});

describe("selection", () => {
  const trigger = { kind: "command" as const, query: "", start: 0, end: 1 };

  it("starts on the first row and wraps both ways", () => {
    let state = withChoices(trigger, filterCommands(commands, ""));
    expect(state.selected).toBe(0);
    state = moveSelection(state, -1);
    expect(state.selected).toBe(3);
    state = moveSelection(state, 1);
    expect(state.selected).toBe(0);
    state = moveSelection(moveSelection(state, 1), 1);
    expect(state.selected).toBe(2);
  });

  it("with no rows nothing is selected and moving does nothing", () => {
    const state = withChoices(trigger, []);
    expect(state.selected).toBe(-1);
    expect(moveSelection(state, 1).selected).toBe(-1);
  });
});

describe("applyChoice", () => {
  it("a command replaces the typed word with /name and a space, the caret after it", () => {
    const trigger = detectTrigger("/rev", 4);
    if (!trigger) throw new Error("no trigger");
    expect(applyChoice("/rev", trigger, { value: "review", label: "/review", detail: "" })).toEqual({
      text: "/review ",
      caret: 8,
    });
  });

  it("a file replaces @query with @path mid-text, keeping what follows", () => {
    const text = "read @ma and tell me";
    const trigger = detectTrigger(text, 8);
    if (!trigger) throw new Error("no trigger");
    const result = applyChoice(text, trigger, { value: "src/main.ts", label: "main.ts", detail: "src" });
    expect(result).toEqual({ text: "read @src/main.ts and tell me", caret: 18 });
  });

  it("a path with a space is inserted quoted, as Claude Code and the Codex mention links read it", () => {
    const trigger = detectTrigger("see @no", 7);
    if (!trigger) throw new Error("no trigger");
    const result = applyChoice("see @no", trigger, { value: "docs/my notes.md", label: "my notes.md", detail: "docs" });
    expect(result).toEqual({ text: 'see @"docs/my notes.md" ', caret: 24 });
  });

  it("file rows show the name and the folder", () => {
    expect(fileChoices([{ path: "src/main.ts" }, { path: "README.md" }])).toEqual([
      { value: "src/main.ts", label: "main.ts", detail: "src" },
      { value: "README.md", label: "README.md", detail: "" },
    ]);
  });
});
