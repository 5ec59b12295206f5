// The setup most app checks share: the client built, our server started in a fresh sandbox with its project added,
// and a Chromium to open pages in.
import { type LaunchedBrowser, launchChromium } from "../../testing/browser/chromium.js";
import type { CheckContext } from "../lib/check.js";
import type { StandInDelta } from "../lib/delta-recorder.js";
import { type AppSandbox, type AppServer, appSandbox, buildClientOnce, startAppServer } from "./app-server.js";

/** A running app for one check: its sandbox, its server (the sandbox's project added) and a browser. */
export interface AppStack {
  sandbox: AppSandbox;
  server: AppServer;
  browser: LaunchedBrowser;
}

/**
 * Builds the client (once per run), starts the stand-ins and our server in a fresh sandbox (`onDelta` gets every
 * delta the stand-ins write), adds the sandbox's project through `POST /api/projects`, and launches Chromium. The
 * server, stand-ins and browser all end with the check.
 */
export async function startAppStack(
  ctx: CheckContext,
  options: { onDelta?: (event: StandInDelta) => void } = {},
): Promise<AppStack> {
  await buildClientOnce(ctx.repoRoot);
  const sandbox = await appSandbox(ctx, options);
  const server = await startAppServer(ctx, sandbox);
  await server.api("POST", "/api/projects", { path: sandbox.dirs.project });
  const browser = await launchChromium();
  ctx.defer(() => browser.close());
  return { sandbox, server, browser };
}
