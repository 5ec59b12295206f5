// loadConfig: defaults, `~` expansion, overrides, and a clear error for unusable values.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, isLoopbackAddress, loadConfig } from "./config.js";

const HOME = "/home/tester";

describe("loadConfig", () => {
  it("uses loopback, port 3000 and folders under the home folder by default", () => {
    const config = loadConfig({ HOME });
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      allowedHosts: [],
      dataDir: join(HOME, ".liminal-builder"),
      claudeConfigDir: join(HOME, ".claude"),
      codexHome: join(HOME, ".codex"),
      idleMinutes: 10,
    });
    expect(config.clientDir).toMatch(/dist\/client$/);
  });

  it("reads every variable and expands ~", () => {
    const config = loadConfig({
      HOME,
      LIMINAL_PORT: "0",
      LIMINAL_HOST: "0.0.0.0",
      LIMINAL_ALLOWED_HOSTS: "Box.local, 192.168.1.20",
      LIMINAL_DATA_DIR: "~/data",
      CLAUDE_CONFIG_DIR: "/tmp/claude",
      CODEX_HOME: "~",
      LIMINAL_CLIENT_DIR: "/srv/client",
      LIMINAL_IDLE_MINUTES: "2.5",
      LIMINAL_REPLAY_BUDGET_MB: "0.5",
    });
    expect(config).toEqual({
      port: 0,
      host: "0.0.0.0",
      allowedHosts: ["box.local", "192.168.1.20"],
      dataDir: join(HOME, "data"),
      claudeConfigDir: "/tmp/claude",
      codexHome: HOME,
      clientDir: "/srv/client",
      idleMinutes: 2.5,
      replayBudgetBytes: 524_288,
    });
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ HOME, LIMINAL_PORT: "", CODEX_HOME: "" })).toMatchObject({
      port: 3000,
      codexHome: join(HOME, ".codex"),
    });
  });

  it.each(["abc", "3000x", "-1", "70000", "3.5"])("refuses LIMINAL_PORT=%s with a message naming it", (value) => {
    expect(() => loadConfig({ HOME, LIMINAL_PORT: value })).toThrow(ConfigError);
    expect(() => loadConfig({ HOME, LIMINAL_PORT: value })).toThrow(/LIMINAL_PORT.*0 to 65535/);
  });

  it("reads LIMINAL_IDLE_MINUTES=0 as never sleeping", () => {
    expect(loadConfig({ HOME, LIMINAL_IDLE_MINUTES: "0" }).idleMinutes).toBe(0);
  });

  it.each(["-1", "ten", "5m", "1e3"])("refuses LIMINAL_IDLE_MINUTES=%s with a message naming it", (value) => {
    expect(() => loadConfig({ HOME, LIMINAL_IDLE_MINUTES: value })).toThrow(/LIMINAL_IDLE_MINUTES.*≥ 0/);
  });

  it("leaves the replay budget to the session service when LIMINAL_REPLAY_BUDGET_MB is unset or empty", () => {
    expect(loadConfig({ HOME })).not.toHaveProperty("replayBudgetBytes");
    expect(loadConfig({ HOME, LIMINAL_REPLAY_BUDGET_MB: " " })).not.toHaveProperty("replayBudgetBytes");
    expect(loadConfig({ HOME, LIMINAL_REPLAY_BUDGET_MB: "16" }).replayBudgetBytes).toBe(16 * 1024 * 1024);
  });

  it.each(["0", "-2", "8MB", "abc", "1e3"])("refuses LIMINAL_REPLAY_BUDGET_MB=%s with a message naming it", (value) => {
    expect(() => loadConfig({ HOME, LIMINAL_REPLAY_BUDGET_MB: value })).toThrow(/LIMINAL_REPLAY_BUDGET_MB/);
  });

  it("refuses an empty LIMINAL_HOST", () => {
    expect(() => loadConfig({ HOME, LIMINAL_HOST: "  " })).toThrow(/LIMINAL_HOST/);
  });
});

describe("isLoopbackAddress", () => {
  it.each(["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "LOCALHOST"])("%s is loopback", (host) => {
    expect(isLoopbackAddress(host)).toBe(true);
  });
  it.each(["0.0.0.0", "192.168.1.20", "::", "example.com", "127.0.0.1.evil.com"])("%s is not", (host) => {
    expect(isLoopbackAddress(host)).toBe(false);
  });
});
