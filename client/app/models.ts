// The model commands (`session:models`, `session:model`, `cli:models` on /ws): each resolves with its reply's data;
// a failure resolves `null` (a refused change is shown to the user in words first).
import type { CliModelsResponse, ModelsResponse, SetModelResponse } from "../../shared/contracts/index.js";
import { reportCommandError } from "./commands.js";
import type { AppContext } from "./context.js";

/** What the header's model picker and the new-session form call. */
export interface ModelActions {
  /** The session's models and current model (`null` when the question failed, e.g. disconnected). */
  sessionModels(sessionId: string): Promise<ModelsResponse | null>;
  /**
   * Makes `model` (and `effort`) the session's model from its next turn; the server's `session:updated` carries the
   * summary's new `model`. Resolves the reply, or `null` after a refusal (`UNKNOWN_MODEL`, `TURN_IN_PROGRESS`, …)
   * was shown to the user in words.
   */
  setModel(sessionId: string, model: string, effort?: string): Promise<SetModelResponse | null>;
  /** The CLI's last known models for the new-session form (`null` when the question failed). */
  cliModels(cliType: string): Promise<CliModelsResponse | null>;
}

/** The {@link ModelActions} over `ctx.transport`. */
export function createModelActions(ctx: AppContext): ModelActions {
  const { transport } = ctx;
  return {
    async sessionModels(sessionId) {
      try {
        const reply = await transport.request({ type: "session:models", sessionId }, 60_000);
        if (reply.type !== "session:models") return null;
        const { type: _type, requestId: _requestId, sessionId: _sessionId, ...models } = reply;
        return models;
      } catch {
        return null;
      }
    },
    async setModel(sessionId, model, effort) {
      try {
        const reply = await transport.request({
          type: "session:model",
          sessionId,
          model,
          ...(effort ? { effort } : {}),
        });
        if (reply.type !== "session:model") return null;
        return { current: reply.current, ...(reply.effort ? { effort: reply.effort } : {}) };
      } catch (error) {
        reportCommandError(ctx, error);
        return null;
      }
    },
    async cliModels(cliType) {
      try {
        const reply = await transport.request({ type: "cli:models", cliType });
        if (reply.type !== "cli:models") return null;
        const { type: _type, requestId: _requestId, ...models } = reply;
        return models;
      } catch {
        return null;
      }
    },
  };
}
