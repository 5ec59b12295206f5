// Builds the browser app (dist/client) for browser tests and the screenshot script, with the repo's own build script.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Builds the browser app into `dist/client` (`scripts/build-client.ts`, what `npm run build:client` runs), so the
 * server serves the current client. Blocks until done (about a second).
 * @throws the build's error, its output attached, when it fails.
 */
export function buildClient(): void {
  execFileSync(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts", "build-client.ts")], {
    cwd: REPO_ROOT,
    stdio: "pipe",
  });
}
