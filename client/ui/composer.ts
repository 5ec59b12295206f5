// The message box: Enter sends, Shift+Enter adds a line; Send becomes Cancel while a turn runs; drafts kept per tab;
// while a new session starts, what is typed (and sent) is for it; typing into a sleeping session wakes its CLI.

import { cliLabel } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { Attachments } from "../state/attachments.js";
import { runningTurn } from "../state/items.js";
import type { ItemsRegistry } from "../state/registry.js";
import { findSession } from "../state/sessions.js";
import type { Store } from "../state/store.js";
import { mountComposerImages } from "./composer-images.js";
import { mountCompletionMenu } from "./completion-menu.js";
import { h, replaceChildren, setHidden, setText } from "./dom.js";

/** The draft key of a session being started from the new-session form (not a session id: those are never empty-prefixed). */
const PENDING = "\u0000pending-new-session";

/** A paste of at least this many characters is put into the box directly (see the `paste` listener). */
const LARGE_PASTE_CHARS = 64 * 1024;

/** Tallest the box grows to, as a fraction of the window height. */
const MAX_HEIGHT_FRACTION = 0.4;

/** Mounts the composer into `root`; returns a function that focuses it. */
export function mountComposer(
  root: HTMLElement,
  store: Store<AppState>,
  registry: ItemsRegistry,
  actions: Actions,
): { focus(): void } {
  const drafts = new Map<string, string>();
  const input = h("textarea", {
    class: "composer-input",
    rows: 1,
    "data-testid": "composer-input",
    "aria-label": "Message",
    placeholder: "Message the agent (Enter to send, Shift+Enter for a new line)",
    spellcheck: "true",
  });
  const send = h(
    "button",
    { class: "button primary", type: "button", "data-testid": "composer-send", title: "Send (Enter)" },
    "Send",
  );
  const cancel = h(
    "button",
    {
      class: "button danger",
      type: "button",
      "data-testid": "composer-cancel",
      title: "Cancel the running turn",
      hidden: true,
    },
    "Cancel",
  );
  const note = h("div", { class: "composer-note", "data-testid": "composer-note" });
  const error = h("div", { class: "field-error", role: "alert", "data-testid": "composer-error", hidden: true });
  let activeId: string | null = null;
  // The `/` command and `@` file popup, for the session in view (mounted before the box's own keys: it takes Enter).
  const completion = mountCompletionMenu(input, () => {
    const id = activeId;
    if (!id || id === PENDING) return null;
    return {
      commands: () => actions.completions.commands(id),
      files: (q, limit) => actions.completions.files(id, q, limit),
    };
  });

  let running = false;
  let sending = false;
  const attachments = new Attachments();
  /** Nothing to send: no text and no image. */
  const empty = () => input.value.trim() === "" && (!activeId || attachments.list(activeId).length === 0);
  /** The session in view takes no images and some are attached (the user is told, see `refresh`). */
  const imagesRefused = () => {
    const id = activeId && activeId !== PENDING ? activeId : null;
    const session = id ? findSession(store.get().sessions, id) : undefined;
    return Boolean(id && session?.imageInput === false && attachments.list(id).length > 0);
  };
  const images = mountComposerImages(root, input, attachments, () => {
    if (activeId) send.disabled = sending || empty() || imagesRefused();
  });
  replaceChildren(
    root,
    error,
    images.strip,
    h("div", { class: "composer-row" }, completion.element, images.button, input, send, cancel),
    note,
  );

  const autosize = () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, Math.round(window.innerHeight * MAX_HEIGHT_FRACTION))}px`;
  };

  /** The tab in view when the pending new session started: the new one is any other tab that comes into view. */
  let beforePending: string | null = null;
  /** Enter was pressed while the new session was starting: its draft is sent once it is ready. */
  let sendWhenReady = false;

  /**
   * Which draft the box holds: the active tab's, or — while a new session starts from the form — the new session's
   * (`PENDING`), so what is typed meanwhile never lands in the tab that happens to be in view.
   */
  const owner = (state: AppState): string | null => (state.newSession?.busy ? PENDING : state.tabs.active);

  const switchTo = (next: string | null) => {
    const previous = activeId;
    if (previous) drafts.set(previous, input.value);
    if (next === PENDING) beforePending = previous;
    activeId = next;
    completion.reset();
    if (previous === PENDING && next !== null && next !== beforePending) {
      // The new session is ready and in view: what was typed while it started is its draft.
      drafts.set(next, drafts.get(PENDING) ?? "");
      drafts.delete(PENDING);
      attachments.move(PENDING, next);
    } else if (previous === PENDING) {
      sendWhenReady = false;
    }
    input.value = next ? (drafts.get(next) ?? "") : "";
    images.show(next);
    autosize();
  };

  const refresh = () => {
    const state = store.get();
    const next = owner(state);
    if (next !== activeId) switchTo(next);
    const id = activeId === PENDING ? null : activeId;
    const pending = activeId === PENDING;
    const items = id ? registry.get(id) : undefined;
    const session = id ? findSession(state.sessions, id) : undefined;
    // A turn runs while the items say so, or the summary says so and the newest turn shown has not ended (the
    // summary's `running` lags behind a turn's end by one `session:updated`).
    const newest = items?.turnOrder.at(-1);
    const newestStatus = newest ? items?.turns.get(newest)?.status : undefined;
    const newestEnded = newestStatus !== undefined && newestStatus !== "running";
    running = Boolean(id && ((items && runningTurn(items)) || (session?.state === "running" && !newestEnded)));
    sending = Boolean(id && state.sending[id]);
    if (input.disabled !== !activeId) input.disabled = !activeId;
    const placeholder = pending
      ? `Message the new ${cliLabel(state.newSession?.cliType ?? "")} session (it is starting)`
      : id
        ? `Message ${session ? cliLabel(session.cliType) : "the agent"} (Enter to send, Shift+Enter for a new line)`
        : "Open or start a session to send a message";
    if (input.placeholder !== placeholder) input.placeholder = placeholder;
    setHidden(send, running);
    setHidden(cancel, !running);
    images.setUnsupported(
      session?.imageInput === false
        ? `${cliLabel(session.cliType)} in this session does not take images: remove them to send.`
        : null,
    );
    const disabled = !activeId || sending || empty() || imagesRefused();
    if (send.disabled !== disabled) send.disabled = disabled;
    setText(send, sending ? "Sending…" : "Send");
    const sendError = id ? state.sendErrors[id] : undefined;
    setHidden(error, !sendError);
    setText(error, sendError ? `Not sent: ${sendError}` : "");
    setText(
      note,
      pending
        ? sendWhenReady
          ? "The new session is starting: your message goes as soon as it is ready."
          : "The new session is starting: what you type is for it."
        : running
          ? "The agent is working. Cancel stops the turn; your draft is kept."
          : "",
    );
    if (sendWhenReady && id && !pending) {
      sendWhenReady = false;
      void submit();
    }
  };

  const submit = async () => {
    const id = activeId;
    const text = input.value;
    if (id === PENDING) {
      sendWhenReady = !empty();
      refresh();
      return;
    }
    if (!id || sending) return;
    if (running) {
      note.textContent = "A turn is still running: wait for it to finish or press Cancel.";
      return;
    }
    if (empty() || imagesRefused()) return;
    const sent = attachments.list(id);
    const ok = await actions.send(id, text, attachments.inputs(id));
    if (!ok) return;
    if (attachments.list(id) === sent) attachments.clear(id);
    if (activeId === id && input.value === text) {
      input.value = "";
      autosize();
    }
    drafts.delete(id);
    refresh();
  };

  input.addEventListener("input", () => {
    autosize();
    send.disabled = !activeId || sending || empty() || imagesRefused();
    if (activeId === PENDING && empty()) sendWhenReady = false;
    // A sleeping session's CLI starts while its user types, so the message finds it awake.
    const session = activeId ? findSession(store.get().sessions, activeId) : undefined;
    if (activeId && session?.state === "sleeping" && input.value.trim() !== "") actions.wake(activeId);
  });
  // A large paste goes in as one edit of the value: Chromium's own insertion of text with many line breaks costs
  // 2–3× more (1 MiB: ≈ 1.5 s against ≈ 0.6 s); a small one keeps the browser's own paste (and its undo step).
  input.addEventListener("paste", (event) => {
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (text.length < LARGE_PASTE_CHARS) return;
    event.preventDefault();
    input.setRangeText(text, input.selectionStart, input.selectionEnd, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  input.addEventListener("keydown", (event) => {
    if (
      event.key === "Enter" &&
      !event.shiftKey &&
      !event.isComposing &&
      !event.altKey &&
      !event.ctrlKey &&
      !event.metaKey
    ) {
      event.preventDefault();
      void submit();
    }
  });
  send.addEventListener("click", () => void submit());
  cancel.addEventListener("click", () => {
    if (activeId) actions.cancel(activeId);
  });

  // Only changes the composer shows: another session's summary, badge or send state needs no refresh.
  store.subscribe((next, prev) => {
    const id = next.tabs.active;
    if (
      id === prev.tabs.active &&
      next.newSession === prev.newSession &&
      (id === null ||
        (next.sending[id] === prev.sending[id] &&
          next.sendErrors[id] === prev.sendErrors[id] &&
          findSession(next.sessions, id) === findSession(prev.sessions, id)))
    )
      return;
    refresh();
  });
  registry.subscribe((sessionId) => {
    if (sessionId === activeId) refresh();
  });
  refresh();
  return {
    focus() {
      if (!input.disabled) input.focus();
    },
  };
}
