// The Changes panel's file list: one row per changed file (status, path, +N −M or "binary"), the open one marked.
import type { ChangesResponse, FileChange } from "../../shared/contracts/index.js";
import { statusLetter } from "../state/changes-view.js";
import { h } from "./dom.js";

/** One row (`changes-file`, `data-path`, `data-status`); Enter or a click opens its diff. */
function fileRow(file: FileChange, active: boolean, open: (path: string) => void): HTMLElement {
  return h(
    "li",
    {
      class: "changes-file",
      "data-testid": "changes-file",
      "data-path": file.path,
      "data-status": file.status,
      "data-active": active ? "true" : undefined,
      "aria-current": active ? "true" : undefined,
      role: "button",
      tabindex: 0,
      title: file.oldPath ? `${file.oldPath} → ${file.path} (${file.status})` : `${file.path} (${file.status})`,
      onclick: () => open(file.path),
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open(file.path);
        }
      },
    },
    h(
      "span",
      { class: `change-status status-${file.status}`, "data-testid": "changes-file-status", "aria-label": file.status },
      statusLetter(file.status),
    ),
    h(
      "span",
      { class: "change-path" },
      file.oldPath ? h("span", { class: "muted" }, `${file.oldPath} → `) : null,
      file.path,
    ),
    file.binary
      ? h("span", { class: "muted", "data-testid": "changes-file-binary" }, "binary")
      : [
          h("span", { class: "additions", "data-testid": "changes-file-additions" }, `+${file.additions}`),
          h("span", { class: "deletions", "data-testid": "changes-file-deletions" }, `−${file.deletions}`),
        ],
  );
}

/** The list of `list`'s files, or "No changes." when there are none; `activePath` is the open file. */
export function changesFileList(
  list: ChangesResponse,
  activePath: string | null,
  open: (path: string) => void,
): HTMLElement {
  if (list.files.length === 0) return h("div", { class: "muted pad", "data-testid": "changes-empty" }, "No changes.");
  return h(
    "ul",
    { class: "changes-files", "aria-label": "Changed files" },
    list.files.map((file) => fileRow(file, file.path === activePath, open)),
  );
}
