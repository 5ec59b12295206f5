// One changed file's diff in the Changes panel: diff2html's HTML (unified or side by side), sanitised with DOMPurify,
// then highlighted with the page's highlight.js; a huge diff waits behind a "Show diff (N lines)" button.
import { html as diffToHtml } from "diff2html/lib-esm/diff2html.js";
import { ColorSchemeType } from "diff2html/lib-esm/types.js";
import { Diff2HtmlUI, type Diff2HtmlUIConfig } from "diff2html/lib-esm/ui/js/diff2html-ui-base.js";
import DOMPurify from "dompurify";
import hljs from "highlight.js/lib/common";
import type { DiffMode, FileDiffState } from "../state/changes.js";
import { diffIsHuge, showDiffLabel } from "../state/changes-view.js";
import { h, replaceChildren } from "./dom.js";

/** Our own DOMPurify instance (configured once, like the markdown renderer's). */
const purifier = DOMPurify(window);

/** Renders `diff` into `box` as `mode`: diff2html's HTML, sanitised, with synchronised side-by-side scrolling. */
function drawDiff(box: HTMLElement, diff: string, mode: DiffMode): void {
  const config: Diff2HtmlUIConfig = {
    outputFormat: mode,
    drawFileList: false,
    matching: "lines",
    colorScheme: ColorSchemeType.AUTO,
    highlight: true,
    synchronisedScroll: true,
    fileListToggle: false,
    fileContentToggle: false,
    stickyFileHeaders: false,
  };
  box.innerHTML = purifier.sanitize(diffToHtml(diff, config));
  // Built on the sanitised DOM (no diff input): only scrolling and highlighting are added, on text nodes' contents.
  const ui = new Diff2HtmlUI(box, undefined, config, hljs);
  ui.synchronisedScroll();
  ui.highlightCode();
}

/**
 * The diff box (`changes-diff`). `show` redraws only when what it shows changed (another file, text, layout, or the
 * collapsed diff expanded), so a refresh that reads the same diff again keeps its scroll position.
 */
export class ChangesDiffView {
  readonly el = h("div", { class: "changes-diff", "data-testid": "changes-diff", hidden: true });
  private shown: { path: string; text: string | null; error: string | null; mode: DiffMode; expanded: boolean } | null =
    null;

  constructor(private readonly onExpand: () => void) {}

  /** Shows `file`'s diff as `mode` (`null`: no file open, the box hides). */
  show(file: FileDiffState | null, mode: DiffMode): void {
    this.el.hidden = file === null;
    if (!file) {
      this.shown = null;
      replaceChildren(this.el);
      return;
    }
    const next = { path: file.path, text: file.text, error: file.error, mode, expanded: file.expanded };
    const prev = this.shown;
    if (
      prev &&
      prev.path === next.path &&
      prev.text === next.text &&
      prev.error === next.error &&
      prev.mode === next.mode &&
      prev.expanded === next.expanded
    )
      return;
    this.shown = next;
    this.el.dataset.path = file.path;
    if (file.error) {
      replaceChildren(this.el, h("div", { class: "field-error", role: "alert" }, file.error));
    } else if (file.text === null) {
      replaceChildren(this.el, h("div", { class: "muted pad" }, "Reading the diff…"));
    } else if (file.text === "") {
      replaceChildren(this.el, h("div", { class: "muted pad" }, "No textual difference."));
    } else if (diffIsHuge(file.text) && !file.expanded) {
      replaceChildren(
        this.el,
        h(
          "button",
          { class: "button small", type: "button", "data-testid": "changes-diff-expand", onclick: this.onExpand },
          showDiffLabel(file.text),
        ),
      );
    } else {
      drawDiff(this.el, file.text, mode);
    }
  }
}
