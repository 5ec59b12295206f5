// The model pickers' rules (session header and new-session form): what they offer, show and allow.
import type { ModelChoice, SessionSummary } from "../../shared/contracts/index.js";

/** Why the header's model picker is disabled during a turn. */
export const MODEL_BETWEEN_TURNS = "The model can change between turns: wait for this turn to end, or cancel it";

/**
 * Why the header's model picker cannot be used now, or `null` when it can: not during a turn (`running`) or while the
 * CLI starts, not while a change is on its way (`busy`), not before the list is known.
 */
export function modelPickerBlocked(session: SessionSummary | undefined, busy: boolean, listed: boolean): string | null {
  if (!session) return "No session";
  if (session.state === "running") return MODEL_BETWEEN_TURNS;
  if (session.state === "starting") return "The CLI is starting";
  if (busy) return "Changing the model…";
  if (!listed) return "Asking the CLI for its models…";
  return null;
}

/**
 * The options of a picker: the CLI's `models` in its order, plus `current` first when the list does not name it (a
 * wire id the CLI reported, or a model chosen before the list was known), so the picker always shows what is in force.
 */
export function modelOptions(models: readonly ModelChoice[], current: string | undefined): ModelChoice[] {
  if (!current || models.some((m) => m.id === current)) return [...models];
  return [{ id: current, name: current }, ...models];
}

/** The words for model `id`: its name in `models` (with the id when they differ), else the id itself. */
export function modelLabel(models: readonly ModelChoice[], id: string): string {
  const found = models.find((m) => m.id === id);
  if (!found?.name || found.name === id) return id;
  return `${found.name} (${id})`;
}
