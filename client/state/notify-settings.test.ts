// The notification settings survive a reload field by field; a notification names the session and what happened.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NOTIFY_SETTINGS,
  loadNotifySettings,
  notificationText,
  saveNotifySettings,
  wantsNotification,
} from "./notify-settings.js";
import type { KeyValueStorage } from "./persist.js";

function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe("notification settings", () => {
  it("a kind turned off stays off after a reload; a corrupt or partial entry falls back per field", () => {
    const storage = memoryStorage();
    saveNotifySettings(storage, { ...DEFAULT_NOTIFY_SETTINGS, finished: false, sound: true });
    const loaded = loadNotifySettings(storage);
    expect(wantsNotification(loaded, "finished")).toBe(false);
    expect(wantsNotification(loaded, "approval")).toBe(true);
    expect(loaded.sound).toBe(true);
    storage.setItem("liminal:v1:notify-settings", "{oops");
    expect(loadNotifySettings(storage)).toEqual(DEFAULT_NOTIFY_SETTINGS);
    storage.setItem("liminal:v1:notify-settings", JSON.stringify({ failed: false, approval: "no" }));
    expect(loadNotifySettings(storage)).toEqual({ ...DEFAULT_NOTIFY_SETTINGS, failed: false });
  });

  it("the notification names the session and says what happened", () => {
    expect(notificationText("approval", "Fix login", { toolName: "Bash: npm test", projectName: "api" })).toEqual({
      title: "Fix login needs your approval",
      body: "Bash: npm test is waiting for you · api",
    });
    expect(notificationText("failed", "Fix login", { errorMessage: "Authentication failed" }).body).toBe(
      "Authentication failed",
    );
    expect(notificationText("finished", "Docs", {}).title).toBe("Docs finished");
  });
});
