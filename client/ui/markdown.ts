// Markdown to safe HTML: marked (GFM) with highlight.js code blocks, raw HTML shown as text, then an injected sanitiser.
import hljs from "highlight.js/lib/common";
import { Marked, type Tokens } from "marked";

/** Turns HTML into HTML that is safe to put in the page (DOMPurify in the browser). */
export type Sanitizer = (html: string) => string;

/** Renders markdown text to sanitised HTML. `breaks`: single newlines become line breaks (for user messages). */
export type MarkdownRenderer = (markdown: string, options?: { breaks?: boolean }) => string;

/** Code longer than this (characters) is not language-guessed (highlightAuto is slow on big inputs). */
const MAX_AUTO_DETECT = 4000;

/** Escapes `& < > " '` for use in HTML text and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** True for link targets safe to follow: http(s), mailto, in-page anchors and relative paths. */
export function isSafeUrl(href: string): boolean {
  const trimmed = href.trim().toLowerCase();
  if (trimmed.startsWith("#") || trimmed.startsWith("/") || trimmed.startsWith("./") || trimmed.startsWith("../")) {
    return true;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(trimmed)?.[1];
  return scheme === undefined || scheme === "http" || scheme === "https" || scheme === "mailto";
}

/**
 * Highlights `code` as `lang` when highlight.js knows it (else guesses for short code), returning HTML with
 * `hljs-*` spans; unknown or oversized input comes back escaped.
 */
export function highlightCode(code: string, lang?: string): { html: string; language?: string } {
  const name = lang?.trim().split(/\s+/)[0]?.toLowerCase();
  try {
    if (name && hljs.getLanguage(name)) return { html: hljs.highlight(code, { language: name }).value, language: name };
    if (!name && code.length <= MAX_AUTO_DETECT) {
      const auto = hljs.highlightAuto(code);
      if (auto.language && auto.relevance >= 5) return { html: auto.value, language: auto.language };
    }
  } catch {
    // Fall through to plain text.
  }
  return { html: escapeHtml(code), ...(name ? { language: name } : {}) };
}

/**
 * Creates a renderer. Raw HTML in the markdown is shown as text (agents often write tags in prose), links with
 * unsafe schemes (`javascript:` …) become plain text, images become links (no remote loads), code blocks are
 * highlighted; the result then goes through `sanitize` as the last line of defence.
 */
export function createMarkdownRenderer(sanitize: Sanitizer): MarkdownRenderer {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        const text = escapeHtml(token.text);
        return "block" in token && token.block ? `<p>${text.trimEnd()}</p>\n` : text;
      },
      code(token: Tokens.Code): string {
        const { html, language } = highlightCode(token.text.replace(/\n$/, ""), token.lang);
        const cls = language ? ` class="hljs language-${escapeHtml(language)}"` : ` class="hljs"`;
        const label = language ? `<span class="code-lang">${escapeHtml(language)}</span>` : "";
        return `<pre class="code-block">${label}<code${cls}>${html}</code></pre>\n`;
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        if (!isSafeUrl(token.href)) return text;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        return `<a href="${escapeHtml(token.href)}"${title} target="_blank" rel="noopener noreferrer">${text}</a>`;
      },
      image(token: Tokens.Image): string {
        const label = escapeHtml(token.text || token.href);
        if (!isSafeUrl(token.href)) return label;
        return `<a href="${escapeHtml(token.href)}" target="_blank" rel="noopener noreferrer">[image: ${label}]</a>`;
      },
    },
  });
  return (markdown, options) => {
    const html = marked.parse(markdown, { async: false, breaks: options?.breaks ?? false });
    return sanitize(html);
  };
}
