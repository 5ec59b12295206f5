// Server messages applied to app state, and resuming open sessions (with which afterSeq) after a reconnect or a gap.
import { describe, expect, it } from "vitest";
import type { ClientMessage, ServerMessage } from "../../shared/contracts/index.js";
import { type Logger, silentLogger } from "../../shared/util/index.js";
import { initialAppState } from "../state/app-state.js";
import type { ConnectionInfo } from "../state/connection.js";
import { applyHistory } from "../state/items.js";
import { ItemsRegistry } from "../state/registry.js";
import { createStore } from "../state/store.js";
import { historyMsg, message, turnMsg, upsertMsg } from "../test-helpers.js";
import { resumeAfterConnect } from "./commands.js";
import type { AppContext, Transport } from "./context.js";
import { ResyncTracker } from "./resume.js";
import { handleServerMessage } from "./sync.js";

function setup(openTabs: string[], active: string | null = openTabs[0] ?? null, logger: Logger = silentLogger) {
  const fired: ClientMessage[] = [];
  const sent: ClientMessage[] = [];
  const errors: string[] = [];
  const transport: Transport = {
    state: { status: "connected", attempt: 0, retryAt: null } satisfies ConnectionInfo,
    send: (m) => {
      sent.push(m);
      return true;
    },
    request: () => new Promise<ServerMessage>(() => {}),
    fire: (m) => {
      fired.push(m);
      return true;
    },
  };
  const store = createStore(
    initialAppState({
      tabs: { open: openTabs, active, attention: {} },
      collapsed: [],
      sidebarCollapsed: false,
      scroll: {},
      titles: {},
      terminalPanel: { open: false, height: 280 },
    }),
  );
  const ctx: AppContext = {
    store,
    registry: new ItemsRegistry(),
    transport,
    resync: new ResyncTracker(3000, () => 0),
    reportError: (c) => errors.push(c),
    logger,
  };
  return { ctx, fired, sent, errors };
}

const opens = (fired: ClientMessage[]) =>
  fired
    .filter((m) => m.type === "session:open")
    .map((m) => (m.type === "session:open" ? [m.sessionId, m.afterSeq] : []));

describe("resume after (re)connect", () => {
  it("re-opens every open tab: loaded sessions after their last applied seq, others fresh", () => {
    const { ctx, fired } = setup(["loaded", "fresh"]);
    const state = ctx.registry.ensure("loaded");
    applyHistory(state, historyMsg([message("a", "x")], 7, { sessionId: "loaded" }));
    handleServerMessage(ctx, upsertMsg(8, message("b", "y", { sessionId: "loaded" })));
    resumeAfterConnect(ctx);
    expect(opens(fired)).toEqual([
      ["loaded", 8],
      ["fresh", undefined],
    ]);
  });

  it("after a reload (nothing in memory) opens every restored tab without afterSeq", () => {
    const { ctx, fired } = setup(["a", "b"]);
    resumeAfterConnect(ctx);
    expect(opens(fired)).toEqual([
      ["a", undefined],
      ["b", undefined],
    ]);
  });

  it("a gap in the stream re-opens the session once from the last applied seq, then continues", () => {
    const { ctx, fired } = setup(["s1"]);
    applyHistory(ctx.registry.ensure("s1"), historyMsg([], 3));
    handleServerMessage(ctx, upsertMsg(5, message("x", "skipped ahead")));
    handleServerMessage(ctx, upsertMsg(6, message("y", "still ahead")));
    expect(opens(fired)).toEqual([["s1", 3]]);
    handleServerMessage(ctx, upsertMsg(4, message("w", "replayed")));
    handleServerMessage(ctx, upsertMsg(5, message("x", "replayed")));
    expect(ctx.registry.get("s1")?.lastSeq).toBe(5);
    expect(ctx.registry.get("s1")?.order).toEqual(["w", "x"]);
  });
});

