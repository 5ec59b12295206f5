// The transcript's DOM: turn blocks, items redrawn only when their upsert changed, nested sub-agents, permission cards.

import type { UpsertObject } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import { deniedRequest, turnEndText } from "../state/format.js";
import type { PermissionEntry } from "../state/items.js";
import type { ItemNode, Transcript, TurnBlock } from "../state/transcript.js";
import { h, replaceChildren, setAttr } from "./dom.js";
import type { MarkdownRenderer } from "./markdown.js";
import { renderPermissionCard } from "./permission-card.js";
import { renderItemBody } from "./render-item.js";

interface ItemEntry {
  el: HTMLElement;
  body: HTMLElement | null;
  children: HTMLElement;
  perms: HTMLElement;
  item: unknown;
  /** `ItemNode.endedByTurnError` when the body was drawn (it changes when the turn's error arrives after the item's). */
  endedByTurnError: boolean;
}
interface TurnEntry {
  el: HTMLElement;
  items: HTMLElement;
  perms: HTMLElement;
  footer: HTMLElement;
  footerKey: string;
}

/** Puts `els` into `parent` in this order with as few DOM moves as possible and removes any other children. */
export function placeChildren(parent: HTMLElement, els: readonly HTMLElement[]): void {
  els.forEach((el, i) => {
    if (parent.children[i] !== el) parent.insertBefore(el, parent.children[i] ?? null);
  });
  while (parent.children.length > els.length) parent.lastElementChild?.remove();
}

/** Copies the open/closed state of `<details data-part>` from the old body to its replacement. */
function keepDetailsState(from: HTMLElement, to: HTMLElement): void {
  const open = new Map<string, boolean>();
  const collect = (root: HTMLElement) =>
    root.matches("details[data-part]")
      ? [root as HTMLDetailsElement, ...root.querySelectorAll<HTMLDetailsElement>("details[data-part]")]
      : [...root.querySelectorAll<HTMLDetailsElement>("details[data-part]")];
  for (const d of collect(from)) open.set(d.dataset.part ?? "", d.open);
  for (const d of collect(to)) {
    const was = open.get(d.dataset.part ?? "");
    if (was !== undefined) d.open = was;
  }
}

/**
 * Keeps `content` (turn blocks) and `end` (permission cards of turns not shown) in step with a transcript, keyed by
 * turn id, item id and permission request id, so an upsert replaces its item's element in place.
 */
export class TranscriptView {
  readonly content = h("div", { class: "transcript" });
  readonly end = h("div", { class: "transcript-end" });
  private readonly items = new Map<string, ItemEntry>();
  private readonly turns = new Map<string, TurnEntry>();
  private readonly cards = new Map<string, { el: HTMLElement; key: string }>();
  /** Items whose body was redrawn in the current `render`, handed to `onRedrawn` once the DOM holds them. */
  private redrawn: UpsertObject[] = [];

  /**
   * @param onRedrawn called at the end of each `render` with the items whose body it redrew (their new state is in
   *   the DOM); the chat views mark agent text visible from it (`markVisible`) in the frame that paints it.
   */
  constructor(
    private readonly sessionId: string,
    private readonly actions: Actions,
    private readonly markdown: MarkdownRenderer,
    private readonly onRedrawn: (items: UpsertObject[]) => void,
  ) {}

  /**
   * Brings the DOM in line with `transcript`, forgetting elements of items no longer held; then hands the items whose
   * body was redrawn to `onRedrawn`.
   */
  render(transcript: Transcript): void {
    const seenItems = new Set<string>();
    const seenCards = new Set<string>();
    const turnEls = transcript.turns.map((turn) => this.renderTurn(turn, seenItems, seenCards));
    placeChildren(this.content, turnEls);
    placeChildren(
      this.end,
      transcript.orphanPermissions.map((entry) => this.renderCard(entry, seenCards)),
    );
    const seenTurns = new Set(transcript.turns.map((t) => t.turnId));
    for (const id of this.turns.keys()) if (!seenTurns.has(id)) this.turns.delete(id);
    for (const id of this.items.keys()) if (!seenItems.has(id)) this.items.delete(id);
    for (const id of this.cards.keys()) if (!seenCards.has(id)) this.cards.delete(id);
    const redrawn = this.redrawn;
    this.redrawn = [];
    if (redrawn.length > 0) this.onRedrawn(redrawn);
  }

