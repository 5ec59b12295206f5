// Whether our whole app (server + providers + client) is in the tree, so the app-dependent checks can run.
import { existsSync } from "node:fs";
import path from "node:path";

/** Files the app-dependent checks need, with what each is. */
const NEEDED: [string, string][] = [
  ["server/main.ts", "the server entry"],
  ["server/providers/claude/index.ts", "the Claude provider"],
  ["server/providers/codex/index.ts", "the Codex provider"],
  ["client/main.ts", "the browser client entry"],
];

/**
 * Why our app cannot be benchmarked yet (the first missing part), or `undefined` when every part is present.
 * Presence is not enough for a check to run: each app check also needs its wiring in bench/app (see README).
 */
export function appUnavailable(repoRoot: string): string | undefined {
  const missing = NEEDED.filter(([file]) => !existsSync(path.join(repoRoot, file)));
  if (missing.length === 0) return undefined;
  return `needs the app: ${missing.map(([file, what]) => `${what} (${file})`).join(", ")} not in the tree yet`;
}
