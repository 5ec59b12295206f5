// Check `claude-startup` (issue 8 check 1): "new session" → first agent text visible, for our provider warm (as
// shipped), our provider cold, and the pre-epic claude-agent-acp path, alternating.
import type { Page } from "playwright-core";
import { sendInUi, startSessionInUi } from "../../testing/app/page.js";
import { launchChromium } from "../../testing/browser/chromium.js";
import { openAppUi } from "../app/app-page.js";
import { type AppSandbox, type AppServer, appSandbox, buildClientOnce, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { measureClaudeAcpStartup } from "../baselines/claude-acp-client.js";
import { claudeCodeVersion, missingCli } from "../lib/binaries.js";
import type { Check, CheckContext } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";
import { findOrphans } from "../lib/process-table.js";
import { cliSandbox } from "../lib/sandbox.js";
import { waitFor } from "../lib/timing.js";

/** The environment switch our server would need for the cold path (ClaudeProviderConfig.warmStart = false). */
export const COLD_START_ENV = { LIMINAL_CLAUDE_WARM_START: "0" };

const CLICK_MARK = "bench:new-session";
const CLAUDE_BINARY = /claude-agent-sdk-linux-[^/]+\/claude\b/;

/** Live Claude Code processes started by the server of `sandbox` (same HOME). */
function claudeProcesses(ctx: CheckContext, sandbox: AppSandbox): number {
  return findOrphans(ctx.runId).filter(
    (info) => info.env.HOME === sandbox.dirs.home && CLAUDE_BINARY.test(info.cmdline.join(" ")),
  ).length;
}

/** Marks `bench:new-session` in the page at every click on the new-session form's Start button (capture phase). */
async function markStartClicks(page: Page): Promise<void> {
  await page.evaluate((name) => {
    document.addEventListener(
      "click",
      (event) => {
        const target = event.target as Element | null;
        if (target?.closest?.("[data-testid=new-session-submit]")) performance.mark(name);
      },
      true,
    );
  }, CLICK_MARK);
}

/** One "ours" sample: Start click → `liminal:first-agent-text:<sessionId>`, both on the page clock; kills it after. */
async function oursSample(page: Page, server: AppServer): Promise<number> {
  const sessionId = await startSessionInUi(page, { cliType: "claude-code" });
  await sendInUi(page, "Say hello. scenario:text");
  const firstText = `liminal:first-agent-text:${sessionId}`;
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, firstText, { timeout: 60_000 });
  const ms = await page.evaluate(
    ([click, text]) => {
      const clicks = performance.getEntriesByName(click as string);
      const shown = performance.getEntriesByName(text as string)[0];
      const last = clicks[clicks.length - 1];
      return last && shown ? shown.startTime - last.startTime : Number.NaN;
    },
    [CLICK_MARK, firstText] as const,
  );
  await server.api("POST", `/api/session/${encodeURIComponent(sessionId)}/kill`);
  if (!Number.isFinite(ms)) throw new Error("the Start click or the first agent text was not marked");
  return ms;
}

/** `claude-startup`. */
export const claudeStartupCheck: Check = {
  name: "claude-startup",
  measures:
    "Claude start-up to first token: Start click of the new-session form → first agent text visible (liminal:first-agent-text) for (a) our server as shipped (warm spare, claimed after it has been parked ≥ 2.5 s), (b) our server with a cold query() start, and (c) spawn of claude-agent-acp → first agent_message_chunk at a bare ACP client; alternating.",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "report" },
  timeoutMs: 15 * 60_000,
  unavailable: (ctx) =>
    appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, "claude-sdk") ?? missingCli(ctx.repoRoot, "claude-acp"),
  async run(ctx) {
    await buildClientOnce(ctx.repoRoot);
    const browser = await launchChromium();
    ctx.defer(() => browser.close());
    const warmSandbox = await appSandbox(ctx);
    const coldSandbox = await appSandbox(ctx, { extraEnv: COLD_START_ENV });
    const servers = { warm: await startAppServer(ctx, warmSandbox), cold: await startAppServer(ctx, coldSandbox) };
    const pages: Record<"warm" | "cold", Page> = { warm: undefined as never, cold: undefined as never };
    for (const [key, sandbox] of [
      ["warm", warmSandbox],
      ["cold", coldSandbox],
    ] as const) {
      await servers[key].api("POST", "/api/projects", { path: sandbox.dirs.project });
      const ui = await openAppUi(browser.browser, servers[key]);
      await markStartClicks(ui.page);
      pages[key] = ui.page;
    }
    const acpSandbox = await cliSandbox(ctx, "claude");
    const parked = async () => {
      await waitFor("a parked spare Claude Code process", () => claudeProcesses(ctx, warmSandbox) > 0, {
        timeoutMs: 30_000,
        intervalMs: 50,
      });
      await new Promise((resolve) => setTimeout(resolve, 2500));
    };
    await parked();
    const coldHonoured = claudeProcesses(ctx, coldSandbox) === 0;
    const sides: Record<string, () => Promise<number>> = {
      warm: async () => {
        await parked();
        return oursSample(pages.warm, servers.warm);
      },
      acp: async () =>
        (
          await measureClaudeAcpStartup({
            repoRoot: ctx.repoRoot,
            baseUrl: acpSandbox.baseUrl,
            dirs: acpSandbox.dirs,
            env: ctx.markerEnv,
          })
        ).firstTokenMs,
    };
    if (coldHonoured) sides.cold = () => oursSample(pages.cold, servers.cold);
    const results = await interleave(ctx.n, sides, {
      warmup: 1,
      onRound: (round) => ctx.log(round < 0 ? "warm-up round" : `round ${round + 1}/${ctx.n}`),
    });
    const notes = [
      `Claude Code ${claudeCodeVersion(ctx.repoRoot)}; (a) and (b) include typing the first message as soon as the tab opens; (c) has no page`,
    ];
    if (!coldHonoured) {
      notes.push(
        `(b) not measured: our server ignores ${Object.keys(COLD_START_ENV)[0]}=0 (a spare Claude process was running), it needs a switch for ClaudeProviderConfig.warmStart`,
      );
    }
    return {
      subject: results.warm ?? [],
      subjectLabel: "(a) ours, warm start",
      baseline: results.acp ?? [],
      baselineLabel: "(c) claude-agent-acp + bare ACP client",
      ...(results.cold ? { extra: { "(b) ours, cold query()": results.cold } } : {}),
      notes,
    };
  },
};
