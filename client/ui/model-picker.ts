// The session header's model picker: the CLI's models (session:models), the one in force, a change between turns.
import type { ModelsResponse, SessionSummary } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import { modelLabel, modelOptions, modelPickerBlocked } from "../state/models.js";
import { h, replaceChildren, setAttr, setHidden } from "./dom.js";

/** A mounted picker: its element and `render(session)`, called by the header whenever the active session changes. */
export interface ModelPicker {
  el: HTMLElement;
  render(session: SessionSummary | undefined): void;
}

/**
 * The picker (`session-model`, plus `session-effort` when the CLI offers effort levels). The list is asked once per
 * session (`session:models`) and kept; the value shown is the summary's `model` when the list names it (what
 * `session:updated` says, so a change made in another browser shows here), else the list's `current`. Disabled during a turn (and while a change
 * is on its way) with the reason as its title; a refused change goes back to the model in force.
 */
export function mountModelPicker(actions: Actions["models"]): ModelPicker {
  const select = h("select", { class: "session-model", "data-testid": "session-model", "aria-label": "Model" });
  const effort = h("select", {
    class: "session-effort",
    "data-testid": "session-effort",
    "aria-label": "Reasoning effort",
    hidden: true,
  });
  const el = h("label", { class: "session-header-model" }, h("span", { class: "muted" }, "Model"), select, effort);
  const lists = new Map<string, ModelsResponse>();
  const asking = new Set<string>();
  let session: SessionSummary | undefined;
  let busy = false;
  let drawnKey = "";

  /** The session state an empty list was answered in: a session without a running CLI gets none (asked again later). */
  const emptyIn = new Map<string, string>();

  const ask = (sessionId: string) => {
    if (lists.has(sessionId) || asking.has(sessionId)) return;
    asking.add(sessionId);
    const askedIn = session?.state ?? "";
    void actions.sessionModels(sessionId).then((list) => {
      asking.delete(sessionId);
      if (list) lists.set(sessionId, list);
      if (list && list.models.length === 0) emptyIn.set(sessionId, askedIn);
      if (session?.sessionId === sessionId) render(session);
    });
  };

  const render = (next: SessionSummary | undefined) => {
    session = next;
    if (!next) return;
    // An empty list (the CLI was not running) is asked again once the session's state has changed (e.g. it started).
    const emptyState = emptyIn.get(next.sessionId);
    if (emptyState !== undefined && emptyState !== next.state) {
      emptyIn.delete(next.sessionId);
      lists.delete(next.sessionId);
    }
    const list = lists.get(next.sessionId);
    if (!list) ask(next.sessionId);
    const models = list?.models ?? [];
    // The summary's `model` is the one chosen (or the wire id the CLI last reported, e.g. `claude-opus-5-5` for
    // Claude Code's `default`): shown when it is one of the list's ids, else the list's own current one.
    const listed = next.model !== undefined && models.some((m) => m.id === next.model);
    const current = (listed ? next.model : list?.current) ?? next.model ?? "";
    const options = modelOptions(models, current || undefined);
    const chosenEffort = next.effort ?? list?.effort?.current ?? "";
    const key = `${next.sessionId}|${current}|${options.map((m) => m.id).join(",")}|${chosenEffort}|${list?.effort?.levels.length ?? 0}`;
    if (key !== drawnKey) {
      drawnKey = key;
      replaceChildren(
        select,
        ...(options.length > 0
          ? options.map((m) =>
              h("option", { value: m.id, selected: m.id === current, title: m.description }, modelLabel(models, m.id)),
            )
          : [h("option", { value: "" }, "…")]),
      );
      select.value = current;
      const levels = list?.effort?.levels ?? [];
      replaceChildren(
        effort,
        ...levels.map((l) => h("option", { value: l.id, selected: l.id === chosenEffort }, l.name)),
      );
      if (chosenEffort) effort.value = chosenEffort;
      setHidden(effort, levels.length === 0);
    }
    setAttr(el, "data-model", current);
    const blocked = modelPickerBlocked(next, busy, list !== undefined);
    select.disabled = blocked !== null;
    effort.disabled = blocked !== null;
    setAttr(select, "title", blocked ?? "The model of this session's next turns");
    setAttr(effort, "title", blocked ?? "How much the model reasons in this session's next turns");
  };

  const change = async () => {
    const target = session;
    if (!target) return;
    busy = true;
    render(target);
    const levels = lists.get(target.sessionId)?.effort?.levels ?? [];
    const set = await actions.setModel(target.sessionId, select.value, levels.length > 0 ? effort.value : undefined);
    busy = false;
    const list = lists.get(target.sessionId);
    if (set && list) {
      lists.set(target.sessionId, {
        ...list,
        current: set.current,
        ...(list.effort ? { effort: { ...list.effort, ...(set.effort ? { current: set.effort } : {}) } } : {}),
      });
    }
    drawnKey = "";
    render(session);
  };
  select.addEventListener("change", () => void change());
  effort.addEventListener("change", () => void change());
  return { el, render };
}
