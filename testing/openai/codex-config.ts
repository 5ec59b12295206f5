// Writes a Codex `config.toml` that points Codex at a local Responses API server (see CLI-NOTES.md, Codex section).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveCodexExecutable, sandboxAvailable } from "../../server/providers/codex/executable.js";

/** Options of `codexConfigToml` / `writeCodexConfig`. */
export interface CodexConfigOptions {
  /** The provider's `base_url`, e.g. `OpenAIServer.baseUrl` (`http://127.0.0.1:PORT/v1`); Codex POSTs `{base_url}/responses`. */
  baseUrl: string;
  /** Default `gpt-5.4` (a model Codex knows; an unknown name adds a warning to every turn). */
  model?: string;
  /** Codex `approval_policy`: `untrusted` | `on-failure` | `on-request` | `never`; default `on-request`. */
  approvalPolicy?: string;
  /**
   * Codex `sandbox_mode`: `read-only` | `workspace-write` | `danger-full-access`; default {@link localSandboxMode}
   * (`workspace-write` where Codex's sandbox can run, else `danger-full-access`).
   */
  sandboxMode?: string;
}

/**
 * The sandbox mode Codex can run with on this machine: `workspace-write` when its Linux sandbox is available (a
 * `bwrap`, per the Codex provider's `sandboxAvailable`), else `danger-full-access` (every sandboxed command would
 * fail with "bubblewrap is unavailable").
 */
export function localSandboxMode(): "workspace-write" | "danger-full-access" {
  let executable = "";
  try {
    executable = resolveCodexExecutable();
  } catch {
    // codex-acp not installed: only PATH can offer a bwrap.
  }
  return sandboxAvailable(process.env.PATH, executable) ? "workspace-write" : "danger-full-access";
}

/** A TOML basic string. */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

/**
 * The config.toml text: model provider `local` (Responses wire API, key from env `LOCAL_MODEL_API_KEY`, sent as a
 * Bearer token, no request or stream retries), analytics and feedback off, no update check.
 */
export function codexConfigToml(options: CodexConfigOptions): string {
  return [
    `model = ${tomlString(options.model ?? "gpt-5.4")}`,
    `model_provider = "local"`,
    `approval_policy = ${tomlString(options.approvalPolicy ?? "on-request")}`,
    `sandbox_mode = ${tomlString(options.sandboxMode ?? localSandboxMode())}`,
    "check_for_update_on_startup = false",
    "",
    "[analytics]",
    "enabled = false",
    "",
    "[feedback]",
    "enabled = false",
    "",
    "[model_providers.local]",
    `name = "local"`,
    `base_url = ${tomlString(options.baseUrl)}`,
    `wire_api = "responses"`,
    `env_key = "LOCAL_MODEL_API_KEY"`,
    "request_max_retries = 0",
    "stream_max_retries = 0",
    "",
  ].join("\n");
}

/**
 * Writes `<codexHome>/config.toml` (creating `codexHome` if needed), replacing any existing file. Run Codex with
 * `CODEX_HOME=<codexHome>` and `LOCAL_MODEL_API_KEY=<any non-empty value>`. Throws on file system errors.
 */
export function writeCodexConfig(codexHome: string, options: CodexConfigOptions): void {
  mkdirSync(codexHome, { recursive: true });
  writeFileSync(path.join(codexHome, "config.toml"), codexConfigToml(options));
}
