// The new-session form's Where: opening it asks the project's git facts; Start sends the chosen workspace, and a
// refusal (an existing branch) shows in the form's error line.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientMessage, ServerMessage } from "../../shared/contracts/index.js";
import { silentLogger } from "../../shared/util/index.js";
import { ItemsRegistry } from "../state/registry.js";
import { createStore } from "../state/store.js";
import { oneTabState } from "../test-helpers.js";
import { createActions } from "./actions.js";
import type { AppContext, Transport } from "./context.js";
import { ResyncTracker } from "./resume.js";

function setup() {
  const pending: { message: ClientMessage; resolve(m: ServerMessage): void; reject(e: unknown): void }[] = [];
  const transport: Transport = {
    state: { status: "connected", attempt: 0, retryAt: null },
    send: () => true,
    request: (message) => new Promise((resolve, reject) => pending.push({ message, resolve, reject })),
    fire: () => true,
  };
  const store = createStore(oneTabState());
  const ctx: AppContext = {
    store,
    registry: new ItemsRegistry(),
    transport,
    resync: new ResyncTracker(3000, () => 0),
    reportError: () => {},
    logger: silentLogger,
  };
  const take = (type: string) => {
    const index = pending.findIndex((p) => p.message.type === type);
    const [request] = pending.splice(index, 1);
    if (index < 0 || !request) throw new Error(`no ${type} request`);
    return request;
  };
  /** Lets the replies' continuations run. */
  const settle = () => vi.advanceTimersByTimeAsync(0);
  return { store, actions: createActions(ctx), take, settle };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the new-session form's Where", () => {
  it("asks the project's git facts and prefills a worktree's branch and base; Start sends them", async () => {
    const t = setup();
    t.actions.openNewSessionForm("p1");
    const ask = t.take("project:git");
    expect(ask.message).toMatchObject({ type: "project:git", projectId: "p1" });
    ask.resolve({
      type: "project:git",
      projectId: "p1",
      git: true,
      currentBranch: "main",
      branches: ["dev", "main"],
      suggestedBranch: "lb/claude-x7k2",
    });
    await t.settle();
    expect(t.store.get().newSession).toMatchObject({ where: "folder", branch: "lb/claude-x7k2", base: "main" });
    t.actions.updateNewSessionForm({ where: "worktree", base: "dev" });
    void t.actions.createSession();
    expect(t.take("session:create").message).toMatchObject({
      type: "session:create",
      projectId: "p1",
      workspace: { kind: "worktree", branch: "lb/claude-x7k2", base: "dev" },
    });
  });

  it("sends the folder by default, and shows a refusal in the form", async () => {
    const t = setup();
    t.actions.openNewSessionForm("p1");
    t.take("project:git").resolve({
      type: "project:git",
      projectId: "p1",
      git: false,
      reason: "This folder is not a git repository",
      branches: [],
    });
    await t.settle();
    expect(t.store.get().newSession?.git?.reason).toBe("This folder is not a git repository");
    void t.actions.createSession();
    const create = t.take("session:create");
    expect(create.message).toMatchObject({ workspace: { kind: "folder" } });
    create.reject(
      Object.assign(new Error("A branch named taken already exists: choose another name"), { code: "BRANCH_EXISTS" }),
    );
    await t.settle();
    expect(t.store.get().newSession).toMatchObject({
      busy: false,
      error: "A branch named taken already exists: choose another name",
    });
  });
});

describe("the new-session form's Model", () => {
  it("asks the chosen CLI's known models, asks again for another CLI, and Start sends the chosen model and effort", async () => {
    const t = setup();
    t.actions.openNewSessionForm("p1");
    const claude = t.take("cli:models");
    expect(claude.message).toMatchObject({ type: "cli:models", cliType: "claude-code" });
    t.actions.updateNewSessionForm({ cliType: "codex" });
    const codex = t.take("cli:models");
    expect(codex.message).toMatchObject({ type: "cli:models", cliType: "codex" });
    // The Claude Code answer comes late: the form now offers Codex's models only.
    claude.resolve({ type: "cli:models", cliType: "claude-code", models: [{ id: "opus", name: "Opus" }] });
    codex.resolve({
      type: "cli:models",
      cliType: "codex",
      models: [{ id: "gpt-5.4", name: "gpt-5.4" }],
      effort: { levels: [{ id: "high", name: "High" }] },
    });
    await t.settle();
    expect(t.store.get().newSession?.models?.models.map((m) => m.id)).toEqual(["gpt-5.4"]);
    t.actions.updateNewSessionForm({ model: "gpt-5.4", effort: "high" });
    void t.actions.createSession();
    expect(t.take("session:create").message).toMatchObject({ cliType: "codex", model: "gpt-5.4", effort: "high" });
  });

  it("sends no model when the CLI's default is kept", () => {
    const t = setup();
    t.actions.openNewSessionForm("p1");
    void t.actions.createSession();
    const create = t.take("session:create").message;
    expect(create).not.toHaveProperty("model");
    expect(create).not.toHaveProperty("effort");
  });
});
