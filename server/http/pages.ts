// The few HTML pages the server writes itself: "open the printed URL" and "build the client first".

/** Shown for `/` and static files without a valid access token (status 401). `reason` says what was wrong. */
export function unauthorizedPage(reason: string): string {
  return page(
    "Liminal Builder: access token needed",
    `<p>${escapeHtml(reason)}</p>
<p>Open the address the server printed when it started, e.g. <code>http://127.0.0.1:3000/?token=…</code>.
The token is kept in <code>&lt;data dir&gt;/access-token</code> (default <code>~/.liminal-builder/access-token</code>).</p>`,
  );
}

/** Shown at `/` when the built client (`dist/client/`) is missing. */
export function clientMissingPage(clientDir: string): string {
  return page(
    "Liminal Builder: client not built",
    `<p>The browser app has not been built: <code>${escapeHtml(clientDir)}</code> does not exist.</p>
<p>Run <code>npm run build:client</code> (or <code>npm start</code>, which builds it), then reload this page.</p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:0 .2em}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
