// Checks `crash-claude` / `crash-codex` (issue 8 check 5): SIGKILL of the CLI mid-turn → the turn error visible in
// our page; the item streaming at the crash ends with status error (never complete, nothing shown is lost); the
// session answers the next message.
import type { Page } from "playwright-core";
import { sendInUi, startSessionInUi, waitForFinishedTurns } from "../../testing/app/page.js";
import { marksWithPrefix, openAppUi, refineClock } from "../app/app-page.js";
import type { AppSandbox } from "../app/app-server.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli } from "../lib/binaries.js";
import type { Check, CheckContext } from "../lib/check.js";
import { findOrphans } from "../lib/process-table.js";
import { type BenchCli, cliLabel } from "../lib/sandbox.js";
import { epochNow } from "../lib/timing.js";
import { TURN_TEXT_MARK } from "./first-token.js";

const CLI_TYPE = { claude: "claude-code", codex: "codex" } as const;
const ERROR_MARK = "bench:turn-error:";

/** In the page: marks `bench:turn-error:<turnId>` when a turn of `sessionId` first shows `data-status="error"`. */
async function watchTurnErrors(page: Page, sessionId: string): Promise<void> {
  await page.evaluate(
    ([id, prefix]) => {
      const seen = new Set<string>();
      new MutationObserver(() => {
        const selector = `[data-testid=chat-view][data-session-id="${id}"] [data-testid=turn-status][data-status=error]`;
        for (const status of document.querySelectorAll<HTMLElement>(selector)) {
          const turnId = status.dataset.turnId ?? "";
          if (seen.has(turnId)) continue;
          seen.add(turnId);
          performance.mark(`${prefix}${turnId}`);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    },
    [sessionId, ERROR_MARK] as const,
  );
}

/** The page's state of the latest turn of `sessionId` (`window.__liminal`): status and error, if any. */
function lastTurn(
  page: Page,
  sessionId: string,
): Promise<{ status: string; errorCode?: string; errorMessage?: string } | undefined> {
  return page.evaluate((id) => {
    type Turn = { status: string; errorCode?: string; errorMessage?: string };
    const hook = (window as unknown as { __liminal?: { session(id: string): { turns: Turn[] } | undefined } })
      .__liminal;
    return hook?.session(id)?.turns.at(-1);
  }, sessionId);
}

/** The agent items of `turnId` in the page: status and rendered text length. */
function turnItems(page: Page, sessionId: string, turnId: string): Promise<{ status: string; length: number }[]> {
  return page.evaluate(
    ([id, turn]) =>
      [
        ...document.querySelectorAll<HTMLElement>(
          `[data-testid=chat-view][data-session-id="${id}"] [data-testid=chat-item][data-origin=agent]`,
        ),
      ]
        .filter((item) => (item.dataset.itemId ?? "").startsWith(`${turn}:`))
        .map((item) => ({ status: item.dataset.status ?? "", length: (item.textContent ?? "").length })),
    [sessionId, turnId] as const,
  );
}

/**
 * The pid of the CLI process running the current turn: Claude Code — the process whose command line carries the
 * session id of the latest model request (`x-claude-code-session-id`); Codex — the codex-acp of the project.
 */
function cliPid(ctx: CheckContext, cli: BenchCli, sandbox: AppSandbox): number | undefined {
  const ours = findOrphans(ctx.runId).filter((info) => info.env.HOME === sandbox.dirs.home);
  if (cli === "codex") return ours.find((info) => /codex-acp\b/.test(info.cmdline.join(" ")))?.pid;
  const turn = sandbox.anthropic.requests.filter((request) => request.kind === "turn").at(-1);
  const id = turn?.headers["x-claude-code-session-id"];
  if (typeof id !== "string") return undefined;
  return ours.find(
    (info) =>
      /claude-agent-sdk-linux-[^/]+\/claude\b/.test(info.cmdline.join(" ")) &&
      info.cmdline.some((arg) => arg.includes(id)),
  )?.pid;
}

/** `crash-<cli>`. */
export function crashCheck(cli: BenchCli): Check {
  return {
    name: `crash-${cli}`,
    measures: `${cliLabel(cli)}: SIGKILL of the CLI process mid-turn (a slow answer is streaming) → the turn error shown in our page (turn status "error"), per crash; violations: the streaming item not ending with status error (or shown as complete), text shown before the crash lost, or the next message not answered.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: { kind: "absolute", stat: "max", op: "<", limit: 1000 },
    timeoutMs: 10 * 60_000,
    unavailable: (ctx) =>
      appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, cli === "claude" ? "claude-sdk" : "codex-acp"),
    async run(ctx) {
      const { sandbox, server, browser } = await startAppStack(ctx);
      const ui = await openAppUi(browser.browser, server);
      const sessionId = await startSessionInUi(ui.page, { cliType: CLI_TYPE[cli] });
      await watchTurnErrors(ui.page, sessionId);
      const detections: number[] = [];
      const violations: string[] = [];
      let finished = 0;
      for (let round = 0; round < ctx.n; round += 1) {
        ctx.log(`crash ${round + 1}/${ctx.n}`);
        await refineClock(ui);
        const before = new Set((await marksWithPrefix(ui, TURN_TEXT_MARK)).map((mark) => mark.name));
        await sendInUi(ui.page, `Crash round ${round + 1}. scenario:slow`);
        await ui.page
          .waitForFunction(
            ([prefix, known]) =>
              performance
                .getEntriesByType("mark")
                .some((mark) => mark.name.startsWith(prefix as string) && !(known as string[]).includes(mark.name)),
            [TURN_TEXT_MARK, [...before]] as const,
            { timeout: 60_000 },
          )
          .catch((error: unknown) => {
            throw new Error(
              `crash ${round + 1}: the turn showed no agent text within 60 s (${violations.join("; ") || "no violation before"}); server log: ${server.logs().slice(-2000)}`,
              { cause: error },
            );
          });
        const textMark = (await marksWithPrefix(ui, TURN_TEXT_MARK)).find((mark) => !before.has(mark.name));
        const turnId = textMark?.name.slice(TURN_TEXT_MARK.length) ?? "";
        const shownBefore = Math.max(0, ...(await turnItems(ui.page, sessionId, turnId)).map((item) => item.length));
        const pid = cliPid(ctx, cli, sandbox);
        if (pid === undefined) throw new Error(`no ${cliLabel(cli)} process of the session was found to kill`);
        const killedAt = epochNow();
        process.kill(pid, "SIGKILL");
        const shown = await ui.page
          .waitForFunction((name) => performance.getEntriesByName(name).length > 0, `${ERROR_MARK}${turnId}`, {
            timeout: 15_000,
          })
          .then(() => true)
          .catch(() => false);
        finished += 1;
        if (!shown) {
          violations.push(`crash ${round + 1}: no turn error shown within 15 s`);
          detections.push(15_000);
          continue;
        }
        const errorMark = (await marksWithPrefix(ui, `${ERROR_MARK}${turnId}`))[0];
        detections.push((errorMark?.at ?? Number.NaN) - killedAt);
        const items = await turnItems(ui.page, sessionId, turnId);
        if (items.length === 0) violations.push(`crash ${round + 1}: the streaming answer disappeared`);
        for (const item of items) {
          if (item.status !== "error") violations.push(`crash ${round + 1}: an item ended "${item.status}", not error`);
        }
        if (Math.max(0, ...items.map((item) => item.length)) < shownBefore) {
          violations.push(`crash ${round + 1}: text shown before the crash was lost`);
        }
        await sendInUi(ui.page, `After crash ${round + 1}. scenario:text`);
        finished += 1;
        const reopened = await waitForFinishedTurns(ui.page, sessionId, finished, 60_000)
          .then(() => true)
          .catch(() => false);
        const lastStatus = await ui.page.evaluate(
          (id) =>
            [
              ...document.querySelectorAll<HTMLElement>(
                `[data-testid=chat-view][data-session-id="${id}"] [data-testid=turn-status]`,
              ),
            ].at(-1)?.dataset.status,
          sessionId,
        );
        if (!reopened || lastStatus !== "completed") {
          const turn = await lastTurn(ui.page, sessionId);
          const why = turn?.errorCode ? `: ${turn.errorCode} ${turn.errorMessage ?? ""}`.trimEnd() : "";
          violations.push(
            `crash ${round + 1}: the next message was not answered (turn ${lastStatus ?? "missing"}${why})`,
          );
          const requests = sandbox.anthropic.requests.slice(-4).map((request) => `${request.kind} ${request.path}`);
          const status = await server
            .api("GET", `/api/session/${encodeURIComponent(sessionId)}/status`)
            .catch((error: unknown) => String(error));
          const composer = await ui.page
            .getByTestId("composer-error")
            .textContent({ timeout: 1000 })
            .catch(() => null);
          ctx.log(
            `crash ${round + 1}: the next message was not answered${why}; latest turn ${JSON.stringify(turn)}; session status ${JSON.stringify(status)}; composer error ${JSON.stringify(composer)}; latest model requests: ${requests.join(", ")}; server log:\n${server.logs().slice(-3000)}`,
          );
          break; // The session is broken: the check has found what it looks for; crashing it again measures nothing.
        }
      }
      return {
        subject: detections,
        subjectLabel: `ours (${cliLabel(cli)}): SIGKILL → turn error visible`,
        violations,
        notes: [
          `one session, ${ctx.n} crashes during "scenario:slow"; after each, a "scenario:text" message must complete (the first that does not ends the check with a violation)`,
        ],
      };
    },
  };
}
