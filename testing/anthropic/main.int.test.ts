// `npm run model-server:anthropic` as a child process: prints its URL and setup, serves, and exits on SIGTERM.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { SCENARIOS } from "../scenarios/scenarios.js";
import { claudeRequest, parseSseText, post, streamedText } from "./test-helpers.js";

const here = path.dirname(fileURLToPath(import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
});

it("starts on a free port, prints the URL and Claude Code setup, answers, and exits cleanly on SIGTERM", async () => {
  child = spawn(process.execPath, ["--import", "tsx", path.join(here, "main.ts"), "--port", "0"], {
    env: { ...process.env, ANTHROPIC_STANDIN_PORT: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child?.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (found && output.includes("ANTHROPIC_BASE_URL=")) resolve(found);
    });
    child?.once("exit", (code) => reject(new Error(`exited early with ${code}: ${output}`)));
  });
  expect(output).toContain(`ANTHROPIC_BASE_URL=${url}`);
  const res = await post(url, claudeRequest("scenario:text"));
  expect(SCENARIOS.text?.steps[0]?.blocks[0]).toEqual({
    kind: "text",
    text: streamedText(parseSseText(await res.text())),
  });
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = await exited;
  expect(code).toBe(0);
}, 20_000);
