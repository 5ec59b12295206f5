// Markdown rendering: raw HTML and unsafe links never become markup, code is highlighted, the sanitiser runs last.
import { describe, expect, it } from "vitest";
import { createMarkdownRenderer, highlightCode, isSafeUrl } from "./markdown.js";

const render = createMarkdownRenderer((html) => html);

describe("markdown", () => {
  it("shows a <script> tag and an onerror image as text, never as elements", () => {
    const html = render(
      'Look: <script>alert("x")</script> and <img src=x onerror="alert(1)">\n\n<div onclick="steal()">block</div>',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<div/i);
    expect(html).toContain("&#60;script&#62;");
    expect(html).toContain("onerror");
  });

  it("drops javascript: links but keeps their text, and opens safe links in a new tab", () => {
    const html = render("[bad](javascript:alert(1)) and [good](https://example.com)");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("bad");
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">good</a>');
  });

  it("turns images into links so no remote image loads", () => {
    const html = render("![diagram](https://example.com/a.png)");
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("[image: diagram]");
  });

  it("highlights fenced code by its language", () => {
    const html = render("```ts\nconst answer: number = 42;\n```");
    expect(html).toContain('class="hljs language-ts"');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-number">42</span>');
  });

  it("escapes code in an unknown language instead of highlighting it", () => {
    const { html } = highlightCode("<b>x</b> && y", "no-such-language");
    expect(html).toBe("&#60;b&#62;x&#60;/b&#62; &#38;&#38; y");
  });

  it("passes the rendered HTML through the injected sanitiser and returns its result", () => {
    const seen: string[] = [];
    const sanitizing = createMarkdownRenderer((html) => {
      seen.push(html);
      return html.replace(/<strong>/g, "<b>").replace(/<\/strong>/g, "</b>");
    });
    expect(sanitizing("**bold**")).toBe("<p><b>bold</b></p>\n");
    expect(seen).toEqual(["<p><strong>bold</strong></p>\n"]);
  });

  it("keeps single newlines as line breaks only when asked (user messages)", () => {
    expect(render("a\nb", { breaks: true })).toContain("<br>");
    expect(render("a\nb")).not.toContain("<br>");
  });

  it("accepts only http(s), mailto and relative link targets", () => {
    expect(["https://x.y", "mailto:a@b.c", "/docs", "#top", "page.html"].every(isSafeUrl)).toBe(true);
    expect(["javascript:alert(1)", " JavaScript:x", "data:text/html,<b>", "vbscript:x"].some(isSafeUrl)).toBe(false);
  });
});
