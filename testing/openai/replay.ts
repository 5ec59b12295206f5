// Finds recorded OpenAI Responses streams (fixtures) and splits them into SSE events for verbatim replay.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const EXTENSIONS = ["", ".sse", ".chunks.txt", ".txt"];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Every fixture file under `<fixturesDir>/openai-sse`, absolute paths, sorted; [] when the folder is missing. */
export function listOpenAIFixtures(fixturesDir: string): string[] {
  const dir = path.join(fixturesDir, "openai-sse");
  return existsSync(dir) ? filesUnder(dir).sort() : [];
}

/**
 * Resolves a `fixture:<name>` marker to a file under `<fixturesDir>/openai-sse`: the relative path itself, or with
 * `.sse` / `.chunks.txt` / `.txt` added, or else the first file (sorted) whose base name matches the same way.
 * Names that escape the folder (`..`) resolve to nothing. Returns the absolute path or `undefined`.
 */
export function resolveFixture(fixturesDir: string, name: string): string | undefined {
  const dir = path.resolve(fixturesDir, "openai-sse");
  for (const ext of EXTENSIONS) {
    const candidate = path.resolve(dir, name + ext);
    if (!candidate.startsWith(dir + path.sep)) return undefined;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  const base = path.basename(name);
  for (const file of listOpenAIFixtures(fixturesDir)) {
    if (EXTENSIONS.some((ext) => path.basename(file) === base + ext)) return file;
  }
  return undefined;
}

/** True when the text is already SSE-framed (its first non-blank line starts with `event:` or `data:`). */
export function isSseFramed(text: string): boolean {
  const first = text.split("\n").find((line) => line.trim() !== "");
  return first !== undefined && /^(event|data|id|retry):/.test(first.trim());
}

/**
 * Splits a fixture into the SSE events to write, in order. An SSE-framed file is cut after each blank line so the
 * pieces join back to the exact file bytes. A `*.chunks.txt` file (one JSON event per line) becomes
 * `event: <type>\ndata: <line>\n\n` per JSON line; lines that are not JSON objects (comments, blanks) are skipped.
 */
export function fixtureEvents(text: string): string[] {
  if (isSseFramed(text)) return text.match(/[\s\S]*?(?:\r?\n\r?\n|$)/g)?.filter((piece) => piece !== "") ?? [];
  const events: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      continue;
    }
    const type = typeof parsed === "object" && parsed !== null ? (parsed as { type?: unknown }).type : undefined;
    events.push(`${typeof type === "string" ? `event: ${type}\n` : ""}data: ${line}\n\n`);
  }
  return events;
}

/** Reads and splits a fixture file (see `fixtureEvents`). Throws when the file cannot be read. */
export function loadFixture(file: string): string[] {
  return fixtureEvents(readFileSync(file, "utf8"));
}

/** The `delta` of an `output_text.delta` event inside one SSE event text, for `onDelta`; `undefined` otherwise. */
export function textDeltaOf(eventText: string): string | undefined {
  const data = /^data: (.*)$/m.exec(eventText)?.[1];
  if (!data) return undefined;
  try {
    const parsed = JSON.parse(data) as { type?: unknown; delta?: unknown };
    return parsed.type === "response.output_text.delta" && typeof parsed.delta === "string" ? parsed.delta : undefined;
  } catch {
    return undefined;
  }
}
