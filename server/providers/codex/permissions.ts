// Permission modes onto codex-acp's session modes, and ACP session/request_permission onto PermissionRequests.
import { randomUUID } from "node:crypto";
import type {
  PermissionOption as AcpPermissionOption,
  RequestPermissionRequest,
  RequestPermissionResponse,
  SessionModeState,
} from "@agentclientprotocol/sdk";
import type {
  PermissionDecision,
  PermissionMode,
  PermissionOption,
  PermissionRequest,
} from "../../../shared/contracts/index.js";
import { argumentsOf, diffsOf, titleOf, toolNameOf } from "./tool-content.js";

/**
 * The codex-acp session mode (one of Codex's approval presets) for each permission mode:
 * - `default` → `auto` ("Default": on-request approvals, workspace-write sandbox: Codex asks before going further);
 * - `acceptEdits` → `auto` too (edits inside the workspace need no approval there); the provider also allows any
 *   edit request itself (see `automaticAnswer`);
 * - `plan` → `read-only` (reads only; approval needed to edit), and the provider rejects what is still asked;
 * - `bypassPermissions` → `full-access` (never asks, no sandbox).
 * codex-acp offers modes only when the running approval policy and sandbox match a preset (not for on-request with
 * danger-full-access, the no-bwrap fallback); the provider's own answers then carry the mode alone.
 */
export const CODEX_MODE_FOR: Record<PermissionMode, string> = {
  default: "auto",
  acceptEdits: "auto",
  plan: "read-only",
  bypassPermissions: "full-access",
};

/**
 * The ACP mode id to `session/set_mode` for `mode`, or undefined when that is not possible or not wise: the agent
 * offers no modes, does not offer this one, or the mode runs commands in a sandbox that cannot run here (only
 * `full-access` is safe without bwrap).
 */
export function acpModeFor(
  mode: PermissionMode,
  modes: SessionModeState | null | undefined,
  sandboxAvailable: boolean,
): string | undefined {
  const target = CODEX_MODE_FOR[mode];
  if (!modes?.availableModes.some((m) => m.id === target)) return undefined;
  if (!sandboxAvailable && target !== "full-access") return undefined;
  return target;
}

const EDIT_KINDS = new Set(["edit", "delete", "move"]);

function pick(options: readonly AcpPermissionOption[], kind: string): RequestPermissionResponse | undefined {
  const option = options.find((o) => o.kind === kind);
  return option ? { outcome: { outcome: "selected", optionId: option.optionId } } : undefined;
}

/**
 * The provider's own answer under `mode`, or undefined to ask the user: `bypassPermissions` allows everything and
 * `acceptEdits` allows edits (the agent's `allow_once` option); `plan` rejects everything (`reject_once`, else
 * `cancelled`); `default` always asks.
 */
export function automaticAnswer(
  mode: PermissionMode,
  request: RequestPermissionRequest,
): RequestPermissionResponse | undefined {
  const kind = request.toolCall.kind ?? undefined;
  if (mode === "bypassPermissions" || (mode === "acceptEdits" && kind && EDIT_KINDS.has(kind))) {
    return pick(request.options, "allow_once") ?? pick(request.options, "allow_always");
  }
  if (mode === "plan") return pick(request.options, "reject_once") ?? { outcome: { outcome: "cancelled" } };
  return undefined;
}

const OPTION_KINDS = new Set(["allow_once", "allow_always", "reject_once", "reject_always"]);

/** The app's `PermissionRequest` for an ACP `session/request_permission` (the agent's own option ids). */
export function toPermissionRequest(
  request: RequestPermissionRequest,
  sessionId: string,
  turnId: string,
): PermissionRequest {
  const toolCall = request.toolCall;
  const toolName = toolNameOf(toolCall);
  const input = argumentsOf(toolCall.rawInput);
  const diffs = diffsOf(toolCall.content ?? []);
  if (diffs.length > 0) input.diffs = diffs;
  const options = request.options
    .filter((o) => OPTION_KINDS.has(o.kind))
    .map((o): PermissionOption => ({ optionId: o.optionId, name: o.name, kind: o.kind as PermissionOption["kind"] }));
  const title = titleOf(toolCall.title ?? undefined, toolName, input);
  return {
    requestId: randomUUID(),
    sessionId,
    turnId,
    callId: toolCall.toolCallId,
    toolName,
    input,
    options,
    ...(title ? { title } : {}),
    ...(diffs[0] ? { diff: diffs[0] } : {}),
  };
}

/** The ACP answer for the handler's decision: a known option id is selected, anything else is `cancelled`. */
export function toAcpResponse(decision: PermissionDecision, request: PermissionRequest): RequestPermissionResponse {
  if (decision.outcome === "selected" && request.options.some((o) => o.optionId === decision.optionId)) {
    return { outcome: { outcome: "selected", optionId: decision.optionId } };
  }
  return { outcome: { outcome: "cancelled" } };
}

/**
 * The open permission requests of one session. Each resolves with the handler's answer, or `cancelled` when there
 * is no handler, the handler fails, the agent withdraws the request, or `closeAll` runs (turn end, cancel, crash):
 * codex-acp does not withdraw a pending request on cancel, so the provider closes it itself.
 */
export class PermissionBroker {
  private readonly open = new Set<(response: RequestPermissionResponse) => void>();

  /** Asks `handler` (when set) about `request`; resolves with the ACP response. */
  ask(
    request: PermissionRequest,
    handler: ((request: PermissionRequest) => Promise<PermissionDecision>) | undefined,
    signal: AbortSignal,
  ): Promise<RequestPermissionResponse> {
    const cancelled: RequestPermissionResponse = { outcome: { outcome: "cancelled" } };
    if (!handler || signal.aborted) return Promise.resolve(cancelled);
    return new Promise((resolve) => {
      const settle = (response: RequestPermissionResponse) => {
        if (!this.open.delete(settle)) return;
        signal.removeEventListener("abort", onAbort);
        resolve(response);
      };
      const onAbort = () => settle(cancelled);
      this.open.add(settle);
      signal.addEventListener("abort", onAbort);
      Promise.resolve()
        .then(() => handler(request))
        .then(
          (decision) => settle(toAcpResponse(decision, request)),
          () => settle(cancelled),
        );
    });
  }

  /** Answers every open request with `cancelled`. */
  closeAll(): void {
    for (const settle of [...this.open]) settle({ outcome: { outcome: "cancelled" } });
  }

  /** How many requests are waiting for an answer. */
  get pending(): number {
    return this.open.size;
  }
}
