// One terminal on the page: an xterm.js emulator (fit and web-links addons) wired to the terminal's own socket.
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { Terminal } from "@xterm/xterm";
import type { TerminalInfo } from "../../shared/contracts/index.js";
import type { TerminalActions, TerminalAttachment } from "../app/actions.js";
import { exitText } from "../state/terminals.js";
import { h } from "./dom.js";

const DARK = {
  background: "#111215",
  foreground: "#e4e4ea",
  cursor: "#e4e4ea",
  selectionBackground: "#3a4a8a",
};

/**
 * One terminal's emulator. xterm.js does all terminal behaviour (colours, cursor addressing, the alternate screen of
 * `vim`/`top`/`less`, mouse, scrollback of 5,000 lines); this view feeds it the socket's bytes, acknowledges what it
 * parsed (flow control), sends keys and sizes, fits it to its box, copies with Ctrl+Shift+C (or Ctrl+C over a
 * selection) and pastes with Ctrl+Shift+V / Ctrl+V. `data-status` is the socket's state (`connecting`, `open`,
 * `gone`), `data-state` the shell's (`running`, `exited`).
 */
export class TerminalView {
  readonly el: HTMLElement;
  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly attachment: TerminalAttachment;
  private readonly resizeObserver: ResizeObserver;
  private lastState: TerminalInfo["state"] | undefined;
  private visible = false;

  constructor(
    readonly terminalId: string,
    actions: TerminalActions,
    private readonly onRefused: (message: string) => void,
  ) {
    this.el = h("div", {
      class: "terminal-view",
      "data-testid": "terminal-view",
      "data-terminal-id": terminalId,
      "data-status": "connecting",
      hidden: true,
    });
    this.term = new Terminal({
      cursorBlink: false,
      fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: DARK,
    });
    this.term.loadAddon(this.fit);
    this.term.loadAddon(new WebLinksAddon());
    this.term.open(this.el);
    this.term.attachCustomKeyEventHandler((event) => this.onKey(event));
    this.attachment = actions.attach(terminalId, {
      output: (data, parsed) => this.term.write(data, parsed),
      // RIS through the write queue, so output still queued from before is parsed first, then cleared.
      reset: () => this.term.write("\x1bc"),
      terminal: (info) => this.onInfo(info),
      status: (status, message) => {
        this.el.dataset.status = status;
        if (status === "gone" && message) this.notice(message);
      },
      refused: (message) => this.onRefused(message),
    });
    this.term.onData((data) => {
      if (!this.attachment.input(data)) this.el.dataset.dropped = String(Number(this.el.dataset.dropped ?? 0) + 1);
    });
    this.term.onResize(({ cols, rows }) => this.attachment.resize(cols, rows));
    this.resizeObserver = new ResizeObserver(() => this.fitToBox());
    this.resizeObserver.observe(this.el);
  }

  /** Shows this terminal (fits it to the panel) and, when `focus`, puts the keyboard in it. */
  show(focus: boolean): void {
    this.el.hidden = false;
    this.visible = true;
    this.fitToBox();
    if (focus) this.term.focus();
  }

  hide(): void {
    this.el.hidden = true;
    this.visible = false;
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.attachment.dispose();
    this.term.dispose();
    this.el.remove();
  }

  private fitToBox(): void {
    if (!this.visible || this.el.clientWidth === 0 || this.el.clientHeight === 0) return;
    this.fit.fit();
  }

  private onInfo(info: TerminalInfo): void {
    this.el.dataset.state = info.state;
    if (info.state === "exited" && this.lastState === "running") {
      this.notice(`[${exitText(info)} — Restart starts a new shell]`);
    }
    this.lastState = info.state;
  }

  private notice(text: string): void {
    this.term.write(`\r\n\x1b[2m${text}\x1b[0m\r\n`);
  }

  /** Copy and paste keys; everything else goes to the shell (false = xterm.js does not handle the key). */
  private onKey(event: KeyboardEvent): boolean {
    if (event.type !== "keydown") return true;
    const key = event.key.toLowerCase();
    const copy = event.ctrlKey && key === "c" && (event.shiftKey || this.term.hasSelection());
    if (copy && this.term.hasSelection()) {
      void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => undefined);
      this.term.clearSelection();
      event.preventDefault();
      return false;
    }
    if (event.ctrlKey && event.shiftKey && key === "v") return false; // the browser's paste event reaches xterm.js
    if (event.ctrlKey && event.key === "`") return false; // the panel's toggle
    return true;
  }
}
