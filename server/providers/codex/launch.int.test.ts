// Integration tests: a codex-acp that is missing or exits before initialize fails createSession, naming the cause.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CodexProvider } from "./codex-provider.js";

const root = mkdtempSync(path.join(os.tmpdir(), "codex-launch-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a codex-acp that cannot start", () => {
  it("fails createSession with SESSION_CREATE_FAILED naming the cause", async () => {
    const provider = new CodexProvider({ executablePath: path.join(root, "no-such-codex-acp") });
    await expect(provider.createSession({ sessionId: "s", projectDir: root })).rejects.toMatchObject({
      code: "SESSION_CREATE_FAILED",
      message: expect.stringMatching(/^Could not start Codex: .*ENOENT/),
    });
    await provider.dispose();
  });

  it("fails when the binary exits before answering initialize, with its last stderr line", async () => {
    const script = path.join(root, "broken-codex-acp");
    writeFileSync(script, "#!/bin/sh\necho 'error: unknown config key' >&2\nexit 3\n");
    chmodSync(script, 0o755);
    const provider = new CodexProvider({ executablePath: script });
    await expect(provider.createSession({ sessionId: "s", projectDir: root })).rejects.toMatchObject({
      code: "SESSION_CREATE_FAILED",
      message: "Could not start Codex: codex-acp exited (exit code 3): error: unknown config key",
    });
    await provider.dispose();
  });
});
