// Reads an OpenAI Responses API request body as Codex sends it: the last real user message, the step index, the cwd.

/** One request the server received, kept in `OpenAIServer.requests` in arrival order. */
export interface RecordedRequest {
  /** The server's id for this request (also sent back as the `x-request-id` header and used in `onDelta`). */
  requestId: string;
  method: string;
  /** The request path with its query string, e.g. `/v1/responses`. */
  url: string;
  /** Header names lower-cased, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, the raw text when it is not JSON, or `undefined` when empty. */
  body: unknown;
  /** Epoch milliseconds when the body had been read. */
  receivedAt: number;
}

/** What the server needs from a `POST /v1/responses` body (OpenAI Responses API `input` array). */
export interface ResponsesRequestInfo {
  /** The model named in the body (`model`), or `undefined`. */
  model: string | undefined;
  /** The text of the last real user message (all its text parts joined with "\n"), "" when there is none. */
  lastUserText: string;
  /** Model responses already made after that message: the request carrying the first tool output gets step 1. */
  stepIndex: number;
  /** The session's working directory from Codex's `<environment_context><cwd>…</cwd>`, when stated. */
  cwd: string | undefined;
  /** A rough, deterministic input token count (characters of `instructions` + `input` / 4). */
  inputTokens: number;
  /**
   * `compaction` when Codex asks for a context-checkpoint summary (`/compact`, or automatic compaction): header
   * `x-codex-turn-metadata` says `"request_kind":"compaction"` or the last user message is Codex's compaction prompt.
   * Such a request wants a plain summary text, never a tool call. `turn` otherwise.
   */
  requestKind: "turn" | "compaction";
  /** The real user messages of the request, oldest first (their non-injected text), for a compaction summary. */
  userTexts: string[];
}

/** How Codex's compaction prompt begins (codex-rs `compact/prompt.md`). */
const COMPACTION_PROMPT = "You are performing a CONTEXT CHECKPOINT COMPACTION";

/**
 * Prefixes of the user-role messages Codex injects as context rather than typed by the user (environment context,
 * AGENTS.md / user instructions, notices about aborted turns, shell commands run by the user, skills).
 */
const INJECTED_PREFIXES = [
  "<environment_context>",
  "<user_instructions>",
  "# AGENTS.md instructions",
  "<turn_aborted>",
  "<user_shell_command>",
  "<subagent_notification>",
  "<skill>",
  "<permissions instructions>",
  "<collaboration_mode>",
  // The bridge message that carries a compaction summary into the next context window.
  "Another language model started to solve this problem",
];

/** Output item types a model produces; a run of them between tool outputs is one model response. */
const MODEL_OUTPUT_TYPES = new Set([
  "reasoning",
  "function_call",
  "custom_tool_call",
  "local_shell_call",
  "web_search_call",
  "tool_search_call",
  "image_generation_call",
]);

/** Tool result item types the client sends back after running a tool. */
const TOOL_OUTPUT_TYPES = new Set([
  "function_call_output",
  "custom_tool_call_output",
  "local_shell_call_output",
  "tool_search_output",
]);

type Item = Record<string, unknown>;

function asItems(input: unknown): Item[] {
  if (typeof input === "string") return [{ type: "message", role: "user", content: input }];
  if (!Array.isArray(input)) return [];
  return input.filter((item): item is Item => typeof item === "object" && item !== null);
}

/** The text parts of a message item (`input_text` / `output_text` / `text` parts, or a plain string content). */
export function messageText(item: Item): string {
  const content = item.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const parts: string[] = [];
  for (const part of content) {
    if (typeof part === "object" && part !== null && typeof (part as Item).text === "string") {
      parts.push((part as Item).text as string);
    }
  }
  return parts.join("\n");
}

function isMessage(item: Item, role: string): boolean {
  return (item.type === "message" || item.type === undefined) && item.role === role;
}

