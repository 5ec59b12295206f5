// Inline editing of a session's title (issue 16 §6): an input in place of the title; Enter or leaving it saves,
// Escape cancels.
import { SESSION_TITLE_MAX_CHARS } from "../../shared/contracts/index.js";
import { h } from "./dom.js";

/**
 * A document event asking the header to edit the title of the session in its `detail` (a session id) once that session
 * is the active tab: the sidebar's rename opens the tab, then dispatches it.
 */
export const RENAME_EVENT = "liminal:rename-session";

/**
 * Puts an input (`data-testid="title-input"`, holding `current`, all selected) in place of `target` until the user
 * is done: Enter or blur calls `save` with the trimmed text when it differs from `current` and is not empty (an
 * empty one cancels); Escape cancels. `target` comes back either way; `save` reports its own failure.
 */
export function editTitle(target: HTMLElement, current: string, save: (title: string) => Promise<unknown>): void {
  if (target.hidden) return;
  const input = h("input", {
    class: "title-input",
    type: "text",
    "data-testid": "title-input",
    "aria-label": "Session title",
    maxlength: SESSION_TITLE_MAX_CHARS,
    value: current,
  });
  let done = false;
  const finish = (keep: boolean) => {
    if (done) return;
    done = true;
    const title = input.value.trim();
    input.remove();
    target.hidden = false;
    if (keep && title !== "" && title !== current) void save(title);
  };
  input.addEventListener("keydown", (event) => {
    event.stopPropagation();
    if (event.key === "Enter") {
      event.preventDefault();
      finish(true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      finish(false);
    }
  });
  input.addEventListener("click", (event) => event.stopPropagation());
  input.addEventListener("blur", () => finish(true));
  target.hidden = true;
  target.after(input);
  input.focus();
  input.select();
}
