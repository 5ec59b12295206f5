// Renders one item's body: user and agent messages as markdown (with copy buttons; long user messages collapsed),
// thinking collapsed, tool calls via render-tool.
import type { UpsertObject } from "../../shared/contracts/index.js";
import { itemErrorText } from "../state/error-text.js";
import { h } from "./dom.js";
import type { MarkdownRenderer } from "./markdown.js";
import { messageContext } from "./message-context.js";
import { messageImages } from "./message-images.js";
import { messageParts } from "./message-parts.js";
import { addCodeCopyButtons, collapsible, copyButton } from "./message-tools.js";
import { renderToolCall } from "./render-tool.js";

/** What rendering needs besides the item. */
export interface RenderContext {
  sessionId: string;
  markdown: MarkdownRenderer;
  /** The item ended with its turn's own error, which the turn's status line says (`ItemNode.endedByTurnError`). */
  endedByTurnError?: boolean;
}

const markedSessions = new Set<string>();
const markedTurns = new Set<string>();

/**
 * Puts `performance.mark("liminal:first-agent-text:<sessionId>")` the first time agent text of a session is rendered
 * on this page, and `liminal:agent-text:<turnId>` the first time for each turn (benchmark hooks).
 */
function markAgentText(sessionId: string, turnId: string): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  if (!markedSessions.has(sessionId)) {
    markedSessions.add(sessionId);
    performance.mark(`liminal:first-agent-text:${sessionId}`);
  }
  if (!markedTurns.has(turnId)) {
    markedTurns.add(turnId);
    performance.mark(`liminal:agent-text:${turnId}`);
  }
}

/**
 * Puts `performance.mark("liminal:visible", { detail })` for an agent text item (an agent `message` or a `thinking`)
 * whose current upsert has just been put into the DOM; other items are ignored. `detail`: `sessionId`, `turnId`,
 * `itemId`, `contentLength` (the upsert's raw `content.length`: UTF-16 code units of the markdown source, not of the
 * rendered HTML), `status`, `type`, and the upsert's `sourceTimestamp` (when its newest CLI event arrived) and
 * `emittedAt` (when the provider emitted it, after batching). The benchmarks (bench/lib/page-marks.ts) read these to time each streamed
 * delta from the model server to the page. One mark per render of such an upsert; the page keeps them until it is
 * reloaded or a reader clears them (`performance.clearMarks("liminal:visible")`).
 */
export function markVisible(sessionId: string, item: UpsertObject): void {
  if (item.type === "tool_call" || (item.type === "message" && item.origin !== "agent")) return;
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  performance.mark("liminal:visible", {
    detail: {
      sessionId,
      turnId: item.turnId,
      itemId: item.itemId,
      contentLength: item.content.length,
      status: item.status,
      type: item.type,
      sourceTimestamp: item.sourceTimestamp,
      emittedAt: item.emittedAt,
    },
  });
}

function markdownBlock(ctx: RenderContext, content: string, breaks = false): HTMLElement {
  const el = h("div", { class: "md" });
  el.innerHTML = ctx.markdown(content, { breaks });
  return el;
}

function errorNote(item: UpsertObject, ctx: RenderContext): HTMLElement | null {
  if (item.status !== "error") return null;
  const cancelled = item.errorCode === "CANCELLED";
  return h(
    "div",
    { class: `item-note${cancelled ? "" : " is-error"}`, "data-testid": "item-note" },
    itemErrorText(item, ctx.endedByTurnError ?? false),
  );
}

/** The body element of one item. Agent text also sets the benchmark marks. */
export function renderItemBody(item: UpsertObject, ctx: RenderContext): HTMLElement {
  const streaming = item.status === "create" || item.status === "update";
  switch (item.type) {
    case "message": {
      if (item.origin === "agent" && item.content.trim()) markAgentText(ctx.sessionId, item.turnId);
      if (item.origin === "system") return h("div", { class: "msg msg-system" }, item.content, errorNote(item, ctx));
      const body = markdownBlock(ctx, item.content, item.origin === "user");
      if (!streaming) addCodeCopyButtons(body);
      const content = item.content;
      return h(
        "div",
        { class: `msg msg-${item.origin}${streaming ? " streaming" : ""}` },
        item.origin === "user" ? h("div", { class: "msg-label" }, "You") : null,
        item.origin === "user" ? messageContext(item.context) : null,
        item.origin === "user" && !item.parts ? messageImages(item.images) : null,
        streaming || !content.trim() ? null : copyButton("message-copy", "Copy this message (markdown)", () => content),
        item.origin === "user"
          ? collapsible(item.itemId, content, messageParts(item, (text) => markdownBlock(ctx, text, true)) ?? body)
          : body,
        errorNote(item, ctx),
      );
    }
    case "thinking": {
      const words = item.content.trim() ? item.content.trim().split(/\s+/).length : 0;
      return h(
        "details",
        { class: `thinking${streaming ? " streaming" : ""}`, "data-part": "thinking", "data-testid": "thinking" },
        h(
          "summary",
          {},
          streaming ? "Thinking…" : "Thought",
          h("span", { class: "muted" }, ` · ${words} word${words === 1 ? "" : "s"}`),
        ),
        markdownBlock(ctx, item.content),
        errorNote(item, ctx),
      );
    }
    case "tool_call":
      return renderToolCall(item, ctx.endedByTurnError ?? false);
  }
}