describe("server messages", () => {
  it("a finished turn in a background tab badges it; in the active tab it does not", () => {
    const { ctx } = setup(["front", "back"], "front");
    for (const id of ["front", "back"]) applyHistory(ctx.registry.ensure(id), historyMsg([], 0, { sessionId: id }));
    for (const id of ["front", "back"]) {
      handleServerMessage(
        ctx,
        turnMsg(1, { type: "turn_complete", turnId: `t-${id}`, sessionId: id, status: "completed" }),
      );
    }
    expect(ctx.store.get().tabs.attention).toEqual({ back: "done" });
  });

  it("a background session's streamed text changes nothing in the store (sidebar, tabs, header have nothing to redraw)", () => {
    const { ctx } = setup(["front", "back"], "front");
    for (const id of ["front", "back"]) applyHistory(ctx.registry.ensure(id), historyMsg([], 0, { sessionId: id }));
    let storeChanges = 0;
    const heard: string[] = [];
    ctx.store.subscribe(() => {
      storeChanges += 1;
    });
    ctx.registry.subscribe((id) => heard.push(id));
    handleServerMessage(
      ctx,
      turnMsg(1, { type: "turn_started", turnId: "t", sessionId: "back", modelId: "m", providerId: "codex" }),
    );
    for (let seq = 2; seq <= 6; seq += 1) {
      const text = "word ".repeat(seq);
      handleServerMessage(
        ctx,
        upsertMsg(seq, message("a1", text, { sessionId: "back", turnId: "t", status: "update" })),
      );
    }
    expect(storeChanges).toBe(0);
    expect(heard).toEqual(["back", "back", "back", "back", "back", "back"]);
    expect(ctx.registry.get("back")?.lastSeq).toBe(6);
  });

  it("removing a project closes its sessions' tabs and stops watching them", () => {
    const { ctx, sent } = setup(["a", "b", "other"], "a");
    const summary = (sessionId: string, projectId: string) => ({
      sessionId,
      projectId,
      cliType: "codex" as const,
      title: "",
      state: "idle" as const,
      lastActiveAt: "2026-01-01T00:00:00Z",
    });
    handleServerMessage(ctx, {
      type: "session:list",
      projectId: "p1",
      sessions: [summary("a", "p1"), summary("b", "p1")],
    });
    handleServerMessage(ctx, { type: "project:removed", projectId: "p1" });
    expect(ctx.store.get().tabs.open).toEqual(["other"]);
    expect(ctx.store.get().tabs.active).toBe("other");
    expect(sent.map((m) => (m.type === "session:close" ? m.sessionId : m.type))).toEqual(["a", "b"]);
  });

  it("session:updated renames the open tab's cached title", () => {
    const { ctx } = setup(["s1"]);
    handleServerMessage(ctx, {
      type: "session:updated",
      session: {
        sessionId: "s1",
        projectId: "p",
        cliType: "claude-code",
        title: "Fix the login bug",
        state: "running",
        lastActiveAt: "2026-01-01T00:00:00Z",
      },
    });
    expect(ctx.store.get().titles.s1).toEqual({ title: "Fix the login bug", cliType: "claude-code" });
  });

  it("an unsolicited error is reported", () => {
    const { ctx, errors } = setup([]);
    handleServerMessage(ctx, { type: "error", code: "INVALID_REQUEST", message: "bad" });
    expect(errors).toEqual(["INVALID_REQUEST"]);
  });

  it("a message of an unknown type is logged once with its type, never throws, and the next message still applies", () => {
    const warnings: { message: string; meta: unknown }[] = [];
    const logger: Logger = { ...silentLogger, warn: (message, meta) => warnings.push({ message, meta }) };
    const { ctx } = setup(["s1"], "s1", logger);
    applyHistory(ctx.registry.ensure("s1"), historyMsg([], 0));
    const unknown = { type: "session:teleported", sessionId: "s1" } as unknown as ServerMessage;
    handleServerMessage(ctx, unknown);
    handleServerMessage(ctx, unknown);
    handleServerMessage(ctx, upsertMsg(1, message("a", "still here")));
    expect(warnings).toEqual([
      {
        message: 'Ignored an unknown server message type "session:teleported"',
        meta: { what: "server message", type: "session:teleported" },
      },
    ]);
    expect(ctx.registry.get("s1")?.order).toEqual(["a"]);
    expect(ctx.registry.get("s1")?.lastSeq).toBe(1);
  });
});
