// Claude `canUseTool` ⇄ the provider's permission requests (CONTRACTS.md section 5): ask, answer, or deny.
import { randomUUID } from "node:crypto";
import type { CanUseTool, PermissionResult, PermissionUpdate } from "@anthropic-ai/claude-agent-sdk";
import {
  type PermissionDecision,
  type PermissionMode,
  PermissionModeSchema,
  type PermissionOption,
  type PermissionRequest,
} from "../../../shared/contracts/index.js";

/** Answers one permission request; see `CliProvider.onPermissionRequest`. */
export type PermissionHandler = (request: PermissionRequest) => Promise<PermissionDecision>;

/** The Claude provider's own option ids: allow once, allow always (with the CLI's suggested rules), deny. */
export const CLAUDE_PERMISSION_OPTIONS: readonly PermissionOption[] = [
  { optionId: "allow", name: "Allow once", kind: "allow_once" },
  { optionId: "allow_always", name: "Allow always", kind: "allow_always" },
  { optionId: "deny", name: "Deny", kind: "reject_once", feedback: true },
];

/** How allow always reads when the CLI's suggestion switches the session's mode (Claude Code's own wording). */
const ALWAYS_WITH_MODE: Partial<Record<PermissionMode, string>> = {
  acceptEdits: "Allow all edits this session",
  bypassPermissions: "Allow everything this session",
};

/**
 * The options of one request: {@link CLAUDE_PERMISSION_OPTIONS}, without allow always when the SDK suppresses it.
 * When the CLI's suggestions (which allow always applies) switch the session's mode (`setMode`, destination
 * `session`, e.g. `acceptEdits` for a Write), allow always carries `setsMode` and says so in its name.
 */
export function permissionOptions(
  suggestions: PermissionUpdate[] | undefined,
  suppressAlways: boolean | undefined,
): PermissionOption[] {
  const setMode = suggestions?.find((s) => s.type === "setMode" && s.destination === "session");
  const parsed = PermissionModeSchema.safeParse(setMode?.type === "setMode" ? setMode.mode : undefined);
  const mode = parsed.success ? parsed.data : undefined;
  return CLAUDE_PERMISSION_OPTIONS.flatMap((option) => {
    if (option.kind !== "allow_always") return [option];
    if (suppressAlways) return [];
    if (!mode) return [option];
    return [{ ...option, name: ALWAYS_WITH_MODE[mode] ?? `${option.name} (${mode} this session)`, setsMode: mode }];
  });
}

/** The message the model sees when the user (or nobody) denied a tool call. */
export const DENIED_MESSAGE = "The user denied this tool call.";

/** What the model sees when the user denied a tool call and said why (`canUseTool` deny `message`). */
export function deniedWithReason(reason: string): string {
  return `${DENIED_MESSAGE} The user said: ${reason}`;
}

type CanUseToolOptions = Parameters<CanUseTool>[2];

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A short human label for a tool call when the CLI gives none, e.g. `Run echo hi`, `Write /p/hello.txt`. */
export function permissionTitle(toolName: string, input: Record<string, unknown>): string {
  const command = text(input.command);
  const file = text(input.file_path) ?? text(input.notebook_path) ?? text(input.path);
  if (toolName === "Bash" && command) return `Run ${command}`;
  if (file) return `${toolName} ${file}`;
  return toolName;
}

/** The edit a Write / Edit call would make, for the permission prompt (`oldText` absent for a new file). */
export function permissionDiff(toolName: string, input: Record<string, unknown>): PermissionRequest["diff"] {
  const filePath = text(input.file_path);
  if (!filePath) return undefined;
  if (toolName === "Write" && text(input.content) !== undefined) {
    return { path: filePath, newText: text(input.content) as string };
  }
  if (toolName === "Edit" && text(input.new_string) !== undefined) {
    const oldText = text(input.old_string);
    return { path: filePath, newText: text(input.new_string) as string, ...(oldText === undefined ? {} : { oldText }) };
  }
  return undefined;
}

/** The SDK answer for a decision: allow (with the suggested rules for allow-always) or deny. */
export function toPermissionResult(
  decision: PermissionDecision,
  input: Record<string, unknown>,
  suggestions: PermissionUpdate[] | undefined,
): PermissionResult {
  if (decision.outcome === "selected" && decision.optionId === "allow") {
    return { behavior: "allow", updatedInput: input };
  }
  if (decision.outcome === "selected" && decision.optionId === "allow_always") {
    return suggestions && suggestions.length > 0
      ? { behavior: "allow", updatedInput: input, updatedPermissions: suggestions }
      : { behavior: "allow", updatedInput: input };
  }
  const reason = decision.outcome === "selected" ? decision.message : undefined;
  return { behavior: "deny", message: reason ? deniedWithReason(reason) : DENIED_MESSAGE };
}

/**
 * One session's permission requests. `canUseTool` is given to the SDK; each call becomes a {@link PermissionRequest}
 * for the latest registered handler. A request is denied when no handler is registered, when no turn is running,
 * when the handler fails, when the SDK aborts it, and when `closeAll` runs (turn ended, cancelled, process gone)
 * before the answer.
 */
export class PermissionBroker {
  private readonly handlers: PermissionHandler[] = [];
  private readonly pending = new Map<string, (decision: PermissionDecision) => void>();

  constructor(
    private readonly sessionId: string,
    private readonly currentTurnId: () => string | undefined,
  ) {}

  /** Registers `handler` (the latest one answers); returns the unregister function. */
  addHandler(handler: PermissionHandler): () => void {
    this.handlers.push(handler);
    return () => {
      const index = this.handlers.indexOf(handler);
      if (index >= 0) this.handlers.splice(index, 1);
    };
  }

  /** Number of requests waiting for an answer. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Denies every waiting request (`reason` goes into the `cancelled` decision). */
  closeAll(reason: string): void {
    for (const resolve of [...this.pending.values()]) resolve({ outcome: "cancelled", reason });
  }

  /** The SDK `canUseTool` callback of this session. */
  readonly canUseTool: CanUseTool = async (toolName, input, options) => {
    const decision = await this.ask(toolName, input, options);
    return { ...toPermissionResult(decision, input, options.suggestions), toolUseID: options.toolUseID };
  };

  private async ask(
    toolName: string,
    input: Record<string, unknown>,
    options: CanUseToolOptions,
  ): Promise<PermissionDecision> {
    const handler = this.handlers.at(-1);
    const turnId = this.currentTurnId();
    if (!handler || turnId === undefined) return { outcome: "cancelled", reason: "no handler" };
    if (options.signal.aborted) return { outcome: "cancelled", reason: "aborted" };
    const requestId = randomUUID();
    const diff = permissionDiff(toolName, input);
    const request: PermissionRequest = {
      requestId,
      sessionId: this.sessionId,
      turnId,
      callId: options.toolUseID,
      toolName,
      title: options.title ?? permissionTitle(toolName, input),
      input,
      options: permissionOptions(options.suggestions, options.suppressAlwaysAllowRule),
      ...(diff ? { diff } : {}),
    };
    return new Promise<PermissionDecision>((resolve) => {
      const onAbort = () => finish({ outcome: "cancelled", reason: "aborted" });
      const finish = (decision: PermissionDecision) => {
        if (!this.pending.delete(requestId)) return;
        options.signal.removeEventListener("abort", onAbort);
        resolve(decision);
      };
      this.pending.set(requestId, finish);
      options.signal.addEventListener("abort", onAbort, { once: true });
      Promise.resolve()
        .then(() => handler(request))
        .then(finish, (error: unknown) => finish({ outcome: "cancelled", reason: String(error) }));
    });
  }
}
