// The attention fan-out (issue 17 §1–2): every socket hears every session's approvals and turn ends, watched or not.
import type {
  AttentionApproval,
  AttentionTurn,
  PermissionRequest,
  ServerMessage,
  StreamMessage,
} from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";

/** The service events the fan-out listens to (a part of `SessionService`). */
export type AttentionSource = Pick<SessionService, "onAnyStream" | "onPermissionRequest" | "onPermissionResolved">;

/**
 * What the server run has seen that may need the user: every waiting approval (by request id) and each session's
 * last turn end. Fed by the service's events; read for the `attention:snapshot` a socket gets as it connects.
 */
export class AttentionLedger {
  private readonly approvals = new Map<string, AttentionApproval>();
  private readonly turns = new Map<string, AttentionTurn>();

  /** Records a waiting approval; returns its entry (`askedAt` = `now`). */
  asked(sessionId: string, request: PermissionRequest, now = new Date()): AttentionApproval {
    const entry = { sessionId, request, askedAt: now.toISOString() };
    this.approvals.set(request.requestId, entry);
    return entry;
  }

  /** Forgets an answered or closed approval. */
  resolved(requestId: string): void {
    this.approvals.delete(requestId);
  }

  /** A stream message: a terminal turn event becomes the session's last turn end (returned); anything else `null`. */
  streamed(message: StreamMessage, now = new Date()): AttentionTurn | null {
    if (message.type !== "session:turn" || message.payload.type === "turn_started") return null;
    const { payload } = message;
    const turn: AttentionTurn =
      payload.type === "turn_error"
        ? {
            sessionId: message.sessionId,
            turnId: payload.turnId,
            outcome: "error",
            errorMessage: payload.errorMessage,
            endedAt: now.toISOString(),
          }
        : { sessionId: message.sessionId, turnId: payload.turnId, outcome: payload.status, endedAt: now.toISOString() };
    this.turns.set(message.sessionId, turn);
    return turn;
  }

  /** `attention:snapshot`: the waiting approvals (oldest first) and the last turn end of each session. */
  snapshot(): Extract<ServerMessage, { type: "attention:snapshot" }> {
    return { type: "attention:snapshot", approvals: [...this.approvals.values()], turns: [...this.turns.values()] };
  }
}

/**
 * Subscribes a ledger to `service` and sends `attention:approval` / `attention:resolved` / `attention:turn` through
 * `broadcast` (to every connected socket). Returns the ledger (for each new socket's snapshot) and the unsubscriber.
 */
export function startAttentionFanout(
  service: AttentionSource,
  broadcast: (message: ServerMessage) => void,
): { ledger: AttentionLedger; stop(): void } {
  const ledger = new AttentionLedger();
  const unsubscribers = [
    service.onPermissionRequest((sessionId, request) => {
      broadcast({ type: "attention:approval", ...ledger.asked(sessionId, request) });
    }),
    service.onPermissionResolved((resolution) => {
      ledger.resolved(resolution.requestId);
      broadcast({ type: "attention:resolved", sessionId: resolution.sessionId, requestId: resolution.requestId });
    }),
    service.onAnyStream((message) => {
      const turn = ledger.streamed(message);
      if (turn) broadcast({ type: "attention:turn", ...turn });
    }),
  ];
  return {
    ledger,
    stop: () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
