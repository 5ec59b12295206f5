// Unit tests: what a terminal's shell inherits, and which shell it runs.
import { expect, it } from "vitest";
import { defaultShell, terminalEnvironment } from "./terminal-env.js";

it("keeps the user's environment, drops the app's own and npm's variables, adds the session's and the terminal's", () => {
  const env = terminalEnvironment(
    {
      PATH: "/usr/bin",
      EDITOR: "vim",
      GITHUB_TOKEN: "users-own",
      LIMINAL_DATA_DIR: "/home/me/.liminal-builder",
      LIMINAL_PORT: "3000",
      npm_lifecycle_event: "start",
      INIT_CWD: "/repo",
      NODE_OPTIONS: "--import tsx",
      TERM: "dumb",
    },
    { terminalId: "term-1", sessionEnv: { CLAUDE_CONFIG_DIR: "/home/me/.claude", CODEX_HOME: "/home/me/.codex" } },
  );
  expect(env).toEqual({
    PATH: "/usr/bin",
    EDITOR: "vim",
    GITHUB_TOKEN: "users-own",
    CLAUDE_CONFIG_DIR: "/home/me/.claude",
    CODEX_HOME: "/home/me/.codex",
    TERM: "xterm-256color",
    COLORTERM: "truecolor",
    TERM_PROGRAM: "liminal-builder",
    LIMINAL_TERMINAL_ID: "term-1",
    LIMINAL_SERVER_OWNER: expect.stringMatching(new RegExp(`^${process.pid}:\\d+$`)),
  });
});

it("runs $SHELL when it is an absolute path, else bash", () => {
  expect(defaultShell({ SHELL: "/usr/bin/zsh" })).toBe("/usr/bin/zsh");
  expect(defaultShell({ SHELL: "zsh" })).toBe("bash");
  expect(defaultShell({})).toBe("bash");
});
