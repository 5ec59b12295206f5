// One session's view: history status at the top, the transcript (a long history's tail first), scroll following /
// anchoring, jump-to-bottom.
import type { UpsertObject } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { SessionItems } from "../state/items.js";
import type { ScrollPosition } from "../state/persist.js";
import { buildTranscript, drawStart, type Transcript } from "../state/transcript.js";
import { h, replaceChildren } from "./dom.js";
import type { MarkdownRenderer } from "./markdown.js";
import { TranscriptView } from "./transcript-view.js";

/** Within this many pixels of the bottom counts as "at the bottom" (keep following new content). */
const BOTTOM_SLACK = 48;
/** Closer than this to the top asks for an older page. */
const LOAD_OLDER_AT = 400;
/**
 * Items drawn at once when a view first gets a history (whole turns, at least this many, more until they fill one and
 * a half windows); the older turns follow in idle time, {@link FILL_ITEMS} at a time, so the newest content shows
 * without waiting for the markdown, highlighting and layout of the whole page.
 */
const FIRST_ITEMS = 10;
/** Items added per idle slice while the older part of a history is drawn. */
const FILL_ITEMS = 40;

/** Runs `callback` when the page is idle (at most `timeout` ms later); returns a cancel function. */
function whenIdle(callback: () => void, timeout = 250): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(callback, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(callback, 16);
  return () => clearTimeout(timer);
}

/** The view of one session. `render` is cheap when little changed: only items whose upsert changed are redrawn. */
export class ChatView {
  readonly el: HTMLElement;
  readonly scroller: HTMLElement;
  private readonly top = h("div", { class: "history-top" });
  private readonly transcript: TranscriptView;
  private readonly jump: HTMLButtonElement;
  private follow = true;
  /** The newest turn drawn (undefined before the first one): a newer one with a user message is followed. */
  private newestTurn: string | undefined;
  private savedTop = 0;
  private restored = false;
  private renderedVersion = -1;
  private renderedError: string | undefined;
  private state: SessionItems | undefined;
  /** While older turns of a history wait to be drawn: the first turn drawn; null once everything is drawn. */
  private drawnFrom: string | null = null;
  /** True once a non-empty transcript was drawn (later histories, e.g. older pages, are drawn whole). */
  private drewContent = false;
  /** What the history status above the transcript was drawn from (see `renderTop`). */
  private topKey = "";
  /** Cancels the pending idle slice of drawing older turns. */
  private cancelFill: (() => void) | null = null;

