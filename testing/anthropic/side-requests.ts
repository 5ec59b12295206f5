// Recognises Claude Code's side requests (session titles, other structured output, compaction) and answers them briefly.
import type { MessagesRequestBody } from "./request.js";
import { textBlocks } from "./request.js";

/**
 * What kind of request this is:
 * - `turn`: a conversation turn; it gets the next step of the selected scenario.
 * - `title`: Claude Code naming the session (structured output whose JSON schema has a `title` property; sent with
 *   `tools: []` before/alongside each turn unless CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1).
 * - `structured`: any other request with `output_config.format.type === "json_schema"`.
 * - `compact`: conversation compaction ("Your task is to create a detailed summary of the conversation so far").
 */
export type RequestKind = "turn" | "title" | "structured" | "compact";

/** JSON schema subset read from `output_config.format.schema`. */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

const COMPACT_PROMPT = "create a detailed summary of the conversation so far";
const MARKER = /\b(?:scenario|pace|fixture):[\w./-]+/gi;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function outputSchema(body: MessagesRequestBody): JsonSchema | undefined {
  const format = isRecord(body.output_config) ? body.output_config.format : undefined;
  if (!isRecord(format) || format.type !== "json_schema") return undefined;
  return isRecord(format.schema) ? (format.schema as JsonSchema) : {};
}

function lastUserText(body: MessagesRequestBody): string {
  const users = (body.messages ?? []).filter((m) => isRecord(m) && m.role === "user");
  const last = users[users.length - 1];
  return isRecord(last) ? textBlocks(last.content).join("\n") : "";
}

/** Classifies a `POST /v1/messages` body (see {@link RequestKind}). */
export function classifyRequest(body: MessagesRequestBody): RequestKind {
  const schema = outputSchema(body);
  if (schema) return schema.properties?.title ? "title" : "structured";
  if (lastUserText(body).includes(COMPACT_PROMPT)) return "compact";
  return "turn";
}

/**
 * A short session title from the user's words: the text inside `<session>` tags when present, markers removed, the
 * first five words, first letter capitalised; "Local model session" when nothing is left.
 */
export function sessionTitle(body: MessagesRequestBody): string {
  const text = lastUserText(body);
  const inner = /<session>([\s\S]*?)<\/session>/.exec(text)?.[1] ?? text;
  const words = inner.replace(MARKER, " ").match(/\S+/g) ?? [];
  const title = words.slice(0, 5).join(" ");
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : "Local model session";
}

function exampleOf(schema: JsonSchema | undefined, title: string, key: string): unknown {
  switch (schema?.type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, sub]) => [name, exampleOf(sub, title, name)]),
      );
    case "array":
      return [];
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return key === "title" ? title : "local";
  }
}

/**
 * The text answer of a side request: for `title`/`structured`, JSON matching the requested schema (every string
 * property "local", `title` the {@link sessionTitle}); for `compact`, a `<summary>` block Claude Code accepts.
 */
export function sideAnswerText(kind: Exclude<RequestKind, "turn">, body: MessagesRequestBody): string {
  if (kind === "compact") {
    return "<analysis>Local model summary.</analysis>\n<summary>The user and the local model talked; nothing is pending.</summary>";
  }
  const schema = outputSchema(body) ?? {};
  return JSON.stringify(exampleOf({ type: "object", ...schema }, sessionTitle(body), ""));
}
