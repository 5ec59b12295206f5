// The composer's completion popup (issue 16 §3 slash commands, §4 @ mentions): one list over the message box for both
// triggers; the logic (triggers, filter, selection, inserted text) is client/state/completion.ts.
import type { FileSearchResponse, SlashCommandInfo } from "../../shared/contracts/index.js";
import {
  applyChoice,
  COMPLETION_LIMIT,
  type CompletionState,
  type CompletionTrigger,
  detectTrigger,
  fileChoices,
  filterCommands,
  moveSelection,
  withChoices,
} from "../state/completion.js";
import { h, replaceChildren, setHidden } from "./dom.js";

/** Where the popup's rows come from, for the session whose box it is in. */
export interface CompletionSources {
  /** The session's slash commands (`session:commands`). */
  commands(): Promise<SlashCommandInfo[]>;
  /** Files matching `q` (`session:files`); the reply echoes the `q` it answers. */
  files(q: string, limit: number): Promise<FileSearchResponse & { q: string }>;
}

/** The mounted popup. */
export interface CompletionMenu {
  /** The popup's element (the composer places it; it is drawn above the box). */
  readonly element: HTMLElement;
  /** Closes the popup and forgets the session's command list (e.g. another session's draft comes into view). */
  reset(): void;
}

/**
 * Mounts the popup on `input`. `sources()` gives the sources for the session in view, or null (no session: no popup).
 * Typing `/` at the start of the box lists the commands, filtered as the user types; `@` at the start of a word asks
 * the server for files (a reply to a query the user has typed past is dropped). ↑/↓ move, Enter or Tab take the
 * selected row (Enter does not send then), Esc closes it until the trigger changes, a click takes a row. The command
 * list is asked once per `/` typed (the CLI's list may have changed since). Must be mounted before the composer's
 * own `keydown` listener: it stops the keys it takes from reaching it.
 */
export function mountCompletionMenu(
  input: HTMLTextAreaElement,
  sources: () => CompletionSources | null,
): CompletionMenu {
  const list = h("ul", { class: "completion-list", role: "listbox", id: "composer-completion" });
  const empty = h("div", { class: "completion-empty", "data-testid": "completion-empty" });
  const element = h("div", { class: "completion-menu", "data-testid": "completion-menu", hidden: true }, list, empty);
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", "composer-completion");
  input.setAttribute("aria-expanded", "false");

  let state: CompletionState | null = null;
  /** The command list asked for the current `/`, once it came (undefined: not asked, or under way). */
  let commands: SlashCommandInfo[] | undefined;
  /** Bumped for each question asked and on reset: a reply for an older one is dropped. */
  let generation = 0;
  /** The trigger Esc closed (`kind:start`): it stays closed until the caret is in another one. */
  let dismissed: string | null = null;

  const keyOf = (trigger: CompletionTrigger) => `${trigger.kind}:${trigger.start}`;

  const render = () => {
    const open = state !== null;
    setHidden(element, !open);
    input.setAttribute("aria-expanded", String(open));
    if (!state) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    const { choices, selected, trigger } = state;
    replaceChildren(
      list,
      ...choices.map((choice, index) =>
        h(
          "li",
          {
            class: index === selected ? "completion-item selected" : "completion-item",
            role: "option",
            id: `composer-completion-${index}`,
            "aria-selected": String(index === selected),
            "data-testid": "completion-item",
            "data-value": choice.value,
          },
          h("span", { class: "completion-label" }, choice.label),
          h("span", { class: "completion-detail" }, choice.detail),
        ),
      ),
    );
    empty.textContent =
      choices.length > 0 ? "" : trigger.kind === "command" ? "No matching command" : "No matching file";
    setHidden(empty, choices.length > 0);
    if (selected >= 0) {
      input.setAttribute("aria-activedescendant", `composer-completion-${selected}`);
      list.children[selected]?.scrollIntoView({ block: "nearest" });
    }
  };

  const close = () => {
    generation += 1;
    state = null;
    render();
  };

  const update = () => {
    const caret = input.selectionStart;
    const trigger = caret === input.selectionEnd ? detectTrigger(input.value, caret) : null;
    const source = sources();
    if (!trigger || !source) {
      dismissed = null;
      if (!trigger || trigger.kind === "command") commands = undefined;
      close();
      return;
    }
    if (dismissed === keyOf(trigger)) return;
    dismissed = null;
    if (trigger.kind === "command") {
      if (commands) {
        state = withChoices(trigger, filterCommands(commands, trigger.query));
        render();
        return;
      }
      const asked = ++generation;
      void source.commands().then(
        (list) => {
          if (asked !== generation) return;
          commands = list;
          update();
        },
        () => {
          if (asked === generation) close();
        },
      );
      return;
    }
    const asked = ++generation;
    void source.files(trigger.query, COMPLETION_LIMIT).then(
      (reply) => {
        // Dropped: a question asked since, or an answer for a query no longer in the box.
        const now = detectTrigger(input.value, input.selectionStart);
        if (asked !== generation || !now || now.kind !== "file" || now.query !== reply.q) return;
        state = withChoices(now, fileChoices(reply.files));
        render();
      },
      () => {
        if (asked === generation) close();
      },
    );
  };

  const take = (index: number) => {
    const choice = state?.choices[index];
    if (!state || !choice) return;
    const next = applyChoice(input.value, state.trigger, choice);
    close();
    input.focus();
    input.setRangeText(next.text, 0, input.value.length, "end");
    input.setSelectionRange(next.caret, next.caret);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };

  input.addEventListener("keydown", (event) => {
    if (!state || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    const stop = () => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    if (event.key === "Escape") {
      dismissed = keyOf(state.trigger);
      close();
      stop();
    } else if (state.choices.length === 0) {
      // Nothing to take: Enter sends what is typed (an unknown command goes as text).
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      state = moveSelection(state, event.key === "ArrowDown" ? 1 : -1);
      render();
      stop();
    } else if ((event.key === "Enter" && !event.shiftKey) || (event.key === "Tab" && !event.shiftKey)) {
      take(state.selected);
      stop();
    }
  });
  input.addEventListener("input", update);
  input.addEventListener("keyup", (event) => {
    if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) update();
  });
  input.addEventListener("click", update);
  input.addEventListener("blur", close);
  // Keeps the focus in the box while a row is clicked.
  element.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const row = (event.target as Element | null)?.closest(".completion-item");
    if (row) take([...list.children].indexOf(row));
  });

  return {
    element,
    reset() {
      commands = undefined;
      dismissed = null;
      close();
    },
  };
}
