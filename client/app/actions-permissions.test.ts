// Answering an approval card: a request the server no longer holds stops offering its buttons and says why.
import { describe, expect, it } from "vitest";
import type { ClientMessage, PermissionRequest, ServerMessage } from "../../shared/contracts/index.js";
import { silentLogger } from "../../shared/util/index.js";
import { CommandError } from "../net/connection.js";
import { applyPermissionRequest, pendingPermissions } from "../state/items.js";
import { ItemsRegistry } from "../state/registry.js";
import { createStore } from "../state/store.js";
import { oneTabState } from "../test-helpers.js";
import { createActions } from "./actions.js";
import type { AppContext } from "./context.js";
import { ResyncTracker } from "./resume.js";

const request: PermissionRequest = {
  requestId: "r1",
  sessionId: "s1",
  turnId: "t1",
  toolName: "Write",
  input: {},
  options: [{ optionId: "allow", name: "Allow once", kind: "allow_once" }],
};

function setup(reply: (message: ClientMessage) => Promise<ServerMessage>) {
  const errors: string[] = [];
  const registry = new ItemsRegistry();
  applyPermissionRequest(registry.ensure("s1"), request);
  const ctx: AppContext = {
    store: createStore(oneTabState()),
    registry,
    transport: {
      state: { status: "connected", attempt: 0, retryAt: null },
      send: () => true,
      request: reply,
      fire: () => true,
    },
    resync: new ResyncTracker(3000, () => 0),
    reportError: (code) => errors.push(code),
    logger: silentLogger,
  };
  return { actions: createActions(ctx), registry, errors };
}

describe("respondPermission", () => {
  it("a request already answered elsewhere or closed is shown as closed, with the server's reason as a toast", async () => {
    const { actions, registry, errors } = setup(() =>
      Promise.reject(new CommandError("PERMISSION_REQUEST_NOT_FOUND", "Permission request r1 was already answered")),
    );
    expect(await actions.respondPermission("s1", "r1", "allow")).toBe(false);
    expect(errors).toEqual(["PERMISSION_REQUEST_NOT_FOUND"]);
    const state = registry.get("s1");
    expect(state && pendingPermissions(state)).toEqual([]);
    expect(state?.permissions.get("r1")?.resolution).toEqual({ outcome: "cancelled" });
  });

  it("a lost connection keeps the card open so it can be answered again", async () => {
    const { actions, registry, errors } = setup(() =>
      Promise.reject(new CommandError("CONNECTION_LOST", "The connection dropped")),
    );
    expect(await actions.respondPermission("s1", "r1", "allow")).toBe(false);
    expect(errors).toEqual(["CONNECTION_LOST"]);
    const state = registry.get("s1");
    expect(state && pendingPermissions(state)).toEqual([request]);
  });
});
