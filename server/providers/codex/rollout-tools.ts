// Decodes the tool-call payloads of a Codex rollout: a call's kind and arguments, a result's output and failure.
import { isObject } from "../cli-json.js";
import { type CodexRecord, contentText } from "./rollout-records.js";

/** Shell tool names across Codex versions (`shell` with an argv array, later `shell_command` / `exec_command`). */
const SHELL_TOOLS = new Set(["shell", "shell_command", "exec_command", "local_shell", "container.exec"]);

/**
 * The ACP tool kind (CONTRACTS.md section 2, `ToolCallUpsert.kind`) of a rollout tool name: `execute` for the shell
 * tools (CLI-NOTES.md: the names changed across versions), `edit` for `apply_patch`, else `undefined`.
 */
export function toolKind(toolName: string): "execute" | "edit" | undefined {
  return SHELL_TOOLS.has(toolName) ? "execute" : toolName === "apply_patch" ? "edit" : undefined;
}

/**
 * The arguments of a tool-call payload as an object: `custom_tool_call` → `{ input }` (`{ patch }` for
 * `apply_patch`), `local_shell_call` → its `action`, `function_call` → its `arguments` JSON string parsed
 * (`{ value }` when that is not an object, `{ raw }` when it is not JSON). Never throws.
 */
export function toolArguments(payload: CodexRecord, name: string): Record<string, unknown> {
  if (payload.type === "custom_tool_call") {
    const input = typeof payload.input === "string" ? payload.input : "";
    return name === "apply_patch" ? { patch: input } : { input };
  }
  if (payload.type === "local_shell_call") return isObject(payload.action) ? payload.action : {};
  if (typeof payload.arguments !== "string") return isObject(payload.arguments) ? payload.arguments : {};
  try {
    const parsed: unknown = JSON.parse(payload.arguments);
    return isObject(parsed) ? parsed : { value: parsed };
  } catch {
    return { raw: payload.arguments };
  }
}

/**
 * A tool output as text plus failure: a plain string (with an optional `Exit code: N` header), a JSON string
 * `{ output, metadata: { exit_code } }`, or a structured `{ content, success }` / content-item array. `exitCode` is
 * set only when the output records one. Never throws.
 */
export function parseToolOutput(raw: unknown): { text: string; isError: boolean; exitCode?: number } {
  if (typeof raw === "string") {
    if (raw.trimStart().startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isObject(parsed) && "output" in parsed) {
          const text = typeof parsed.output === "string" ? parsed.output : JSON.stringify(parsed.output);
          const exitCode = isObject(parsed.metadata) ? parsed.metadata.exit_code : undefined;
          if (typeof exitCode === "number") return { text, isError: exitCode !== 0, exitCode };
          return { text, isError: false };
        }
      } catch {
        // not JSON after all: a plain output that starts with "{"
      }
    }
    const header = /^Exit code: (-?\d+)/.exec(raw);
    if (header?.[1] !== undefined) {
      const exitCode = Number(header[1]);
      return { text: raw, isError: exitCode !== 0, exitCode };
    }
    return { text: raw, isError: false };
  }
  if (Array.isArray(raw)) return { text: contentText(raw), isError: false };
  if (isObject(raw)) {
    const text = typeof raw.content === "string" ? raw.content : contentText(raw.content);
    return { text, isError: raw.success === false };
  }
  return { text: raw === undefined || raw === null ? "" : String(raw), isError: false };
}
