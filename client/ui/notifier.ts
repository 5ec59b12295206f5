// Browser notifications (issue 17 §1): a session the user is not looking at finishes, fails or asks for an approval.
// Permission is asked only from a clear control (the inbox's bell), never on load; each kind and a sound in settings.
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { type AttentionEntry, freshAttention, lookingAt } from "../state/attention.js";
import { approvalSummary } from "../state/attention-view.js";
import {
  loadNotifySettings,
  type NotifySettings,
  notificationText,
  saveNotifySettings,
  wantsNotification,
} from "../state/notify-settings.js";
import type { KeyValueStorage } from "../state/persist.js";
import { displayTitle, findSession } from "../state/sessions.js";
import type { Store } from "../state/store.js";

/** The browser's notification permission, or `unsupported` where there is no Notification API. */
export type NotifyPermission = NotificationPermission | "unsupported";

/** A notification shown for an entry (also the `liminal:notified` event's detail, for the bench). */
export interface ShownNotification {
  sessionId: string;
  kind: AttentionEntry["kind"];
  title: string;
  body: string;
}

/**
 * Shows a notification for each entry that newly needs attention (`freshAttention`) when its session is not the one
 * looked at, its kind is on in the settings, and the permission is granted; entries older than the page's start are
 * not announced (a reload does not replay a burst). A click focuses the window, opens the session's tab and scrolls
 * to what asked (a waiting approval card). Settings live in localStorage; `onChange` tells the inbox to redraw.
 */
export class Notifier {
  private settingsValue: NotifySettings;
  private readonly listeners = new Set<() => void>();
  private readonly startedAt = new Date().toISOString();
  private audio: AudioContext | null = null;

  constructor(
    private readonly store: Store<AppState>,
    private readonly actions: Pick<Actions, "openSession">,
    private readonly storage: KeyValueStorage,
  ) {
    this.settingsValue = loadNotifySettings(storage);
  }

  /** The current settings (a copy). */
  get settings(): NotifySettings {
    return { ...this.settingsValue };
  }

  /** The browser's permission now. */
  permission(): NotifyPermission {
    return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
  }

  /** Asks the browser for permission (call from a click only); resolves with the answer. */
  async askPermission(): Promise<NotifyPermission> {
    if (typeof Notification === "undefined") return "unsupported";
    try {
      await Notification.requestPermission();
    } catch {
      // An old callback-only API or a refusal: the permission below says what holds.
    }
    this.changed();
    return this.permission();
  }

  /** Changes some settings and saves them. */
  update(patch: Partial<NotifySettings>): void {
    this.settingsValue = { ...this.settingsValue, ...patch };
    saveNotifySettings(this.storage, this.settingsValue);
    this.changed();
  }

  /** Calls `listener` after every settings or permission change; returns its remover. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching the store's attention state; returns the unsubscriber. */
  start(): () => void {
    return this.store.subscribe((state, prev) => {
      if (state.attention === prev.attention) return;
      const looking = lookingAt(state.tabs, state.pageVisible);
      for (const entry of freshAttention(prev.attention, state.attention)) {
        if (entry.sessionId === looking || entry.at < this.startedAt) continue;
        if (wantsNotification(this.settingsValue, entry.kind)) this.show(state, entry);
      }
    });
  }

  private show(state: AppState, entry: AttentionEntry): void {
    if (this.permission() !== "granted") return;
    const session = findSession(state.sessions, entry.sessionId);
    const project = state.projects.find((p) => p.projectId === session?.projectId);
    const cached = state.titles[entry.sessionId]?.title;
    const sessionTitle = session ? displayTitle(session) : cached || "A session";
    const latest = entry.approvals.at(-1)?.request;
    const { title, body } = notificationText(entry.kind, sessionTitle, {
      ...(latest ? { toolName: approvalSummary(latest) } : {}),
      ...(entry.turn?.errorMessage ? { errorMessage: entry.turn.errorMessage } : {}),
      ...(project ? { projectName: project.name } : {}),
    });
    let notification: Notification;
    try {
      notification = new Notification(title, { body, tag: `liminal:${entry.sessionId}` });
    } catch {
      return; // e.g. a browser that allows notifications only from a service worker
    }
    notification.onclick = () => {
      window.focus();
      this.actions.openSession(entry.sessionId);
      scrollToAsked(entry.sessionId);
      notification.close();
    };
    if (this.settingsValue.sound) this.beep();
    const detail: ShownNotification = { sessionId: entry.sessionId, kind: entry.kind, title, body };
    window.dispatchEvent(new CustomEvent("liminal:notified", { detail }));
  }

  /** A short two-note tone through WebAudio (no sound file). */
  private beep(): void {
    try {
      this.audio ??= new AudioContext();
      const ctx = this.audio;
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.3);
      const tone = ctx.createOscillator();
      tone.frequency.setValueAtTime(880, ctx.currentTime);
      tone.frequency.setValueAtTime(1175, ctx.currentTime + 0.12);
      tone.connect(gain);
      tone.start();
      tone.stop(ctx.currentTime + 0.3);
    } catch {
      // No audio output: the notification itself is enough.
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Scrolls the session's first waiting approval card into view once its view has drawn it (a few frames at most). */
export function scrollToAsked(sessionId: string, frames = 30): void {
  const card = document.querySelector<HTMLElement>(
    `[data-testid="chat-view"][data-session-id="${CSS.escape(sessionId)}"] [data-testid="permission-card"][data-state="pending"]`,
  );
  if (card) {
    card.scrollIntoView({ block: "center" });
    return;
  }
  if (frames > 0) requestAnimationFrame(() => scrollToAsked(sessionId, frames - 1));
}
