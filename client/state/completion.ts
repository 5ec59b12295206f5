// The composer's completion popup, without the DOM: which trigger the caret is in (`/` command, `@` file), the
// filtered choices, the selection, and the text once a choice is taken (issue 16 §3 slash commands, §4 @ mentions).
import fuzzysort from "fuzzysort";
import { fileMention, type SlashCommandInfo } from "../../shared/contracts/index.js";

/** The most choices the popup lists. */
export const COMPLETION_LIMIT = 50;

/**
 * Where the caret is completing. `kind`: `command` for `/` at the very start of the box, `file` for `@` at the start
 * of a word (start of the box or after whitespace). `query`: what is typed after the trigger up to the caret; `start`
 * and `end`: the range (UTF-16 offsets into the box's text) the choice replaces, from the trigger character to the
 * end of the word the caret is in.
 */
export interface CompletionTrigger {
  kind: "command" | "file";
  query: string;
  start: number;
  end: number;
}

/**
 * The trigger the caret at `caret` is in, or null. A `/` counts only as the box's first character and while the caret
 * is in that first word (`/rev|` yes, `/review some|` no); an `@` at the start of any word (`see @src/ma|`), not
 * inside one (`me@host` no). The word ends at the next whitespace.
 */
export function detectTrigger(text: string, caret: number): CompletionTrigger | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text.charAt(start - 1))) start -= 1;
  let end = caret;
  while (end < text.length && !/\s/.test(text.charAt(end))) end += 1;
  const first = text.charAt(start);
  if (first === "/" && start === 0) return { kind: "command", query: text.slice(1, caret), start, end };
  if (first === "@") return { kind: "file", query: text.slice(start + 1, caret), start, end };
  return null;
}

/** One row of the popup: what is inserted (`value`), what it shows (`label`, `detail`). */
export interface CompletionChoice {
  value: string;
  label: string;
  detail: string;
}

/**
 * The commands matching `query`, best first (fuzzysort over the name, the description as a weaker second key), at
 * most `limit`; an empty query keeps the CLI's order. Labels are `/name`.
 */
export function filterCommands(
  commands: readonly SlashCommandInfo[],
  query: string,
  limit = COMPLETION_LIMIT,
): CompletionChoice[] {
  const toChoice = (c: SlashCommandInfo): CompletionChoice => ({
    value: c.name,
    label: `/${c.name}`,
    detail: c.description,
  });
  if (query === "") return commands.slice(0, limit).map(toChoice);
  const results = fuzzysort.go(query, commands, {
    keys: ["name", "description"],
    limit,
    threshold: 0.3,
    // A match in the name counts fully, one only in the description much less.
    scoreFn: (r) => Math.max(r[0]?.score ?? 0, (r[1]?.score ?? 0) * 0.5),
  });
  return results.map((r) => toChoice(r.obj));
}

/** File search results (`session:files`, already ranked by the server) as popup rows. */
export function fileChoices(files: readonly { path: string }[]): CompletionChoice[] {
  return files.map(({ path }) => {
    const slash = path.lastIndexOf("/");
    return { value: path, label: path.slice(slash + 1), detail: slash > 0 ? path.slice(0, slash) : "" };
  });
}

/** The popup's state: the trigger it answers, its rows, the selected row (-1 with no rows). */
export interface CompletionState {
  trigger: CompletionTrigger;
  choices: CompletionChoice[];
  selected: number;
}

/** A state for new `choices` of `trigger`, the first row selected. */
export function withChoices(trigger: CompletionTrigger, choices: CompletionChoice[]): CompletionState {
  return { trigger, choices, selected: choices.length > 0 ? 0 : -1 };
}

/** Moves the selection by `delta` rows, wrapping around at either end. */
export function moveSelection(state: CompletionState, delta: number): CompletionState {
  const n = state.choices.length;
  if (n === 0) return state;
  return { ...state, selected: (((state.selected + delta) % n) + n) % n };
}

/**
 * The box's text and caret once `choice` is taken: the trigger's range becomes `/name ` (a command: the CLIs take a
 * command as the message text `/name args`) or `@path ` (a file: the form Claude Code reads as a mention; `@"path"`
 * when the path has white space, see `fileMention`).
 */
export function applyChoice(
  text: string,
  trigger: CompletionTrigger,
  choice: CompletionChoice,
): { text: string; caret: number } {
  const after = text.slice(trigger.end);
  const token = trigger.kind === "command" ? `/${choice.value}` : fileMention(choice.value);
  const insert = `${token}${after.startsWith(" ") ? "" : " "}`;
  const next = text.slice(0, trigger.start) + insert + after;
  const caret = trigger.start + insert.length + (after.startsWith(" ") ? 1 : 0);
  return { text: next, caret };
}
