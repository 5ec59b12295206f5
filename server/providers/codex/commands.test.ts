// Unit tests: a Codex session's command list follows codex-acp's `available_commands_update`s.
import { describe, expect, it } from "vitest";
import { consoleLogger } from "../../../shared/util/index.js";
import { CodexCommands } from "./commands.js";

describe("CodexCommands", () => {
  it("waits for the first update, then answers the last list; emits only changes", async () => {
    const commands = new CodexCommands(consoleLogger);
    const changes: unknown[] = [];
    commands.onChange((list) => changes.push(list));
    const first = commands.list();
    commands.update([{ name: "init", description: "create an AGENTS.md file" }]);
    expect(await first).toEqual([{ name: "init", description: "create an AGENTS.md file" }]);
    commands.update([{ name: "init", description: "create an AGENTS.md file" }]);
    commands.update([{ name: "review", description: "Review my current changes" }]);
    expect(await commands.list()).toEqual([{ name: "review", description: "Review my current changes" }]);
    expect(changes).toHaveLength(2);
  });
});
