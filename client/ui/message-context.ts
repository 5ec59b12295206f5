// Injected context of a user message (issue 13 §9: `<ide_opened_file>`, `<system-reminder>`, Codex
// `<environment_context>` …) as small labelled chips, each a <details> that expands to the context's text.
import type { InjectedContext } from "../../shared/contracts/index.js";
import { h } from "./dom.js";

/** Characters of a context's text shown in its chip's tooltip. */
const PREVIEW_CHARS = 160;

/** The chips of `context` (none: null), in order; each expands to its text as preformatted text. */
export function messageContext(context: readonly InjectedContext[] | undefined): HTMLElement | null {
  if (!context || context.length === 0) return null;
  return h(
    "div",
    { class: "msg-context", "data-testid": "message-context" },
    context.map((entry) =>
      h(
        "details",
        { class: "context-chip", "data-testid": "context-chip", "data-tag": entry.tag },
        h("summary", { class: "context-chip-label", title: preview(entry.text) }, entry.label),
        h("pre", { class: "context-text" }, entry.text || "(empty)"),
      ),
    ),
  );
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
}
