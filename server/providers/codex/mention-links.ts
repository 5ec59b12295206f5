// The @ mentions of a Codex prompt as ACP `resource_link` blocks (issue "The composer and session control" §4).
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ContentBlock } from "@agentclientprotocol/sdk";

/** Most `resource_link` blocks one prompt carries; later mentions stay text only. */
export const MAX_MENTION_LINKS = 20;

/** `@path`, or `@"path with spaces"`, at the start of the text or after white space or an opening bracket. */
const MENTION = /(?<=^|[\s([{])@(?:"([^"\n]+)"|([^\s"]+))/g;
/** Punctuation a sentence may put right after a mention (`see @a.ts.`), tried off when the whole token names no file. */
const TRAILING = /[.,;:!?)\]}'`]+$/;

/**
 * The `@path` tokens of `text` in order, each once: `@src/a.ts` → `src/a.ts`, `@"my file.md"` → `my file.md`. A token's
 * trailing punctuation is kept here; {@link mentionLinks} tries it off too.
 */
export function mentionTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const token = match[1] ?? match[2];
    if (token) tokens.add(token);
  }
  return [...tokens];
}

/**
 * The ACP `resource_link` content blocks for the `@path` mentions of `text` that name a regular file inside `folder`
 * (the session's folder: its worktree for a worktree session): `{ type: "resource_link", uri: "file:///abs/path",
 * name: "<path relative to folder>", size }`, in the order mentioned, each file once, at most
 * {@link MAX_MENTION_LINKS}. Paths resolve against `folder`; a token naming a folder, a missing file, or anything that
 * is (or, through a symbolic link, resolves) outside `folder` gives no block (`@../x`, `@/etc/passwd`), so a
 * mention can never point the agent past the session's folder. ACP's baseline: every agent accepts `resource_link` in
 * `session/prompt` (PromptCapabilities; only `image`, `audio`, `resource` need a capability).
 */
export async function mentionLinks(text: string, folder: string): Promise<ContentBlock[]> {
  const tokens = mentionTokens(text);
  if (tokens.length === 0) return [];
  const root = await realpath(folder).catch(() => undefined);
  if (root === undefined) return [];
  const links: ContentBlock[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    if (links.length >= MAX_MENTION_LINKS) break;
    const stripped = token.replace(TRAILING, "");
    const found = (await fileInside(root, folder, token)) ?? (stripped && (await fileInside(root, folder, stripped)));
    if (!found || seen.has(found.relative)) continue;
    seen.add(found.relative);
    links.push({
      type: "resource_link",
      uri: pathToFileURL(found.absolute).href,
      name: found.relative,
      size: found.size,
    });
  }
  return links;
}

/** The file `token` names under `folder` when it is a regular file whose real path is inside `root`. */
async function fileInside(
  root: string,
  folder: string,
  token: string,
): Promise<{ absolute: string; relative: string; size: number } | undefined> {
  if (path.isAbsolute(token) || token.includes("\0")) return undefined;
  const absolute = path.resolve(folder, token);
  if (!isInside(path.resolve(folder), absolute)) return undefined;
  try {
    const real = await realpath(absolute);
    if (!isInside(root, real)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    const relative = path.relative(path.resolve(folder), absolute).split(path.sep).join("/");
    return { absolute, relative, size: info.size };
  } catch {
    return undefined;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
