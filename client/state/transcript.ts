// Builds the chat view's structure from item state: turns in order, sub-agent items nested, permission cards placed.
import type { UpsertObject } from "../../shared/contracts/index.js";
import type { PermissionEntry, SessionItems, TurnInfo } from "./items.js";

/** One item and the sub-agent items nested under it (items whose `parentCallId` is this tool call's `callId`). */
export interface ItemNode {
  itemId: string;
  item: UpsertObject;
  /**
   * True when the item ended with its turn's own error (same `errorCode` and `errorMessage` as the turn's
   * `turn_error`): an item still open when its turn failed. The turn's status line says that error; the item only
   * says it was cut short (`itemErrorText`), so one failure is not written twice.
   */
  endedByTurnError: boolean;
  children: ItemNode[];
  /** Permission requests attached to this tool call (same `callId`). */
  permissions: PermissionEntry[];
}

/** One turn: its top-level items, its turn status when known, and permission requests with no tool call shown. */
export interface TurnBlock {
  turnId: string;
  nodes: ItemNode[];
  info?: TurnInfo;
  permissions: PermissionEntry[];
}

/** The whole transcript of one session, ready to render. */
export interface Transcript {
  turns: TurnBlock[];
  /** Permission requests whose turn is not shown at all (rendered at the very end). */
  orphanPermissions: PermissionEntry[];
}

/** True when `ancestorId` is `node`'s own id or one of its parents (guards against parent cycles). */
function isAncestor(state: SessionItems, candidateParentId: string, childId: string): boolean {
  let current: string | undefined = candidateParentId;
  for (let depth = 0; current !== undefined && depth < 64; depth++) {
    if (current === childId) return true;
    const item = state.items.get(current);
    current = item?.parentCallId ? state.callIds.get(item.parentCallId) : undefined;
  }
  return false;
}

/**
 * Groups `state`'s items into turn blocks in conversation order. An item with `parentCallId` goes under the tool
 * call with that `callId` when it is held (else it stays in its turn). A permission request goes under its tool call
 * (by `callId`), else at the end of its turn, else at the end of the transcript.
 */
export function buildTranscript(state: SessionItems): Transcript {
  const nodes = new Map<string, ItemNode>();
  for (const itemId of state.order) {
    const item = state.items.get(itemId);
    if (!item) continue;
    const endedByTurnError = isTurnError(item, state.turns.get(item.turnId));
    nodes.set(itemId, { itemId, item, endedByTurnError, children: [], permissions: [] });
  }
  const blocks = new Map<string, TurnBlock>();
  const blockFor = (turnId: string): TurnBlock => {
    let block = blocks.get(turnId);
    if (!block) {
      const info = state.turns.get(turnId);
      block = { turnId, nodes: [], permissions: [], ...(info ? { info } : {}) };
      blocks.set(turnId, block);
    }
    return block;
  };
  for (const turnId of state.turnOrder) blockFor(turnId);
  for (const node of nodes.values()) {
    const parentId = node.item.parentCallId ? state.callIds.get(node.item.parentCallId) : undefined;
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (parent && parentId && !isAncestor(state, parentId, node.itemId)) parent.children.push(node);
    else blockFor(node.item.turnId).nodes.push(node);
  }
  const orphanPermissions: PermissionEntry[] = [];
  for (const entry of state.permissions.values()) {
    const callItemId = entry.request.callId ? state.callIds.get(entry.request.callId) : undefined;
    const node = callItemId ? nodes.get(callItemId) : undefined;
    if (node) node.permissions.push(entry);
    else if (blocks.has(entry.request.turnId)) blockFor(entry.request.turnId).permissions.push(entry);
    else orphanPermissions.push(entry);
  }
  return { turns: [...blocks.values()], orphanPermissions };
}

/** True when `item` ended with exactly the error that ended its turn (`turn`). */
function isTurnError(item: UpsertObject, turn: TurnInfo | undefined): boolean {
  return (
    item.status === "error" &&
    turn?.status === "error" &&
    item.errorCode === turn.errorCode &&
    item.errorMessage === turn.errorMessage
  );
}

/** Items of `nodes`, nested sub-agent items included. */
function countNodes(nodes: readonly ItemNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

/**
 * Where to start drawing so that whole turns `turns[start..end)` hold at least `minItems` items (nested items
 * counted): the largest such `start`, or 0 when all of `turns[0..end)` hold fewer. The chat view draws a long history
 * tail first (`end` = the number of turns), then extends it backwards (`end` = the first turn drawn so far).
 */
export function drawStart(turns: readonly TurnBlock[], end: number, minItems: number): number {
  let items = 0;
  for (let index = Math.min(end, turns.length) - 1; index >= 0; index -= 1) {
    const turn = turns[index] as TurnBlock;
    items += countNodes(turn.nodes) + turn.permissions.length;
    if (items >= minItems) return index;
  }
  return 0;
}
