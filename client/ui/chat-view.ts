// One session's transcript: items upserted in place by itemId, turns with status lines, scroll following and anchoring.
import type { Actions } from "../app/actions.js";
import { turnStatusText } from "../state/format.js";
import type { PermissionEntry, SessionItems } from "../state/items.js";
import type { ScrollPosition } from "../state/persist.js";
import { buildTranscript, type ItemNode, type TurnBlock } from "../state/transcript.js";
import { h, replaceChildren, setAttr } from "./dom.js";
import type { MarkdownRenderer } from "./markdown.js";
import { renderPermissionCard } from "./permission-card.js";
import { renderItemBody } from "./render-item.js";

/** Within this many pixels of the bottom counts as "at the bottom" (keep following new content). */
const BOTTOM_SLACK = 48;
/** Closer than this to the top asks for an older page. */
const LOAD_OLDER_AT = 400;

interface ItemEntry {
  el: HTMLElement;
  body: HTMLElement | null;
  children: HTMLElement;
  perms: HTMLElement;
  item: unknown;
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

/** The view of one session. `render` is cheap when little changed: only items whose upsert changed are redrawn. */
export class ChatView {
  readonly el: HTMLElement;
  readonly scroller: HTMLElement;
  private readonly top = h("div", { class: "history-top" });
  private readonly content = h("div", { class: "transcript" });
  private readonly end = h("div", { class: "transcript-end" });
  private readonly jump: HTMLButtonElement;
  private readonly items = new Map<string, ItemEntry>();
  private readonly turns = new Map<string, TurnEntry>();
  private readonly cards = new Map<string, { el: HTMLElement; key: string }>();
  private follow = true;
  private savedTop = 0;
  private restored = false;
  private renderedVersion = -1;
  private renderedError: string | undefined;
  private state: SessionItems | undefined;

  constructor(
    readonly sessionId: string,
    private readonly actions: Actions,
    private readonly markdown: MarkdownRenderer,
    private readonly onScroll: (position: ScrollPosition) => void,
  ) {
    this.jump = h(
      "button",
      {
        class: "jump-to-bottom",
        type: "button",
        hidden: true,
        "data-testid": "jump-to-bottom",
        title: "Jump to the newest message",
        onclick: () => this.scrollToBottom(),
      },
      "↓ Newest",
    );
    this.scroller = h("div", { class: "chat-scroll", "data-testid": "chat-scroll" }, this.top, this.content, this.end);
    this.el = h(
      "div",
      { class: "chat-view", "data-testid": "chat-view", "data-session-id": sessionId, hidden: true },
      this.scroller,
      this.jump,
    );
    this.scroller.addEventListener("scroll", () => this.handleScroll(), { passive: true });
  }

  /** True when the view needs a render for this state and error. */
  isStale(state: SessionItems | undefined, openError: string | undefined): boolean {
    return state !== this.state || (state?.version ?? -1) !== this.renderedVersion || openError !== this.renderedError;
  }

  /** Redraws from `state`; keeps following the bottom, or keeps the first visible item where it was. */
  render(state: SessionItems | undefined, openError: string | undefined): void {
    this.state = state;
    this.renderedVersion = state?.version ?? -1;
    this.renderedError = openError;
    const anchor = this.follow || this.el.hidden ? null : this.captureAnchor();
    this.renderTop(state, openError);
    const transcript = state ? buildTranscript(state) : { turns: [], orphanPermissions: [] };
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
    if (this.el.hidden) return;
    if (this.follow) this.scrollToBottom();
    else if (anchor) this.scroller.scrollTop += anchor.el.getBoundingClientRect().top - anchor.offset;
    this.maybeLoadOlder();
  }

  /** Shows the view and puts the scroll position back where it was (or at the bottom when following). */
  show(): void {
    this.el.hidden = false;
    if (this.follow) this.scrollToBottom();
    else this.scroller.scrollTop = this.savedTop;
  }

  /** Hides the view (its scroll position is remembered). */
  hide(): void {
    this.el.hidden = true;
  }

