// Target `notify-latency` (issue 17 §1): a background session's turn ends on the server → the page's notification.
import { NOTIFICATION_RECORDER, waitForNotification } from "../../testing/app/notifications.js";
import { startSessionInUi } from "../../testing/app/page.js";
import { openAppUi } from "../app/app-page.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import type { Check } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";

/** The page's record of a session's last turn end (`attention:turn.endedAt`, the server's clock), via the hook. */
async function endedAt(page: import("playwright-core").Page, sessionId: string): Promise<string | undefined> {
  return page.evaluate(
    (id) =>
      (
        window as unknown as { __liminal: { state(): { attention: { turns: Record<string, { endedAt: string }> } } } }
      ).__liminal.state().attention.turns[id]?.endedAt,
    sessionId,
  );
}

/** `notify-latency`: the server streaming a background Codex session's turn end → `new Notification(...)` in the page. */
export const notifyLatencyCheck: Check = {
  name: "notify-latency",
  measures:
    "A Codex session in a background tab (another tab active, the page visible, notifications granted) gets a message through POST /api/session/:id/send; from the server streaming the turn's terminal event (the `endedAt` the server stamps on `attention:turn`, wall clock) to the page constructing the Notification (window.Notification wrapped by an init script, Date.now() in the page; same machine, same clock).",
  unit: "ms",
  n: { default: 20, quick: 3 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 500 },
  level: "target",
  timeoutMs: 4 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot),
  async run(ctx) {
    const { server, browser } = await startAppStack(ctx);
    const ui = await openAppUi(browser.browser, server, { initScript: NOTIFICATION_RECORDER });
    await ui.app.context.grantPermissions(["notifications"], { origin: server.url });
    const background = await startSessionInUi(ui.page, { cliType: "codex" });
    await startSessionInUi(ui.page, { cliType: "codex" });
    let shown = 0;
    const { notify } = await interleave(
      ctx.n,
      {
        notify: async () => {
          await server.api("POST", `/api/session/${encodeURIComponent(background)}/send`, { content: "Say hello" });
          shown += 1;
          const notification = await waitForNotification(ui.page, shown, 60_000);
          const end = await endedAt(ui.page, background);
          if (!end) throw new Error("the page holds no turn end of the background session");
          return notification.shownAt - Date.parse(end);
        },
      },
      { warmup: 1, onRound: (round) => ctx.log(round < 0 ? "warm-up" : `turn ${round + 1}/${ctx.n}`) },
    );
    return {
      subject: notify,
      subjectLabel: "turn end (server) → notification shown",
      notes: ["server wall clock (attention:turn.endedAt) → page Date.now() when the Notification was constructed"],
    };
  },
};
