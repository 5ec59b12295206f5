// The images of a sent user message (issue 16 §5): thumbnails loaded from `GET /api/images/:imageId` only when the
// message is shown (lazy), each opening larger in a dialog on click.
import { type ImageRef, imageUrl } from "../../shared/contracts/index.js";
import { h } from "./dom.js";

/** The thumbnails of `images` (none: null). */
export function messageImages(images: readonly ImageRef[] | undefined): HTMLElement | null {
  if (!images || images.length === 0) return null;
  return h(
    "div",
    { class: "msg-images", "data-testid": "message-images" },
    images.map((image, index) => imageThumbnail(image, index, images.length)),
  );
}

/** One thumbnail: image `index` (0-based) of `total`, loaded lazily, a button that opens it larger. */
export function imageThumbnail(image: ImageRef, index: number, total: number): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "msg-image",
      title: "Open larger",
      "aria-label": `Image ${index + 1} of ${total}: open larger`,
      "data-testid": "message-image",
      onclick: () => openImage(imageUrl(image.imageId), `Image ${index + 1}`),
    },
    h("img", { src: imageUrl(image.imageId), alt: `Image ${index + 1}`, loading: "lazy" }),
  );
}

/** Shows the image at `src` in a modal dialog; a click or Escape closes it. */
function openImage(src: string, alt: string): void {
  const dialog = h(
    "dialog",
    { class: "image-viewer", "data-testid": "image-viewer", "aria-label": alt },
    h("img", { src, alt }),
  );
  dialog.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
