// Pending permission requests of one session: the first answer wins; unanswered ones close when their turn ends.
import type { PermissionDecision, PermissionRequest } from "../../shared/contracts/index.js";
import { type PermissionResolution, ServiceError } from "./types.js";

interface Pending {
  request: PermissionRequest;
  resolve: (decision: PermissionDecision) => void;
}

/** How many answered/closed request ids are remembered to tell "already answered" from "unknown". */
const REMEMBERED_RESOLUTIONS = 200;

/**
 * The permission requests of one session waiting for the user (CONTRACTS.md section 5). `add` is the handler given
 * to `provider.onPermissionRequest`: it records the request, announces it, and returns the promise the provider
 * awaits. The promise resolves with the first `respond`, or `cancelled` when `closeTurn`/`closeAll` runs first.
 */
export class PendingPermissions {
  private readonly pending = new Map<string, Pending>();
  private readonly resolved = new Map<string, PermissionResolution>();

  constructor(
    private readonly sessionId: string,
    private readonly announce: (request: PermissionRequest) => void,
    private readonly resolvedListener: (resolution: PermissionResolution) => void,
  ) {}

  /** Records `request` and resolves when it is answered or closed. A repeated `requestId` replaces the older one. */
  add(request: PermissionRequest): Promise<PermissionDecision> {
    this.pending.get(request.requestId)?.resolve({ outcome: "cancelled", reason: "replaced" });
    return new Promise<PermissionDecision>((resolve) => {
      this.pending.set(request.requestId, { request, resolve });
      this.announce(request);
    });
  }

  /** Requests still waiting, oldest first. */
  list(): PermissionRequest[] {
    return [...this.pending.values()].map((p) => p.request);
  }

  /**
   * Answers `requestId` with `optionId` (one of the request's options) and, for an option with `feedback`, the
   * user's `message` for the agent (ignored for any other option).
   * @throws ServiceError `PERMISSION_REQUEST_NOT_FOUND` for an unknown id or one already answered/closed (the
   *   message says which), `INVALID_REQUEST` for an `optionId` the request does not offer.
   */
  respond(requestId: string, optionId: string, message?: string): PermissionResolution {
    const entry = this.pending.get(requestId);
    if (!entry) {
      const earlier = this.resolved.get(requestId);
      const message = !earlier
        ? `No pending permission request ${requestId} in session ${this.sessionId}`
        : earlier.outcome === "selected"
          ? `Permission request ${requestId} was already answered (${earlier.optionId})`
          : `Permission request ${requestId} was already closed (its turn ended or the CLI stopped)`;
      throw new ServiceError("PERMISSION_REQUEST_NOT_FOUND", message);
    }
    const option = entry.request.options.find((o) => o.optionId === optionId);
    if (!option) {
      const offered = entry.request.options.map((o) => o.optionId).join(", ");
      throw new ServiceError("INVALID_REQUEST", `Option ${optionId} is not one of ${offered}`);
    }
    const words = option.feedback ? message?.trim() : undefined;
    return this.finish(entry, { outcome: "selected", optionId, ...(words ? { message: words } : {}) });
  }

  /** Closes (`cancelled`) every request of `turnId`: the turn ended or was cancelled. */
  closeTurn(turnId: string, reason: string): void {
    for (const entry of [...this.pending.values()]) {
      if (entry.request.turnId === turnId) this.finish(entry, { outcome: "cancelled", reason });
    }
  }

  /** Closes (`cancelled`) every request: the process ended or the server stops. */
  closeAll(reason: string): void {
    for (const entry of [...this.pending.values()]) this.finish(entry, { outcome: "cancelled", reason });
  }

  private finish(entry: Pending, decision: PermissionDecision): PermissionResolution {
    const { requestId } = entry.request;
    this.pending.delete(requestId);
    const resolution: PermissionResolution =
      decision.outcome === "selected"
        ? { sessionId: this.sessionId, requestId, optionId: decision.optionId, outcome: "selected" }
        : { sessionId: this.sessionId, requestId, outcome: "cancelled" };
    this.resolved.set(requestId, resolution);
    if (this.resolved.size > REMEMBERED_RESOLUTIONS) {
      const oldest = this.resolved.keys().next().value;
      if (oldest !== undefined) this.resolved.delete(oldest);
    }
    entry.resolve(decision);
    this.resolvedListener(resolution);
    return resolution;
  }
}
