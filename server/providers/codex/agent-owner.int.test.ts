// No codex-acp outlives its server: the exit hook ends agents on a crash, and the next server reaps a SIGKILLed one's.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { AGENT_OWNER_ENV, ownerMarker, reapOrphanedAgents } from "./agent-owner.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve(here, "../../../node_modules/.bin/tsx");
const started: number[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^State:\s+Z/m.test(spawnSync("cat", [`/proc/${pid}/status`]).stdout.toString());
  } catch {
    return false;
  }
}

/**
 * Starts the test child playing a server (through tsx, which runs it in a child node process); resolves with the
 * launcher, the server's own pid and the pid of the agent it started.
 */
async function fakeServer(
  mode: "throw" | "hang",
): Promise<{ server: ChildProcess; serverPid: number; agentPid: number }> {
  const server = spawn(tsx, [path.join(here, "testing/agent-owner-child.ts"), mode], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [chunk] = (await once(server.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  const [serverPid, agentPid] = chunk.toString().trim().split(" ").map(Number) as [number, number];
  started.push(agentPid);
  return { server, serverPid, agentPid };
}

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

describe("codex-acp ownership", () => {
  it("ends a running agent when its server dies of an uncaught exception", async () => {
    const { server, agentPid } = await fakeServer("throw");
    expect(alive(agentPid)).toBe(true);
    await once(server, "exit");
    await expect
      .poll(() => alive(agentPid), { timeout: 5000, message: "the agent to end with its server" })
      .toBe(false);
  });

  it("reaps the agent of a server killed with SIGKILL, and leaves a live server's agents alone", async () => {
    const { server, serverPid, agentPid } = await fakeServer("hang");
    const ours = spawn("sleep", ["60"], {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, [AGENT_OWNER_ENV]: ownerMarker() },
    });
    started.push(ours.pid as number);
    expect(reapOrphanedAgents()).not.toContain(agentPid);
    process.kill(serverPid, "SIGKILL");
    await once(server, "exit");
    expect(alive(agentPid)).toBe(true); // SIGKILL gave the server no chance: the agent is orphaned.
    expect(reapOrphanedAgents()).toContain(agentPid);
    await expect.poll(() => alive(agentPid), { timeout: 5000, message: "the orphaned agent to be reaped" }).toBe(false);
    expect(alive(ours.pid as number)).toBe(true);
  });

  it("does not take a reused pid for the owner: the start time must match too", () => {
    const [pid, startTime] = ownerMarker().split(":");
    expect(Number(pid)).toBe(process.pid);
    expect(startTime).toMatch(/^\d+$/);
  });
});
