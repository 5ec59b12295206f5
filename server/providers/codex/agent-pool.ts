// The codex-acp processes of a CodexProvider: one per project folder, shared by its sessions, ended with the last one.
import path from "node:path";
import type { AgentProcess } from "./agent-process.js";

/** One project folder's agent, and the session starts that hold it (it is not ended while one does). */
export interface AgentSlot {
  agent: Promise<AgentProcess>;
  /** The agent once started. */
  resolved?: AgentProcess;
  /** Session starts in progress on this agent. */
  holds: number;
}

/**
 * The agents by absolute project folder. `hold` gives the folder's running agent (starting one with `start` when
 * there is none or it died) and keeps it alive until `release`; an agent leaves the pool when it ends, when its start
 * fails, or when `endIfUnused` ends it.
 */
export class AgentPool {
  private readonly slots = new Map<string, AgentSlot>();

  /** @param start starts the agent of an absolute project folder; rejects with the provider's start error. */
  constructor(private readonly start: (dir: string) => Promise<AgentProcess>) {}

  /** The running agent of `projectDir` (starting one if needed), held until `release`. */
  async hold(projectDir: string): Promise<{ dir: string; slot: AgentSlot; agent: AgentProcess }> {
    const dir = path.resolve(projectDir);
    let slot = this.slots.get(dir);
    if (slot) {
      const agent = await slot.agent.catch(() => undefined);
      if (!agent?.alive && this.slots.get(dir) === slot) this.slots.delete(dir);
      slot = this.slots.get(dir);
    }
    if (!slot) {
      const created: AgentSlot = { agent: this.start(dir), holds: 0 };
      this.slots.set(dir, created);
      created.agent.then(
        (agent) => {
          created.resolved = agent;
          agent.onEnd(() => {
            if (this.slots.get(dir) === created) this.slots.delete(dir);
          });
        },
        () => {
          if (this.slots.get(dir) === created) this.slots.delete(dir);
        },
      );
      slot = created;
    }
    slot.holds += 1;
    try {
      return { dir, slot, agent: await slot.agent };
    } catch (error) {
      slot.holds -= 1;
      throw error;
    }
  }

  /** Drops a hold taken by `hold`, then ends the agent if it is unused. */
  async release(slot: AgentSlot): Promise<void> {
    slot.holds = Math.max(0, slot.holds - 1);
    const agent = await slot.agent.catch(() => undefined);
    if (agent) await this.endIfUnused(agent);
  }

  /** Ends `agent` when no session uses it and no session start holds it (its last session went). */
  async endIfUnused(agent: AgentProcess): Promise<void> {
    if (agent.sessionCount > 0) return;
    for (const [dir, slot] of this.slots) {
      if (slot.resolved !== agent) continue;
      if (slot.holds > 0) return;
      this.slots.delete(dir);
    }
    await agent.kill();
  }

  /** Empties the pool (provider shutdown); resolves with every agent that had started, for the caller to end. */
  async drain(): Promise<AgentProcess[]> {
    const agents: AgentProcess[] = [];
    for (const slot of this.slots.values()) {
      const agent = await slot.agent.catch(() => undefined);
      if (agent) agents.push(agent);
    }
    this.slots.clear();
    return agents;
  }
}
