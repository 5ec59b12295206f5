// A Chrome DevTools Protocol session to a Node process started with `--inspect=127.0.0.1:0`: the process's own heap
// figures, read from outside it, so the server under test needs no route or flag of its own for them.
import WebSocket from "ws";
import type { GroupProcess } from "./spawn.js";

/** The Node flag that opens the inspector on a free loopback port (its URL is printed on stderr). */
export const INSPECT_ARG = "--inspect=127.0.0.1:0";

/** What `process.memoryUsage()` says inside the inspected process, in bytes. */
export interface ProcessMemory {
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

/** An open inspector session. */
export interface Inspector {
  /**
   * Runs a full garbage collection (`HeapProfiler.collectGarbage`, twice, so what the first one freed through
   * finalizers goes too), then reads `process.memoryUsage()` inside the process.
   */
  memoryAfterGc(): Promise<ProcessMemory>;
  close(): void;
}

/**
 * The `ws://127.0.0.1:<port>/<uuid>` URL the process printed on stderr ("Debugger listening on …").
 * @throws Error when no such line appears within `timeoutMs` (default 10 s) or the process exits first.
 */
export async function inspectorUrl(proc: GroupProcess, timeoutMs = 10_000): Promise<string> {
  const find = () => /Debugger listening on (ws:\/\/\S+)/.exec(proc.stderr())?.[1];
  const found = find();
  if (found) return found;
  const stderr = proc.child.stderr;
  if (!stderr) throw new Error("the process has no stderr");
  let onData: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      onData = () => {
        const url = find();
        if (url) resolve(url);
      };
      // After spawnGroup's own listener, which keeps the text `find` reads.
      stderr.on("data", onData);
      proc.exited.then(() => reject(new Error(`the process exited before its inspector opened: ${proc.stderr()}`)));
      timer = setTimeout(() => reject(new Error(`no inspector URL on stderr within ${timeoutMs} ms`)), timeoutMs);
    });
  } finally {
    clearTimeout(timer);
    if (onData) stderr.off("data", onData);
  }
}

/**
 * Connects to the inspector at `url`.
 * @throws Error when the socket cannot be opened; the methods reject with the protocol's error message.
 */
export async function connectInspector(url: string): Promise<Inspector> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return; // an event
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(`inspector: ${message.error.message}`));
    else waiter?.resolve(message.result);
  });
  socket.on("close", () => {
    for (const waiter of pending.values()) waiter.reject(new Error("inspector: the socket closed"));
    pending.clear();
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    async memoryAfterGc() {
      await call("HeapProfiler.collectGarbage");
      await call("HeapProfiler.collectGarbage");
      const result = (await call("Runtime.evaluate", {
        expression: "JSON.stringify(process.memoryUsage())",
        returnByValue: true,
      })) as { result?: { value?: unknown }; exceptionDetails?: { text?: string } };
      if (typeof result.result?.value !== "string") {
        throw new Error(`inspector: process.memoryUsage() failed: ${result.exceptionDetails?.text ?? "no value"}`);
      }
      return JSON.parse(result.result.value) as ProcessMemory;
    },
    close: () => socket.terminate(),
  };
}
