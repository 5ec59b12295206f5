// RefreshQueue: debounced per key, bounded, one job per key at a time, and close() waits for the jobs under way.
import { afterEach, describe, expect, it, vi } from "vitest";
import { RefreshQueue } from "./refresh-queue.js";

afterEach(() => {
  vi.useRealTimers();
});

/** Jobs that end when the test says so. */
function controlledJobs() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const run = (key: string) =>
    new Promise<void>((resolve) => {
      started.push(key);
      finishers.set(key, resolve);
    });
  return { started, run, finish: (key: string) => finishers.get(key)?.() };
}

describe("RefreshQueue", () => {
  it("runs a key once after the last of several schedules, and reruns it once when scheduled while running", async () => {
    vi.useFakeTimers();
    const jobs = controlledJobs();
    const queue = new RefreshQueue(jobs.run, 2);
    queue.schedule("a", 100);
    await vi.advanceTimersByTimeAsync(60);
    queue.schedule("a", 100);
    await vi.advanceTimersByTimeAsync(99);
    expect(jobs.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(jobs.started).toEqual(["a"]);
    queue.schedule("a", 0);
    queue.schedule("a", 0);
    await vi.advanceTimersByTimeAsync(10);
    expect(jobs.started).toEqual(["a"]);
    jobs.finish("a");
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs.started).toEqual(["a", "a"]);
  });

  it("runs at most `concurrency` jobs at once", async () => {
    vi.useFakeTimers();
    const jobs = controlledJobs();
    const queue = new RefreshQueue(jobs.run, 2);
    for (const key of ["a", "b", "c"]) queue.schedule(key, 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs.started).toEqual(["a", "b"]);
    expect(queue.has("c")).toBe(true);
    jobs.finish("a");
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs.started).toEqual(["a", "b", "c"]);
  });

  it("close() resolves only after the jobs under way ended, and nothing starts afterwards", async () => {
    vi.useFakeTimers();
    const jobs = controlledJobs();
    const queue = new RefreshQueue(jobs.run, 1);
    queue.schedule("a", 0);
    queue.schedule("b", 0);
    await vi.advanceTimersByTimeAsync(0);
    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    jobs.finish("a");
    await closing;
    queue.schedule("c", 0);
    await vi.advanceTimersByTimeAsync(10);
    expect(jobs.started).toEqual(["a"]);
  });
});
