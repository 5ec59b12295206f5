// Sending a message: whether the CLI accepts it, the server refuses it, or the socket drops, the composer is usable again.
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/util/index.js";
import { Connection } from "../net/connection.js";
import { applyHistory } from "../state/items.js";
import { ItemsRegistry } from "../state/registry.js";
import { createStore } from "../state/store.js";
import { FakeSocket, historyMsg, oneTabState } from "../test-helpers.js";
import { createActions } from "./actions.js";
import type { AppContext } from "./context.js";
import { ResyncTracker } from "./resume.js";
import { handleServerMessage } from "./sync.js";

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** The page's real wiring (Connection → handleServerMessage, actions → Connection) over a socket the test drives. */
function setup() {
  const sockets: FakeSocket[] = [];
  const store = createStore(oneTabState());
  const registry = new ItemsRegistry();
  applyHistory(registry.ensure("s1"), historyMsg([], 0));
  let ctx: AppContext | null = null;
  const connection = new Connection({
    url: "ws://test/ws",
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    onMessage: (message) => {
      if (ctx) handleServerMessage(ctx, message);
    },
    onOpen: () => {},
    onStatus: (info) => store.set({ connection: info }),
  });
  ctx = {
    store,
    registry,
    transport: connection,
    resync: new ResyncTracker(3000, () => 0),
    reportError: () => {},
    logger: silentLogger,
  };
  stops.push(() => connection.stop());
  connection.start();
  const socket = sockets[0] as FakeSocket;
  socket.open();
  /** Sends `content` and returns the settled promise plus the command's requestId as the server saw it. */
  const send = (content: string) => {
    const settled = createActions(ctx as AppContext).send("s1", content);
    const command = socket.sent[socket.sent.length - 1] as { type: string; requestId: string };
    expect(command.type).toBe("session:send");
    return { settled, requestId: command.requestId };
  };
  return { store, registry, socket, send };
}

describe("sending a message", () => {
  it("is busy until the CLI accepts it (session:sent), then usable with no error", async () => {
    const { store, registry, socket, send } = setup();
    const { settled, requestId } = send("hello");
    expect(store.get().sending).toEqual({ s1: true });
    socket.receive({ type: "session:sent", requestId, sessionId: "s1", turnId: "t1" });
    expect(await settled).toBe(true);
    expect(store.get().sending).toEqual({});
    expect(store.get().sendErrors).toEqual({});
    expect(registry.get("s1")?.turns.get("t1")).toBeDefined();
  });

  it("a refused send shows the server's reason under the composer and leaves it usable; the next send clears it", async () => {
    const { store, socket, send } = setup();
    const first = send("hello");
    socket.receive({ type: "error", requestId: first.requestId, code: "TURN_IN_PROGRESS", message: "busy" });
    expect(await first.settled).toBe(false);
    expect(store.get().sending).toEqual({});
    expect(store.get().sendErrors.s1).toBe(
      "A turn is already running in this session (wait for it or cancel it): busy",
    );
    const second = send("again");
    expect(store.get().sending).toEqual({ s1: true });
    expect(store.get().sendErrors).toEqual({});
    socket.receive({ type: "session:sent", requestId: second.requestId, sessionId: "s1", turnId: "t2" });
    expect(await second.settled).toBe(true);
    expect(store.get().sending).toEqual({});
  });

  it("a disconnect while sending says so under the composer and leaves it usable", async () => {
    const { store, socket, send } = setup();
    const { settled } = send("hello");
    socket.drop();
    expect(await settled).toBe(false);
    expect(store.get().sending).toEqual({});
    expect(store.get().sendErrors.s1).toBe("The connection dropped before the server answered.");
    expect(store.get().connection.status).toBe("reconnecting");
  });
});