  private renderTurn(turn: TurnBlock, seenItems: Set<string>, seenCards: Set<string>): HTMLElement {
    let entry = this.turns.get(turn.turnId);
    if (!entry) {
      const items = h("div", { class: "turn-items" });
      const perms = h("div", { class: "turn-permissions" });
      const footer = h("div", { class: "turn-footer" });
      entry = {
        el: h("div", { class: "turn", "data-turn-id": turn.turnId }, items, perms, footer),
        items,
        perms,
        footer,
        footerKey: "",
      };
      this.turns.set(turn.turnId, entry);
    }
    placeChildren(
      entry.items,
      turn.nodes.map((node) => this.renderNode(node, seenItems, seenCards)),
    );
    placeChildren(
      entry.perms,
      turn.permissions.map((p) => this.renderCard(p, seenCards)),
    );
    const info = turn.info;
    const key = info
      ? `${info.status}|${info.modelId ?? ""}|${JSON.stringify(info.usage ?? null)}|${info.errorCode ?? ""}|${info.errorMessage ?? ""}|${deniedRequest(turn.permissions)?.request.requestId ?? ""}`
      : "";
    if (key !== entry.footerKey) {
      entry.footerKey = key;
      replaceChildren(
        entry.footer,
        info
          ? h(
              "div",
              {
                class: `turn-status status-${info.status}`,
                "data-testid": "turn-status",
                "data-status": info.status,
                "data-turn-id": turn.turnId,
                title: info.modelId ? `Model: ${info.modelId}` : undefined,
              },
              info.status === "running" ? h("span", { class: "spinner small" }) : null,
              h("span", { "data-testid": "turn-end" }, turnEndText(info, turn.permissions)),
              info.modelId ? h("span", { class: "turn-model muted", "data-testid": "turn-model" }, info.modelId) : null,
            )
          : null,
      );
    }
    return entry.el;
  }

  private renderNode(node: ItemNode, seenItems: Set<string>, seenCards: Set<string>): HTMLElement {
    seenItems.add(node.itemId);
    let entry = this.items.get(node.itemId);
    if (!entry) {
      const children = h("div", { class: "item-children", "data-testid": "sub-agent", hidden: true });
      const perms = h("div", { class: "item-permissions" });
      entry = {
        el: h("div", { class: "chat-item", "data-testid": "chat-item", "data-item-id": node.itemId }, children, perms),
        body: null,
        children,
        perms,
        item: null,
        endedByTurnError: false,
      };
      this.items.set(node.itemId, entry);
    }
    const { item, endedByTurnError } = node;
    if (entry.item !== item || entry.endedByTurnError !== endedByTurnError) {
      entry.item = item;
      entry.endedByTurnError = endedByTurnError;
      const body = renderItemBody(item, { sessionId: this.sessionId, markdown: this.markdown, endedByTurnError });
      if (entry.body) {
        keepDetailsState(entry.body, body);
        entry.body.replaceWith(body);
      } else {
        entry.el.prepend(body);
      }
      entry.body = body;
      this.redrawn.push(item);
      entry.el.dataset.type = item.type;
      entry.el.dataset.status = item.status;
      setAttr(entry.el, "data-origin", item.type === "message" ? item.origin : undefined);
      setAttr(entry.el, "data-parent-call-id", item.parentCallId);
    }
    placeChildren(
      entry.children,
      node.children.map((child) => this.renderNode(child, seenItems, seenCards)),
    );
    entry.children.hidden = node.children.length === 0;
    placeChildren(
      entry.perms,
      node.permissions.map((p) => this.renderCard(p, seenCards)),
    );
    return entry.el;
  }

  private renderCard(entry: PermissionEntry, seenCards: Set<string>): HTMLElement {
    const id = entry.request.requestId;
    seenCards.add(id);
    const key = `${entry.resolution?.outcome ?? "pending"}|${entry.resolution?.optionId ?? ""}`;
    const known = this.cards.get(id);
    if (known && known.key === key) return known.el;
    const el = renderPermissionCard(entry, this.actions);
    known?.el.replaceWith(el);
    this.cards.set(id, { el, key });
    return el;
  }
}
