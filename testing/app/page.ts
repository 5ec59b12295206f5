// Drives the browser app of a stack through its data-testid hooks (Playwright): open, start sessions, send, wait.
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { UpsertObject } from "../../shared/contracts/index.js";
import type { LiminalStack } from "./stack.js";

/** One opened app page with what its console said (`<type>: <text>` lines, page errors as `pageerror: …`). */
export interface AppPage {
  context: BrowserContext;
  page: Page;
  console: string[];
  /** Closes the page's browser context. */
  close(): Promise<void>;
}

/** The default window size of app pages (CSS pixels). */
export const APP_VIEWPORT = { width: 1280, height: 800 } as const;

/**
 * Opens the app of `stack` in a new browser context (fresh cookies and localStorage) with the token URL and waits
 * until its WebSocket is connected (`window.__liminal.connection() === "connected"`). `initScript` (JavaScript source)
 * runs in the page before the app's own scripts, on every load (Playwright `addInitScript`), e.g. to record what its
 * WebSocket receives. `device` emulates a phone's browser (Playwright's `isMobile` / `hasTouch` context options).
 * @throws Playwright's timeout error when the app does not connect within `timeoutMs` (default 20 s).
 */
export async function openApp(
  browser: Browser,
  stack: Pick<LiminalStack, "urlWithToken">,
  options: {
    viewport?: { width: number; height: number };
    timeoutMs?: number;
    initScript?: string;
    /** A phone's browser: the viewport meta tag is honoured (`isMobile`) and touch events exist (`hasTouch`). */
    device?: { isMobile?: boolean; hasTouch?: boolean };
  } = {},
): Promise<AppPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? APP_VIEWPORT, ...options.device });
  const page = await context.newPage();
  if (options.initScript !== undefined) await page.addInitScript(options.initScript);
  const lines: string[] = [];
  page.on("console", (message) => lines.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => lines.push(`pageerror: ${error.message}`));
  await page.goto(stack.urlWithToken);
  await waitForConnected(page, options.timeoutMs);
  return { context, page, console: lines, close: () => context.close() };
}

/** Waits until the app's WebSocket is connected (after a load or a reload). */
export async function waitForConnected(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { __liminal?: { connection(): string } }).__liminal?.connection() === "connected",
    null,
    { timeout: timeoutMs },
  );
}

/** The project group whose name is `projectName` (default: the first group). */
export function projectGroup(page: Page, projectName?: string): Locator {
  const groups = page.getByTestId("project-group");
  if (projectName === undefined) return groups.first();
  return groups.filter({ has: page.getByTestId("project-name").getByText(projectName, { exact: true }) });
}

/**
 * Starts a session with the sidebar's new-session form (+ of the project group, CLI, permission mode, Start) and
 * resolves with the `sessionId` of the tab it opens.
 */
export async function startSessionInUi(
  page: Page,
  options: {
    cliType: "claude-code" | "codex";
    permissionMode?: string;
    projectName?: string;
    timeoutMs?: number;
    /** Start it in a new git worktree (on `branch` when given, else the suggested one). */
    worktree?: { branch?: string };
  },
): Promise<string> {
  const before = new Set(await tabIds(page));
  const group = projectGroup(page, options.projectName);
  await group.getByTestId("new-session-button").click();
  await group.getByTestId("new-session-cli").selectOption(options.cliType);
  if (options.permissionMode) await group.getByTestId("new-session-mode").selectOption(options.permissionMode);
  if (options.worktree) {
    await group.locator("[data-testid=new-session-where] option[value=worktree]:not([disabled])").waitFor({
      state: "attached",
      timeout: 10_000,
    });
    await group.getByTestId("new-session-where").selectOption("worktree");
    const branch = group.getByTestId("new-session-branch");
    await branch.waitFor({ timeout: 10_000 });
    if (options.worktree.branch) await branch.fill(options.worktree.branch);
  }
  await group.getByTestId("new-session-submit").click();
  const handle = await page.waitForFunction(
    (known: string[]) => {
      const ids = [...document.querySelectorAll<HTMLElement>("[data-testid=tab]")].map((tab) => tab.dataset.sessionId);
      return ids.find((id) => id !== undefined && !known.includes(id)) ?? false;
    },
    [...before],
    { timeout: options.timeoutMs ?? 30_000 },
  );
  return (await handle.jsonValue()) as string;
}

