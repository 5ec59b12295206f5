// The direct-relay baseline's page: appends each raw text delta to the DOM and marks it visible (liminal:visible).
import { VISIBLE_MARK } from "../lib/page-marks.js";

/**
 * A minimal HTML page. It opens `ws://<host>/ws`, sets `window.__relayReady` once connected, and exposes
 * `window.relaySend(text)` which starts a new turn (a fresh item `turn-<n>`) and sends `{ type: "prompt", text }`.
 * For every `{ type: "raw", cli, event }` that carries agent text (Claude SDK `stream_event` text_delta without a
 * parent tool use; ACP `agent_message_chunk` text) it appends a text node, then sets
 * `performance.mark("liminal:visible", { detail: { itemId, contentLength } })`. `{ type: "end" }` sets
 * `window.__turnEnded = <turn>`; `{ type: "error", message }` sets `window.__relayError`.
 */
export const RELAY_PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>direct relay</title></head>
<body><main id="out"></main>
<script>
const MARK = ${JSON.stringify(VISIBLE_MARK)};
const out = document.getElementById("out");
let turn = 0, length = 0, item = null;
function textOf(cli, event) {
  if (cli === "claude") {
    if (event && event.type === "stream_event" && event.parent_tool_use_id === null) {
      const e = event.event;
      if (e && e.type === "content_block_delta" && e.delta && e.delta.type === "text_delta") return e.delta.text;
    }
    return undefined;
  }
  const u = event && event.update;
  if (u && u.sessionUpdate === "agent_message_chunk" && u.content && u.content.type === "text") return u.content.text;
  return undefined;
}
const ws = new WebSocket("ws://" + location.host + "/ws");
ws.onopen = () => { window.__relayReady = true; };
ws.onclose = () => { window.__relayReady = false; };
ws.onmessage = (message) => {
  const m = JSON.parse(message.data);
  if (m.type === "raw") {
    const text = textOf(m.cli, m.event);
    if (!text || !item) return;
    item.appendChild(document.createTextNode(text));
    length += text.length;
    performance.mark(MARK, { detail: { itemId: "turn-" + turn, contentLength: length } });
  } else if (m.type === "end") {
    window.__turnEnded = turn;
  } else if (m.type === "error") {
    window.__relayError = m.message;
  }
};
window.relaySend = (text) => {
  turn += 1; length = 0;
  item = document.createElement("p");
  out.appendChild(item);
  ws.send(JSON.stringify({ type: "prompt", text }));
  return turn;
};
</script></body></html>
`;
