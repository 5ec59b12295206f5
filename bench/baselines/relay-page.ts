// The direct-relay baseline's page: shows the relay's text (batched emissions, or raw deltas) in the DOM and marks it
// visible (liminal:visible) in the animation frame that paints it.
import { VISIBLE_MARK } from "../lib/page-marks.js";

/**
 * A minimal HTML page. It opens `ws://<host>/ws`, sets `window.__relayReady` once connected, and exposes
 * `window.relaySend(text)` which starts a new turn (a fresh item `turn-<n>`) and sends `{ type: "prompt", text }`.
 * For every `{ type: "text", block, content, sourceTimestamp, emittedAt }` of the batched relay it sets the block's
 * text node (one per block, in order of arrival) to `content`, the block's whole text so far; for every unbatched
 * `{ type: "raw", cli, event }` that carries agent text (Claude SDK `stream_event` text_delta without a parent tool
 * use; ACP `agent_message_chunk` text) it appends a text node. The DOM changes at once; in the next animation frame
 * (the one that paints the text) it sets `performance.mark("liminal:visible", { detail })` with `detail` =
 * `{ itemId, contentLength }` for the turn's whole text shown by then (UTF-16 code units), plus the latest emission's
 * `sourceTimestamp` and `emittedAt` when batched (as our client's marks carry the upsert's). While a turn runs it
 * shows a spinning indicator (the same CSS animation as our client's running-turn spinner), as any chat page does.
 * Why both the frame and the spinner: our client draws upserts in an animation frame and marks them there, and with
 * an animation running Chromium draws frames on its 60 Hz tick, so text waits for the next tick (0–16.7 ms) before
 * anyone can see it. Marking at DOM insertion, or on an idle page (which headless Chromium draws at once, ≈ 0.3 ms
 * after the change), would credit the relay with a frame wait that ours pays, a difference of display timing, not
 * of the pipeline. `{ type: "end" }` hides the indicator and sets
 * `window.__turnEnded = <turn>`; `{ type: "error", message }` sets `window.__relayError`.
 */
export const RELAY_PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>direct relay</title>
<style>
@keyframes spin { to { transform: rotate(360deg); } }
#running { width: 10px; height: 10px; border: 2px solid #ccc; border-top-color: #36c; border-radius: 50%;
  animation: spin 0.8s linear infinite; display: inline-block; }
#running[hidden] { display: none; }
</style></head>
<body><main id="out"></main><span id="running" hidden></span>
<script>
const MARK = ${JSON.stringify(VISIBLE_MARK)};
const out = document.getElementById("out");
const running = document.getElementById("running");
let turn = 0, length = 0, item = null, shown = null, frame = 0, blocks = new Map();
function markShown() {
  frame = 0;
  if (shown) performance.mark(MARK, { detail: shown });
  shown = null;
}
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
  if (m.type === "text") {
    if (!item) return;
    let node = blocks.get(m.block);
    if (!node) { node = document.createTextNode(""); item.appendChild(node); blocks.set(m.block, node); }
    length += m.content.length - node.data.length;
    node.data = m.content;
    shown = { itemId: "turn-" + turn, contentLength: length, sourceTimestamp: m.sourceTimestamp, emittedAt: m.emittedAt };
    if (!frame) frame = requestAnimationFrame(markShown);
  } else if (m.type === "raw") {
    const text = textOf(m.cli, m.event);
    if (!text || !item) return;
    item.appendChild(document.createTextNode(text));
    length += text.length;
    shown = { itemId: "turn-" + turn, contentLength: length };
    if (!frame) frame = requestAnimationFrame(markShown);
  } else if (m.type === "end") {
    running.hidden = true;
    window.__turnEnded = turn;
  } else if (m.type === "error") {
    window.__relayError = m.message;
  }
};
window.relaySend = (text) => {
  turn += 1; length = 0; blocks = new Map();
  item = document.createElement("p");
  out.appendChild(item);
  running.hidden = false;
  ws.send(JSON.stringify({ type: "prompt", text }));
  return turn;
};
</script></body></html>
`;
