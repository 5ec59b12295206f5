// Small tools on messages (issue 16 §7): copy buttons on messages and code blocks, and long user messages collapsed
// behind "Show all".
import { h } from "./dom.js";

/** A user message over this many lines or characters is shown collapsed until "Show all". */
export const COLLAPSE_LINES = 40;
export const COLLAPSE_CHARS = 10 * 1024;

/** Messages the user expanded (by itemId), so a redraw keeps them open. */
const expanded = new Set<string>();

/** True when a user message is long enough to be collapsed (over 40 lines or 10 KB of text). */
export function isLongMessage(content: string): boolean {
  if (content.length > COLLAPSE_CHARS) return true;
  let lines = 1;
  for (let i = content.indexOf("\n"); i !== -1; i = content.indexOf("\n", i + 1)) {
    lines += 1;
    if (lines > COLLAPSE_LINES) return true;
  }
  return false;
}

/**
 * Puts `text` on the clipboard (`navigator.clipboard`, which a page on localhost may use; else a hidden textarea and
 * `execCommand("copy")`). Resolves false when neither worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h("textarea", { class: "copy-buffer", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/**
 * A small "Copy" button (`data-testid` = `testId`) that copies `text()` and says "Copied" for a moment. Its words are
 * drawn from `data-label` by CSS, so they are no part of the message's text (selecting and copying a message, or
 * reading its `textContent`, never picks up "Copy").
 */
export function copyButton(testId: string, label: string, text: () => string): HTMLButtonElement {
  const button = h("button", {
    class: "copy-button",
    type: "button",
    "data-testid": testId,
    "data-label": "Copy",
    title: label,
    "aria-label": label,
  });
  button.addEventListener("click", async (event) => {
    event.stopPropagation();
    const ok = await copyText(text());
    button.dataset.label = ok ? "Copied" : "Copy failed";
    button.dataset.copied = ok ? "true" : "false";
    setTimeout(() => {
      button.dataset.label = "Copy";
      delete button.dataset.copied;
    }, 1500);
  });
  return button;
}

/** Adds a copy button (`code-copy`) to every code block (`pre > code`) of rendered markdown in `el`. */
export function addCodeCopyButtons(el: HTMLElement): void {
  for (const pre of el.querySelectorAll("pre")) {
    const code = pre.querySelector("code");
    if (!code) continue;
    pre.classList.add("has-copy");
    pre.append(copyButton("code-copy", "Copy this code", () => code.textContent ?? ""));
  }
}

/**
 * Wraps a long user message's body (`body`) so it shows only its start, with a "Show all" / "Show less" toggle
 * (`message-expand`); the choice is kept for `itemId` across redraws. A short message's body is returned as is.
 */
export function collapsible(itemId: string, content: string, body: HTMLElement): HTMLElement {
  if (!isLongMessage(content)) return body;
  const open = expanded.has(itemId);
  const wrap = h("div", { class: "collapsible", "data-collapsed": open ? "false" : "true" }, body);
  const lines = content.split("\n").length;
  const toggle = h(
    "button",
    { class: "link-button", type: "button", "data-testid": "message-expand" },
    open ? "Show less" : `Show all (${lines.toLocaleString("en-US")} lines)`,
  );
  toggle.addEventListener("click", () => {
    const nowOpen = wrap.dataset.collapsed === "true";
    wrap.dataset.collapsed = nowOpen ? "false" : "true";
    toggle.textContent = nowOpen ? "Show less" : `Show all (${lines.toLocaleString("en-US")} lines)`;
    if (nowOpen) expanded.add(itemId);
    else expanded.delete(itemId);
  });
  return h("div", {}, wrap, toggle);
}
