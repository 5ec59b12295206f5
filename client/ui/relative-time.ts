// Relative ages ("5m ago") that keep updating: elements carry data-relative-time and a ticker refreshes them.
import { formatRelative } from "../state/format.js";
import { h } from "./dom.js";

/** A `<time>` element showing how long ago `iso` was; refreshed by `startRelativeTimeTicker`. */
export function relativeTime(iso: string, className = "age"): HTMLTimeElement {
  const el = h("time", {
    class: className,
    datetime: iso,
    "data-relative-time": iso,
    title: new Date(iso).toLocaleString(),
  });
  el.textContent = formatRelative(Date.parse(iso), Date.now());
  return el;
}

/** Refreshes every `[data-relative-time]` under `root` now and every `intervalMs` (default 15 s); returns a stop function. */
export function startRelativeTimeTicker(root: ParentNode, intervalMs = 15_000): () => void {
  const tick = () => {
    const now = Date.now();
    for (const el of root.querySelectorAll<HTMLElement>("[data-relative-time]")) {
      const text = formatRelative(Date.parse(el.dataset.relativeTime ?? ""), now);
      if (el.textContent !== text) el.textContent = text;
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
}
