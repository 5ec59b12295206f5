// The notification settings (issue 17 §1): each kind on or off and an optional sound, kept in localStorage.
import type { AttentionKind } from "./attention.js";
import type { KeyValueStorage } from "./persist.js";

/** Per kind of attention whether a notification is shown; `sound`: a short tone with each one. */
export interface NotifySettings {
  approval: boolean;
  failed: boolean;
  finished: boolean;
  sound: boolean;
}

/** Every kind on, no sound. */
export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = { approval: true, failed: true, finished: true, sound: false };

const KEY = "liminal:v1:notify-settings";

/** The saved settings; a missing, corrupt or partial entry falls back to the defaults field by field. */
export function loadNotifySettings(storage: KeyValueStorage): NotifySettings {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(KEY) ?? "null");
  } catch {
    raw = null;
  }
  const saved = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = (key: keyof NotifySettings) =>
    typeof saved[key] === "boolean" ? (saved[key] as boolean) : DEFAULT_NOTIFY_SETTINGS[key];
  return { approval: pick("approval"), failed: pick("failed"), finished: pick("finished"), sound: pick("sound") };
}

/** Saves the settings (storage full or disabled: forgotten on reload). */
export function saveNotifySettings(storage: KeyValueStorage, settings: NotifySettings): void {
  try {
    storage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // The app still works.
  }
}

/** True when a notification of `kind` is wanted. */
export function wantsNotification(settings: NotifySettings, kind: AttentionKind): boolean {
  return settings[kind];
}

/** A notification's title and body for one entry: the session's name and what happened, in words. */
export function notificationText(
  kind: AttentionKind,
  sessionTitle: string,
  detail: { toolName?: string; errorMessage?: string; projectName?: string },
): { title: string; body: string } {
  const where = detail.projectName ? ` · ${detail.projectName}` : "";
  if (kind === "approval")
    return {
      title: `${sessionTitle} needs your approval`,
      body: `${detail.toolName ? `${detail.toolName} is waiting for you` : "A tool is waiting for you"}${where}`,
    };
  if (kind === "failed")
    return {
      title: `${sessionTitle} failed`,
      body: `${detail.errorMessage ?? "The turn ended with an error"}${where}`,
    };
  return { title: `${sessionTitle} finished`, body: `The turn is done${where}` };
}
