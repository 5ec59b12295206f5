// Unit tests: how codex-acp is found and launched (sandbox fallback, environment); bad binaries in launch.int.test.ts.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchPlan, resolveCodexExecutable } from "./executable.js";

const root = mkdtempSync(path.join(os.tmpdir(), "codex-launch-"));
const withBwrap = path.join(root, "with-bwrap");
const withoutBwrap = path.join(root, "without-bwrap");
mkdirSync(withBwrap);
mkdirSync(withoutBwrap);
writeFileSync(path.join(withBwrap, "bwrap"), "#!/bin/sh\n");
chmodSync(path.join(withBwrap, "bwrap"), 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("launchPlan", () => {
  it("runs the platform package's binary, never the npm wrapper", () => {
    const executable = resolveCodexExecutable();
    expect(executable).toMatch(/@zed-industries\/codex-acp-[a-z0-9]+-[a-z0-9]+\/bin\/codex-acp(\.exe)?$/);
    expect(launchPlan({ executablePath: "/opt/codex-acp" }).executable).toBe("/opt/codex-acp");
  });

  it.runIf(process.platform === "linux")(
    "uses workspace-write with a generated CODEX_HOME when bwrap is on PATH",
    () => {
      const plan = launchPlan({ codexHome: "/tmp/ch", homeDir: "/tmp/h" }, { PATH: withBwrap, KEEP: "1" });
      expect(plan.args).toEqual(["-c", 'sandbox_mode="workspace-write"']);
      expect(plan.env).toMatchObject({ CODEX_HOME: "/tmp/ch", HOME: "/tmp/h", KEEP: "1", PATH: withBwrap });
      expect(plan.sandboxAvailable).toBe(true);
    },
  );

  it.runIf(process.platform === "linux")("leaves the user's own config alone when the sandbox can run", () => {
    const plan = launchPlan({ extraArgs: ["-c", 'model="o3"'] }, { PATH: withBwrap, HOME: "/home/me" });
    expect(plan.args).toEqual(["-c", 'model="o3"']);
    expect(plan.env.HOME).toBe("/home/me");
    expect(plan.env.CODEX_HOME).toBeUndefined();
  });

  it.runIf(process.platform === "linux")(
    "falls back to danger-full-access on Linux without bwrap, in every setup",
    () => {
      const generated = launchPlan({ codexHome: "/tmp/ch" }, { PATH: withoutBwrap });
      const users = launchPlan({}, { PATH: withoutBwrap });
      for (const plan of [generated, users]) {
        expect(plan.args).toEqual(["-c", 'sandbox_mode="danger-full-access"']);
        expect(plan.sandboxAvailable).toBe(false);
      }
    },
  );

  it("lets extraEnv override the inherited environment", () => {
    const plan = launchPlan({ extraEnv: { LOCAL_MODEL_API_KEY: "k", PATH: withBwrap } }, { PATH: withoutBwrap });
    expect(plan.env).toMatchObject({ LOCAL_MODEL_API_KEY: "k", PATH: withBwrap });
  });
});
