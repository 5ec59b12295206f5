// Reads what the stand-in needs from an Anthropic Messages API request body: the user's text, the step index, the cwd.

/** A Messages API request body as far as the stand-in reads it; everything else is accepted and ignored. */
export interface MessagesRequestBody {
  model?: string;
  stream?: boolean;
  system?: unknown;
  messages?: unknown[];
  tools?: unknown[];
  output_config?: unknown;
}

/** What one request asks of the scenario machinery. */
export interface RequestFacts {
  /**
   * The text that selects the scenario: the user's latest prompt in the last real user message, without Claude Code's
   * wrappers (system reminders, slash-command echoes, interrupt and compaction notes, so their wording cannot trigger
   * keyword routing), followed by the `scenario:`/`pace:`/`fixture:` markers of the blocks around that prompt.
   */
  selectionText: string;
  /** The number of assistant messages after the last real user message (the scenario step this request gets). */
  stepIndex: number;
  /** The session's working directory as stated by Claude Code ("Primary working directory: …"), if found. */
  cwd: string | undefined;
}

/** Claude Code's own wrappers inside user messages (reminders, slash-command echoes, `!` shell echoes). */
const META_ELEMENT =
  /<(system-reminder|local-command-caveat|local-command-stdout|local-command-stderr|command-name|command-message|command-args|bash-input|bash-stdout|bash-stderr)>[\s\S]*?(?:<\/\1>|$)/g;
/** Claude Code's interrupt notes ("[Request interrupted by user]", "… for tool use]"): not the user's words. */
const INTERRUPT_NOTE = /^\s*\[Request interrupted by user[^\]\n]*\]\s*$/gm;
/** The block Claude Code puts before the next prompt after compaction (it holds the summary, not the user's words). */
const CONTINUATION = "This session is being continued from a previous conversation";
const MARKER = /\b(?:scenario|pace|fixture):[\w./-]+/gi;
const CWD_LINE =
  /^\s*-?\s*(?:Primary working directory|Current working directory|Working directory)\s*:\s*(\S[^\n]*?)\s*$/im;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text blocks of a message `content` (a plain string counts as one text block). */
export function textBlocks(content: unknown): string[] {
  if (typeof content === "string") return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block) =>
    isRecord(block) && block.type === "text" && typeof block.text === "string" ? [block.text] : [],
  );
}

function hasToolResult(content: unknown): boolean {
  return Array.isArray(content) && content.some((block) => isRecord(block) && block.type === "tool_result");
}

/** The user's own words in a text block: Claude Code's wrappers, interrupt notes and compaction notes removed. */
function ownWords(text: string): string {
  if (text.trimStart().startsWith(CONTINUATION)) return "";
  return text.replace(META_ELEMENT, "").replace(INTERRUPT_NOTE, "").trim();
}

/**
 * A real user message is one the user typed: it has text outside system reminders and interrupt notes, or it has
 * text and no `tool_result` blocks. A message carrying only tool results (plus Claude Code's reminders) is not.
 */
export function isRealUserMessage(message: unknown): boolean {
  if (!isRecord(message) || message.role !== "user") return false;
  const texts = textBlocks(message.content);
  if (texts.some((text) => ownWords(text) !== "")) return true;
  return texts.length > 0 && !hasToolResult(message.content);
}

/**
 * The selection text of one user message (see {@link RequestFacts.selectionText}). Claude Code merges consecutive
 * user messages (a prompt after a failed turn, after /compact, after an interrupt) into one message, so only the
 * latest prompt counts: the last block with the user's own words, plus the markers of the blocks around it that
 * belong to it (everything after the previous own-words block, reminders included).
 */
export function selectionTextOf(message: unknown): string {
  const texts = isRecord(message) ? textBlocks(message.content) : [];
  const own = texts.map(ownWords);
  const last = own.findLastIndex((text) => text !== "");
  const previous = own.slice(0, Math.max(last, 0)).findLastIndex((text) => text !== "");
  const markers = texts.flatMap((text, i) => (i > previous && i !== last ? (text.match(MARKER) ?? []) : []));
  return [...(last >= 0 ? [own[last]] : []), ...markers].join("\n");
}

/** Every text of the system prompt and of `role: "system"` messages, in order (where Claude Code states the cwd). */
function systemTexts(body: MessagesRequestBody): string[] {
  const fromSystem = textBlocks(body.system);
  const fromMessages = (body.messages ?? []).flatMap((m) =>
    isRecord(m) && m.role === "system" ? textBlocks(m.content) : [],
  );
  return [...fromSystem, ...fromMessages];
}

/** The working directory Claude Code states in its system prompt, or undefined when none is stated. */
export function workingDirectory(body: MessagesRequestBody): string | undefined {
  for (const text of systemTexts(body)) {
    const found = CWD_LINE.exec(text)?.[1];
    if (found) return found;
  }
  return undefined;
}

/** Reads the selection text, step index and cwd of a request (Anthropic Messages API request shape). */
export function requestFacts(body: MessagesRequestBody): RequestFacts {
  const messages = body.messages ?? [];
  let lastUser = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (isRealUserMessage(messages[i])) {
      lastUser = i;
      break;
    }
  }
  const stepIndex = messages.slice(lastUser + 1).filter((m) => isRecord(m) && m.role === "assistant").length;
  return {
    selectionText: lastUser >= 0 ? selectionTextOf(messages[lastUser]) : "",
    stepIndex,
    cwd: workingDirectory(body),
  };
}

function countWords(value: unknown): number {
  if (typeof value === "string") return value.match(/\S+/g)?.length ?? 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countWords(item), 0);
  if (isRecord(value)) return Object.values(value).reduce((sum: number, item) => sum + countWords(item), 0);
  return 0;
}

/** A deterministic input-token estimate: the number of whitespace-separated words in system, messages and tools. */
export function estimateInputTokens(body: MessagesRequestBody): number {
  return Math.max(1, countWords([body.system, body.messages, body.tools]));
}

/** True when `value` is a JSON object (used to validate parsed request bodies). */
export function isRequestBody(value: unknown): value is MessagesRequestBody {
  return isRecord(value) && (value.messages === undefined || Array.isArray(value.messages));
}