/** The `data-session-id` of every tab, in order. */
export async function tabIds(page: Page): Promise<string[]> {
  return page.getByTestId("tab").evaluateAll((tabs) => tabs.map((tab) => (tab as HTMLElement).dataset.sessionId ?? ""));
}

/** The chat view of one session (present once its tab was opened; hidden while another tab is active). */
export function chatView(page: Page, sessionId: string): Locator {
  return page.locator(`[data-testid=chat-view][data-session-id="${sessionId}"]`);
}

/** Types `text` into the composer of the active tab and presses Enter. */
export async function sendInUi(page: Page, text: string): Promise<void> {
  const input = page.getByTestId("composer-input");
  await input.fill(text);
  await input.press("Enter");
}

/**
 * Waits until the chat view of `sessionId` shows at least `count` finished turns (a `turn-status` whose
 * `data-status` is not `running`) and no running one. `pollingMs` checks every that many ms instead of in every
 * animation frame (Playwright's default), which keeps the page's main thread out of a frame per vsync while it waits
 * (the benchmarks, which time what the page paints).
 */
export async function waitForFinishedTurns(
  page: Page,
  sessionId: string,
  count: number,
  timeoutMs = 60_000,
  pollingMs?: number,
): Promise<void> {
  await page.waitForFunction(
    ([id, wanted]) => {
      const view = document.querySelector(`[data-testid=chat-view][data-session-id="${id}"]`);
      if (!view) return false;
      const statuses = [...view.querySelectorAll<HTMLElement>("[data-testid=turn-status]")].map(
        (s) => s.dataset.status,
      );
      return statuses.filter((status) => status !== "running").length >= wanted && !statuses.includes("running");
    },
    [sessionId, count] as const,
    { timeout: timeoutMs, ...(pollingMs === undefined ? {} : { polling: pollingMs }) },
  );
}

/** The app's own item state of `sessionId` (`window.__liminal.session(id).items`), or [] when it is not open. */
export async function sessionItems(page: Page, sessionId: string): Promise<UpsertObject[]> {
  return page.evaluate(
    (id) =>
      (
        window as unknown as { __liminal?: { session(id: string): { items: UpsertObject[] } | undefined } }
      ).__liminal?.session(id)?.items ?? [],
    sessionId,
  );
}

/** One observed state of an agent text item: its rendered text length and `data-status`. */
export interface ItemState {
  itemId: string;
  length: number;
  status: string;
}

/**
 * Starts recording, inside the page, every state of the agent message items of `sessionId` as the DOM changes
 * (a MutationObserver on its chat view): each distinct (item, text length, status) is kept once, in order. Read
 * them with {@link readItemStates}. Call before sending the message.
 */
export async function recordItemStates(page: Page, sessionId: string): Promise<void> {
  await page.evaluate((id) => {
    const view = document.querySelector(`[data-testid=chat-view][data-session-id="${id}"]`);
    if (!view) throw new Error(`no chat view for ${id}`);
    const states: { itemId: string; length: number; status: string }[] = [];
    const last = new Map<string, string>();
    const take = () => {
      for (const item of view.querySelectorAll<HTMLElement>(
        "[data-testid=chat-item][data-type=message][data-origin=agent]",
      )) {
        const itemId = item.dataset.itemId ?? "";
        const length = (item.querySelector(".md")?.textContent ?? "").length;
        const status = item.dataset.status ?? "";
        const key = `${length}|${status}`;
        if (last.get(itemId) === key) continue;
        last.set(itemId, key);
        states.push({ itemId, length, status });
      }
    };
    new MutationObserver(take).observe(view, { subtree: true, childList: true, characterData: true, attributes: true });
    (window as unknown as { __itemStates: typeof states }).__itemStates = states;
  }, sessionId);
}

/** The states recorded by {@link recordItemStates} so far. */
export async function readItemStates(page: Page): Promise<ItemState[]> {
  return page.evaluate(() => (window as unknown as { __itemStates?: ItemState[] }).__itemStates ?? []);
}