/** True when a user-role text is context Codex injected (see INJECTED_PREFIXES), not something the user typed. */
export function isInjectedContext(text: string): boolean {
  const trimmed = text.trimStart();
  return INJECTED_PREFIXES.some((prefix) => trimmed.startsWith(prefix));
}

function isRealUserMessage(item: Item): boolean {
  if (!isMessage(item, "user")) return false;
  const content = item.content;
  const texts =
    typeof content === "string"
      ? [content]
      : Array.isArray(content)
        ? content.map((part) => (typeof part === "object" && part !== null ? (part as Item).text : undefined))
        : [];
  const strings = texts.filter((text): text is string => typeof text === "string");
  // A message is real when any text part is not injected context (Codex sends context as separate messages).
  return strings.length === 0 || strings.some((text) => !isInjectedContext(text));
}

function isModelOutput(item: Item): boolean {
  if (typeof item.type === "string" && MODEL_OUTPUT_TYPES.has(item.type)) return true;
  return isMessage(item, "assistant");
}

/** Counts model responses in `items`: each run of model output items, ended by a tool output, is one response. */
export function countModelResponses(items: Item[]): number {
  let count = 0;
  let inRun = false;
  for (const item of items) {
    if (isModelOutput(item)) {
      if (!inRun) count += 1;
      inRun = true;
    } else if (typeof item.type === "string" && TOOL_OUTPUT_TYPES.has(item.type)) {
      inRun = false;
    }
  }
  return count;
}

/** The cwd from the last `<environment_context>` that states one (`<cwd>/abs/path</cwd>`). */
export function findCwd(items: Item[]): string | undefined {
  let cwd: string | undefined;
  for (const item of items) {
    if (!isMessage(item, "user") && !isMessage(item, "developer")) continue;
    const match = /<environment_context>[\s\S]*?<cwd>([^<]+)<\/cwd>/.exec(messageText(item));
    if (match?.[1]) cwd = match[1].trim();
  }
  return cwd;
}

function requestKindOf(
  headers: Record<string, string | string[] | undefined>,
  lastUserText: string,
): "turn" | "compaction" {
  const metadata = headers["x-codex-turn-metadata"];
  if (typeof metadata === "string" && /"request_kind"\s*:\s*"compaction"/.test(metadata)) return "compaction";
  return lastUserText.trimStart().startsWith(COMPACTION_PROMPT) ? "compaction" : "turn";
}

/**
 * Reads a Responses API request body (`{ model, instructions, input: [...] }`) and its headers. Never throws: a body
 * that is not an object gives empty text, step 0 and no cwd. The text of a real user message joins only its
 * non-injected parts.
 */
export function readResponsesRequest(
  body: unknown,
  headers: Record<string, string | string[] | undefined> = {},
): ResponsesRequestInfo {
  const record: Item = typeof body === "object" && body !== null ? (body as Item) : {};
  const items = asItems(record.input);
  let lastUser = -1;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item && isRealUserMessage(item)) {
      lastUser = i;
      break;
    }
  }
  const userItem = lastUser >= 0 ? items[lastUser] : undefined;
  const lastUserText = userItem ? userMessageText(userItem) : "";
  const stepIndex = countModelResponses(items.slice(lastUser + 1));
  const size = JSON.stringify(record.input ?? "").length + String(record.instructions ?? "").length;
  return {
    model: typeof record.model === "string" ? record.model : undefined,
    lastUserText,
    stepIndex,
    cwd: findCwd(items),
    inputTokens: Math.max(1, Math.ceil(size / 4)),
    requestKind: requestKindOf(headers, lastUserText),
    userTexts: items.filter(isRealUserMessage).map(userMessageText),
  };
}

function userMessageText(item: Item): string {
  const content = item.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (typeof part === "object" && part !== null ? (part as Item).text : undefined))
    .filter((text): text is string => typeof text === "string" && !isInjectedContext(text))
    .join("\n");
}
