// Maps a scenario tool block to a real Claude Code tool call (Bash, Read, Write, Edit) with its input.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ScenarioToolBlock } from "../scenarios/scenarios.js";

/** A Claude Code tool invocation: the `name` and `input` of an Anthropic `tool_use` content block. */
export interface ClaudeToolCall {
  name: "Bash" | "Read" | "Write" | "Edit";
  input: Record<string, string>;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random id in the style of the Anthropic API: `<prefix>01` followed by 22 base62 characters (e.g. `toolu_01…`). */
export function randomId(prefix: string): string {
  const bytes = randomBytes(22);
  let out = `${prefix}01`;
  for (const byte of bytes) out += BASE62[byte % BASE62.length];
  return out;
}

/** Resolves a scenario path against the session's working directory (absolute paths are kept). */
export function resolveToolPath(filePath: string, cwd: string): string {
  return path.isAbsolute(filePath) ? filePath : path.resolve(cwd, filePath);
}

/**
 * The Claude Code tool call for a scenario tool block: shell → `Bash { command, description }`, read →
 * `Read { file_path }`, write → `Write { file_path, content }`, edit → `Edit { file_path, old_string, new_string }`.
 * Relative paths are resolved against `cwd` (Claude Code's file tools require absolute paths).
 */
export function claudeToolCall(block: ScenarioToolBlock, cwd: string): ClaudeToolCall {
  switch (block.tool) {
    case "shell":
      return { name: "Bash", input: { command: block.command, description: `Run ${block.command}`.slice(0, 80) } };
    case "read":
      return { name: "Read", input: { file_path: resolveToolPath(block.path, cwd) } };
    case "write":
      return { name: "Write", input: { file_path: resolveToolPath(block.path, cwd), content: block.content } };
    case "edit":
      return {
        name: "Edit",
        input: { file_path: resolveToolPath(block.path, cwd), old_string: block.oldText, new_string: block.newText },
      };
  }
}

/** Splits a JSON string into `input_json_delta` pieces of at most `size` characters (code points kept whole). */
export function splitJson(json: string, size = 16): string[] {
  const chars = Array.from(json);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(""));
  return pieces;
}