  /**
   * @param onScroll called with the view's scroll position when the user scrolls it.
   * @param onRedrawn called after each draw with the items whose body was redrawn (see `TranscriptView`).
   */
  constructor(
    readonly sessionId: string,
    private readonly actions: Actions,
    markdown: MarkdownRenderer,
    private readonly onScroll: (position: ScrollPosition) => void,
    onRedrawn: (items: UpsertObject[]) => void,
  ) {
    this.transcript = new TranscriptView(sessionId, actions, markdown, onRedrawn);
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
    this.scroller = h(
      "div",
      { class: "chat-scroll", "data-testid": "chat-scroll" },
      this.top,
      this.transcript.content,
      this.transcript.end,
    );
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

  /**
   * Redraws from `state`; keeps following the bottom, or keeps the first visible item where it was. The first history
   * of the view is drawn from its newest {@link FIRST_ITEMS} items; the older turns follow in idle time.
   */
  render(state: SessionItems | undefined, openError: string | undefined): void {
    // A turn the user just started (their own message) is always scrolled to, even when they had scrolled up.
    const newestTurn = state?.turnOrder.at(-1);
    if (newestTurn !== this.newestTurn) {
      const opened = this.newestTurn !== undefined;
      this.newestTurn = newestTurn;
      const own = newestTurn === undefined ? undefined : state?.items.get(`${newestTurn}:user`);
      if (opened && own?.type === "message" && own.origin === "user") this.follow = true;
    }
    this.state = state;
    this.renderedVersion = state?.version ?? -1;
    this.renderedError = openError;
    this.draw(false);
  }

  /** Shows the view and puts the scroll position back where it was (or at the bottom when following). */
  show(): void {
    this.el.hidden = false;
    if (this.follow) this.scrollToBottom();
    else this.scroller.scrollTop = this.savedTop;
    if (this.drawnFrom !== null) this.scheduleFill();
  }

  /** Stops drawing older turns (the view is being removed). */
  dispose(): void {
    this.cancelFill?.();
    this.cancelFill = null;
  }

  /** Draws the transcript from the first turn due (`extend`: one more slice of older turns) and fixes the scroll. */
  private draw(extend: boolean): void {
    const anchor = this.follow || this.el.hidden ? null : this.captureAnchor();
    const transcript = this.state ? buildTranscript(this.state) : { turns: [], orphanPermissions: [] };
    let start = this.firstTurnToDraw(transcript, extend);
    this.drawFrom(transcript, start);
    // Not enough yet to fill the window (short items): draw more at once.
    while (start > 0 && !this.el.hidden && this.scroller.scrollHeight < this.scroller.clientHeight * 1.5) {
      start = this.setDrawnFrom(transcript, drawStart(transcript.turns, start, FIRST_ITEMS));
      this.drawFrom(transcript, start);
    }
    if (this.el.hidden) return;
    if (this.follow) this.scrollToBottom();
    else if (anchor) this.scroller.scrollTop += anchor.el.getBoundingClientRect().top - anchor.offset;
    this.maybeLoadOlder();
  }

  /** Draws `transcript` from its turn `start` (and the history status above it once everything is drawn). */
  private drawFrom(transcript: Transcript, start: number): void {
    this.renderTop(this.state, this.renderedError, start > 0);
    this.transcript.render(start > 0 ? { ...transcript, turns: transcript.turns.slice(start) } : transcript);
  }

  /** Index of the first turn to draw now; starts or ends the drawing of older turns in idle time. */
  private firstTurnToDraw(transcript: Transcript, extend: boolean): number {
    const turns = transcript.turns;
    let start = 0;
    if (this.drawnFrom !== null) {
      const drawn = turns.findIndex((turn) => turn.turnId === this.drawnFrom);
      start = drawn > 0 ? (extend ? drawStart(turns, drawn, FILL_ITEMS) : drawn) : 0;
    } else if (!this.drewContent && turns.length > 0) {
      start = drawStart(turns, turns.length, FIRST_ITEMS);
    }
    if (turns.length > 0) this.drewContent = true;
    return this.setDrawnFrom(transcript, start);
  }

  /** Records `start` as the first turn drawn, scheduling the older turns (if any) for idle time. Returns `start`. */
  private setDrawnFrom(transcript: Transcript, start: number): number {
    this.drawnFrom = start > 0 ? (transcript.turns[start]?.turnId ?? null) : null;
    if (this.drawnFrom !== null) this.scheduleFill();
    return start;
  }

  private scheduleFill(): void {
    if (this.cancelFill) return;
    this.cancelFill = whenIdle(() => {
      this.cancelFill = null;
      if (this.drawnFrom !== null && !this.el.hidden) this.draw(true);
    });
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
      // The position is one in the whole transcript: draw all of it first.
      if (this.drawnFrom !== null) {
        this.dispose();
        this.drawnFrom = null;
        this.draw(false);
      }
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
    if (!state?.loaded || !state.hasMore || state.loadingOlder || this.el.hidden || this.drawnFrom !== null) return;
    if (this.scroller.scrollTop < LOAD_OLDER_AT) this.actions.loadOlder(this.sessionId);
  }

  private captureAnchor(): { el: HTMLElement; offset: number } | null {
    const top = this.scroller.getBoundingClientRect().top;
    for (const turn of this.transcript.content.children) {
      if (turn.getBoundingClientRect().bottom <= top) continue;
      for (const item of (turn as HTMLElement).querySelectorAll<HTMLElement>(":scope > .turn-items > .chat-item")) {
        const rect = item.getBoundingClientRect();
        if (rect.bottom > top) return { el: item, offset: rect.top };
      }
      return { el: turn as HTMLElement, offset: turn.getBoundingClientRect().top };
    }
    return null;
  }

  private renderTop(state: SessionItems | undefined, openError: string | undefined, partial: boolean): void {
    // Redrawn only when what it says changed: every streamed delta redraws the view, and a new element each time
    // costs a style recalculation and layout of its own.
    const key = JSON.stringify([
      partial,
      openError ?? null,
      state?.loaded ?? false,
      state?.loadingOlder ?? false,
      state?.hasMore ?? false,
      state !== undefined && state.order.length === 0 && state.turnOrder.length === 0,
    ]);
    if (key === this.topKey) return;
    this.topKey = key;
    if (partial && !openError) {
      replaceChildren(this.top);
    } else if (openError) {
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
}
