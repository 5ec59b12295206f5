// The browser's markdown renderer: createMarkdownRenderer with DOMPurify as the sanitiser.
import DOMPurify from "dompurify";
import { createMarkdownRenderer, type MarkdownRenderer } from "./markdown.js";

/** Markdown → sanitised HTML for the page (DOMPurify keeps `target`/`rel` on links). */
export const renderMarkdown: MarkdownRenderer = createMarkdownRenderer((html) =>
  DOMPurify.sanitize(html, { ADD_ATTR: ["target", "rel"] }),
);
