// Finds recorded Anthropic streams under <fixtures>/anthropic-sse and turns them into the exact bytes to replay.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Every fixture file, as paths relative to `<fixturesDir>/anthropic-sse` with `/` separators, sorted. */
export async function listAnthropicFixtures(fixturesDir: string): Promise<string[]> {
  const root = path.join(fixturesDir, "anthropic-sse");
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** The names a fixture answers to: its relative path and basename, each also with trailing extensions removed. */
function namesOf(relative: string): string[] {
  const names: string[] = [];
  for (const full of [relative, path.posix.basename(relative)]) {
    let name = full;
    names.push(name);
    while (path.posix.extname(name)) {
      name = name.slice(0, -path.posix.extname(name).length);
      names.push(name);
    }
  }
  return names;
}

/**
 * Finds the fixture `name` refers to: a path under anthropic-sse (with or without extensions) or a basename with or
 * without extensions (`tool_use_response`, `anthropic-json-tool.1.chunks`); a trailing sentence dot is ignored.
 * Returns the relative path, or undefined.
 */
export async function findFixture(fixturesDir: string, name: string): Promise<string | undefined> {
  const wanted = name.replace(/^\.?\//, "").replace(/\.+$/, "");
  const files = await listAnthropicFixtures(fixturesDir);
  return files.find((file) => namesOf(file).includes(wanted));
}

/** True for `*.chunks.txt` files: one JSON event per line, without SSE framing. */
export function isChunksFile(relative: string): boolean {
  return relative.endsWith(".chunks.txt");
}

/**
 * Frames a chunks file as SSE: each JSON line becomes `event: <its type>\ndata: <the line as written>\n\n`.
 * Lines that are not JSON objects with a string `type` (blank lines, `//` comments) are skipped.
 */
export function frameChunks(text: string): string {
  let out = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    let type: unknown;
    try {
      type = (JSON.parse(line) as { type?: unknown } | null)?.type;
    } catch {
      continue;
    }
    if (typeof type === "string") out += `event: ${type}\ndata: ${line}\n\n`;
  }
  return out;
}

/** The exact bytes to replay for a fixture: SSE files byte for byte, chunks files framed by {@link frameChunks}. */
export async function fixtureBytes(fixturesDir: string, relative: string): Promise<Buffer> {
  const file = await readFile(path.join(fixturesDir, "anthropic-sse", relative));
  return isChunksFile(relative) ? Buffer.from(frameChunks(file.toString("utf8")), "utf8") : file;
}