  /** Applies a saved position once the history has been drawn (after a reload). @returns true when applied. */
  restore(position: ScrollPosition | undefined): boolean {
    if (this.restored || !this.state?.loaded) return false;
    this.restored = true;
    if (position && !position.follow) {
      this.follow = false;
      this.savedTop = position.top;
      if (!this.el.hidden) this.scroller.scrollTop = position.top;
      this.jump.hidden = false;
    }
    return true;
  }

  /** Scrolls to the newest content and resumes following it. */
  scrollToBottom(): void {
    this.follow = true;
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.jump.hidden = true;
  }

  private handleScroll(): void {
    if (this.el.hidden) return;
    const { scrollTop, scrollHeight, clientHeight } = this.scroller;
    this.follow = scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK;
    this.savedTop = scrollTop;
    this.jump.hidden = this.follow;
    this.onScroll({ top: scrollTop, follow: this.follow });
    this.maybeLoadOlder();
  }

  private maybeLoadOlder(): void {
    const state = this.state;
    if (!state?.loaded || !state.hasMore || state.loadingOlder || this.el.hidden) return;
    if (this.scroller.scrollTop < LOAD_OLDER_AT) this.actions.loadOlder(this.sessionId);
  }

  private captureAnchor(): { el: HTMLElement; offset: number } | null {
    const top = this.scroller.getBoundingClientRect().top;
    for (const turn of this.content.children) {
      if (turn.getBoundingClientRect().bottom <= top) continue;
      for (const item of (turn as HTMLElement).querySelectorAll<HTMLElement>(":scope > .turn-items > .chat-item")) {
        const rect = item.getBoundingClientRect();
        if (rect.bottom > top) return { el: item, offset: rect.top };
      }
      return { el: turn as HTMLElement, offset: turn.getBoundingClientRect().top };
    }
    return null;
  }

  private renderTop(state: SessionItems | undefined, openError: string | undefined): void {
    if (openError) {
      replaceChildren(
        this.top,
        h(
          "div",
          { class: "open-error", role: "alert", "data-testid": "open-error" },
          h("span", {}, `Could not open this session: ${openError}`),
          h(
            "button",
            { class: "button small", type: "button", onclick: () => this.actions.retryOpen(this.sessionId) },
            "Retry",
          ),
          h(
            "button",
            { class: "button small", type: "button", onclick: () => this.actions.closeTab(this.sessionId) },
            "Close tab",
          ),
        ),
      );
    } else if (!state?.loaded) {
      replaceChildren(
        this.top,
        h("div", { class: "muted center pad", "data-testid": "history-loading" }, "Loading history…"),
      );
    } else if (state.loadingOlder) {
      replaceChildren(
        this.top,
        h(
          "div",
          { class: "muted center small pad", "data-testid": "history-loading-older" },
          "Loading older messages…",
        ),
      );
    } else if (state.hasMore) {
      replaceChildren(
        this.top,
        h(
          "button",
          {
            class: "button ghost small load-older",
            type: "button",
            "data-testid": "load-older",
            onclick: () => this.actions.loadOlder(this.sessionId),
          },
          "Load older messages",
        ),
      );
    } else if (state.order.length === 0 && state.turnOrder.length === 0) {
      replaceChildren(
        this.top,
        h(
          "div",
          { class: "empty-session muted center", "data-testid": "session-empty" },
          "No messages yet. Type below to start.",
        ),
      );
    } else {
      replaceChildren(this.top, h("div", { class: "muted center small pad" }, "Beginning of the conversation"));
    }
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
      ? `${info.status}|${JSON.stringify(info.usage ?? null)}|${info.errorCode ?? ""}|${info.errorMessage ?? ""}`
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
              turnStatusText(info),
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
      };
      this.items.set(node.itemId, entry);
    }
    const { item } = node;
    if (entry.item !== item) {
      entry.item = item;
      const body = renderItemBody(item, { sessionId: this.sessionId, markdown: this.markdown });
      if (entry.body) {
        keepDetailsState(entry.body, body);
        entry.body.replaceWith(body);
      } else {
        entry.el.prepend(body);
      }
      entry.body = body;
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
