// The composer's images (issue 16 §5): a 📎 button and file input, paste and drop, removable thumbnails, and the
// reasons a file was refused, for the session whose draft the composer holds. The state is state/attachments.ts.
import { IMAGE_MEDIA_TYPES } from "../../shared/contracts/index.js";
import type { Attachments } from "../state/attachments.js";
import { h, replaceChildren, setHidden } from "./dom.js";

/** The composer's image parts, to place in its layout. */
export interface ComposerImages {
  /** The 📎 button (with its hidden file input), for the composer row. */
  readonly button: HTMLElement;
  /** The thumbnails and the refusals, above the composer row. */
  readonly strip: HTMLElement;
  /** Shows the attachments of `key` (the draft's session id, or null for none). */
  show(key: string | null): void;
  /** Says (until the next change) that the session in view takes no images, or nothing when `reason` is null. */
  setUnsupported(reason: string | null): void;
}

/**
 * Mounts the image parts of the composer: `dropTarget` takes dropped files, `input` (the message box) pasted ones;
 * `onChange` runs after every change of the list shown (the composer re-checks its Send button).
 */
export function mountComposerImages(
  dropTarget: HTMLElement,
  input: HTMLTextAreaElement,
  attachments: Attachments,
  onChange: () => void,
): ComposerImages {
  let key: string | null = null;
  let unsupported: string | null = null;
  const picker = h("input", {
    type: "file",
    accept: IMAGE_MEDIA_TYPES.join(","),
    multiple: true,
    hidden: true,
    "data-testid": "composer-image-input",
  });
  const button = h(
    "button",
    {
      class: "button composer-attach",
      type: "button",
      title: "Attach images (PNG, JPEG, GIF, WebP; up to 5 MB each, 10 per message) — or paste or drop them",
      "aria-label": "Attach images",
      "data-testid": "composer-attach",
    },
    "📎",
    picker,
  );
  const thumbs = h("div", { class: "composer-thumbs", "data-testid": "composer-thumbs" });
  const refusals = h("div", { class: "field-error", role: "alert", "data-testid": "composer-image-error" });
  const strip = h("div", { class: "composer-images" }, thumbs, refusals);

  const add = (files: File[]) => {
    const target = key;
    if (!target || files.length === 0) return;
    void attachments.add(target, files, async (file) => new Uint8Array(await file.arrayBuffer()));
  };

  const render = () => {
    const list = key ? attachments.list(key) : [];
    replaceChildren(
      thumbs,
      list.map((attachment) =>
        h(
          "figure",
          { class: "composer-thumb", "data-testid": "composer-thumb", title: attachment.name },
          h("img", { src: `data:${attachment.mediaType};base64,${attachment.data}`, alt: attachment.name }),
          h(
            "button",
            {
              type: "button",
              class: "composer-thumb-remove",
              "aria-label": `Remove ${attachment.name}`,
              "data-testid": "composer-thumb-remove",
              onclick: () => key && attachments.remove(key, attachment.id),
            },
            "×",
          ),
        ),
      ),
    );
    const reasons = [
      ...(unsupported && list.length > 0 ? [unsupported] : []),
      ...(key ? attachments.refused(key) : []),
    ];
    replaceChildren(
      refusals,
      reasons.map((reason) => h("div", {}, reason)),
    );
    setHidden(refusals, reasons.length === 0);
    setHidden(strip, list.length === 0 && reasons.length === 0);
    onChange();
  };

  button.addEventListener("click", (event) => {
    if (event.target !== picker) picker.click();
  });
  picker.addEventListener("change", () => {
    add([...(picker.files ?? [])]);
    picker.value = "";
  });
  input.addEventListener("paste", (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    // A screenshot comes as a file alone; a copied web page may carry text as well, which pastes as usual.
    if (!event.clipboardData?.getData("text/plain")) event.preventDefault();
    add(files);
  });
  dropTarget.addEventListener("dragover", (event) => {
    if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
  });
  dropTarget.addEventListener("drop", (event) => {
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    add(files);
  });
  attachments.subscribe((changed) => {
    if (changed === key) render();
  });
  render();

  return {
    button,
    strip,
    show(next) {
      if (next === key) return;
      key = next;
      render();
    },
    setUnsupported(reason) {
      if (reason === unsupported) return;
      unsupported = reason;
      render();
    },
  };
}
