// Scenario selection: markers pick scripts, pacing and fixtures; the demo script routes on the user's words.
import { describe, expect, it } from "vitest";
import { LONG_50K_ANSWER, LONG_50K_TOKENS, scenarioStep, selectScenario, tokenize } from "./scenarios.js";

describe("selectScenario", () => {
  it.each([
    ["show me some code", "markdown"],
    ["give a code example", "markdown"],
    ["please read the README", "tool-read"],
    ["run a command for me", "tool-shell"],
    ["write a file", "tool-write"],
    ["edit that file", "tool-edit"],
    ["think about it first", "thinking"],
    ["hello there", "conversation"],
  ])("routes %j to the %s script", (text, name) => {
    expect(selectScenario(text).scenario.name).toBe(name);
  });

  it("lets a scenario marker win over keywords and the default", () => {
    expect(selectScenario("read this, scenario:error-500", "text").scenario.name).toBe("error-500");
    expect(selectScenario("anything at all", "thinking").scenario.name).toBe("thinking");
  });

  it("reads pacing and fixture markers, and falls back for unknown names", () => {
    const selection = selectScenario("scenario:text pace:50 fixture:vercel-ai/anthropic-tool-no-args");
    expect(selection).toMatchObject({ tokensPerSecond: 50, fixture: "vercel-ai/anthropic-tool-no-args" });
    expect(selectScenario("scenario:slow").tokensPerSecond).toBe(20);
    expect(selectScenario("scenario:no-such-thing hello").scenario.name).toBe("conversation");
  });

  it("answers past the end of a script with a short closing text", () => {
    const { scenario } = selectScenario("scenario:tool-shell");
    expect(scenarioStep(scenario, 0).blocks.some((b) => b.kind === "tool")).toBe(true);
    expect(scenarioStep(scenario, 5)).toEqual({ blocks: [{ kind: "text", text: "Done." }] });
  });
});

describe("tokenize", () => {
  it("splits into whitespace-separated tokens that join back to the text exactly", () => {
    const text = "  Hello,  world!\nSecond line\t end ";
    const tokens = tokenize(text);
    expect(tokens.join("")).toBe(text);
    expect(tokens).toHaveLength(5);
    expect(tokenize("")).toEqual([]);
  });
});

describe("scenario long-50k", () => {
  it("streams one answer of exactly 50,000 tokens, 205,498 ASCII characters, unpaced", () => {
    const { scenario, tokensPerSecond } = selectScenario("scenario:long-50k");
    expect(scenario.steps).toEqual([{ blocks: [{ kind: "text", text: LONG_50K_ANSWER }] }]);
    expect(tokensPerSecond).toBeUndefined();
    expect(tokenize(LONG_50K_ANSWER)).toHaveLength(LONG_50K_TOKENS);
    expect(LONG_50K_TOKENS).toBe(50_000);
    expect(LONG_50K_ANSWER).toHaveLength(205_498);
    expect(/^[\x20-\x7e\n]*$/.test(LONG_50K_ANSWER)).toBe(true);
  });
});
