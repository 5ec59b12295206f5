// The browser's markdown renderer: createMarkdownRenderer with DOMPurify as the sanitiser.
import DOMPurify from "dompurify";
import { createMarkdownRenderer, type MarkdownRenderer } from "./markdown.js";

/**
 * Our own DOMPurify instance, configured once (`setConfig`: links keep `target` / `rel`): a config passed to every
 * `sanitize` call is parsed again each time (sets cloned and merged), which cost about a fifth of rendering a
 * markdown answer (≈ 0.34 → 0.27 ms per answer in Chromium here).
 */
const purifier = DOMPurify(window);
purifier.setConfig({ ADD_ATTR: ["target", "rel"] });

/** Markdown → sanitised HTML for the page. */
export const renderMarkdown: MarkdownRenderer = createMarkdownRenderer((html) => purifier.sanitize(html));
