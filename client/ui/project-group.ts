// One project in the sidebar: a collapsible group with its sessions, a new-session form, and remove / archive controls.
import type { Project, SessionSummary } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { NewSessionForm } from "../state/app-state.js";
import { sessionRowKey } from "../state/sessions.js";
import { archivedDisclosure } from "./archived-list.js";
import { h, replaceChildren, setAttr, setHidden } from "./dom.js";
import { newSessionForm } from "./new-session-form.js";
import { projectSettingsForm } from "./project-settings.js";
import { sessionRow } from "./session-row.js";

/** What one group shows. */
export interface ProjectGroupProps {
  project: Project;
  sessions: SessionSummary[] | undefined;
  loading: boolean;
  collapsed: boolean;
  form: NewSessionForm | null;
  activeSessionId: string | null;
  confirmRemove: boolean;
  /** The project's archived sessions (undefined until listed) and whether their disclosure is open. */
  archived?: SessionSummary[] | undefined;
  archivedOpen?: boolean;
}

/** A drawn session row: its element, the `sessionRowKey` and summary it was drawn from, and whether it was active. */
interface SessionRowEntry {
  key: string;
  el: HTMLElement;
  session: SessionSummary;
  active: boolean;
}

/** A project group that updates only the parts whose inputs changed (so a focused form control keeps focus). */
export class ProjectGroupView {
  readonly el: HTMLElement;
  private readonly head = h("div", { class: "project-head" });
  private readonly formSlot = h("div", { class: "form-slot" });
  private readonly list = h("div", { class: "session-list", role: "list" });
  private readonly archivedSlot = h("div", { class: "archived-slot" });
  private props: ProjectGroupProps | null = null;
  private formEl: HTMLFormElement | null = null;
  private formKey = "";
  private readonly settingsSlot = h("div", { class: "project-settings-slot" });
  private settingsOpen = false;
  /** The row of each listed session, with what it was drawn from. */
  private readonly rows = new Map<string, SessionRowEntry>();

  constructor(private readonly actions: Actions) {
    this.el = h(
      "section",
      { class: "project-group", "data-testid": "project-group" },
      this.head,
      this.settingsSlot,
      this.formSlot,
      this.list,
      this.archivedSlot,
    );
  }

  /** Redraws what changed since the last call. */
  update(props: ProjectGroupProps): void {
    const prev = this.props;
    this.props = props;
    const { project } = props;
    this.el.dataset.projectId = project.projectId;
    setAttr(this.el, "data-collapsed", props.collapsed ? "true" : undefined);
    if (
      !prev ||
      prev.project !== project ||
      prev.collapsed !== props.collapsed ||
      prev.confirmRemove !== props.confirmRemove ||
      prev.sessions?.length !== props.sessions?.length
    ) {
      this.renderHead(props);
    }
    if (!prev || prev.form !== props.form) this.renderForm(props.form);
    if (
      !prev ||
      prev.sessions !== props.sessions ||
      prev.activeSessionId !== props.activeSessionId ||
      prev.loading !== props.loading ||
      prev.collapsed !== props.collapsed
    ) {
      this.renderList(props);
    }
    if (
      !prev ||
      prev.archived !== props.archived ||
      prev.archivedOpen !== props.archivedOpen ||
      prev.collapsed !== props.collapsed
    ) {
      const disclosure = props.collapsed
        ? null
        : archivedDisclosure(project.projectId, props.archived, props.archivedOpen === true, this.actions);
      replaceChildren(this.archivedSlot, disclosure);
    }
  }

  private toggleSettings(project: Project): void {
    this.settingsOpen = !this.settingsOpen;
    if (!this.settingsOpen) {
      replaceChildren(this.settingsSlot);
      return;
    }
    const form = projectSettingsForm(project, this.actions, () => this.toggleSettings(project));
    replaceChildren(this.settingsSlot, form);
    form.querySelector("input")?.focus();
  }

  /** Puts the keyboard focus on the new-session form's first control. */
  focusForm(): void {
    this.formEl?.querySelector("select")?.focus();
  }

  private renderHead({ project, collapsed, confirmRemove, sessions }: ProjectGroupProps): void {
    const { actions } = this;
    replaceChildren(
      this.head,
      h(
        "button",
        {
          class: "project-toggle",
          type: "button",
          "data-testid": "project-toggle",
          "aria-expanded": collapsed ? "false" : "true",
          title: project.path,
          onclick: () => actions.toggleProject(project.projectId),
        },
        h("span", { class: "chevron", "aria-hidden": "true" }, collapsed ? "▸" : "▾"),
        h("span", { class: "project-name", "data-testid": "project-name" }, project.name || project.path),
        sessions ? h("span", { class: "count" }, String(sessions.length)) : null,
      ),
      h(
        "button",
        {
          class: "icon-button",
          type: "button",
          title: "Project settings: the setup command of new worktrees",
          "aria-label": "Project settings",
          "data-testid": "project-settings",
          "aria-expanded": this.settingsOpen ? "true" : "false",
          onclick: () => this.toggleSettings(project),
        },
        "⚙",
      ),
      h(
        "button",
        {
          class: "icon-button",
          type: "button",
          title: "New session in this project (Ctrl+Alt+N)",
          "aria-label": "New session",
          "data-testid": "new-session-button",
          onclick: () => actions.openNewSessionForm(project.projectId),
        },
        "+",
      ),
      confirmRemove
        ? h(
            "button",
            {
              class: "button danger small",
              type: "button",
              "data-testid": "project-remove-confirm",
              title: "Remove the project (its open tabs close; files are not touched)",
              onclick: () => void actions.removeProject(project.projectId),
              onblur: () => actions.askRemoveProject(null),
            },
            "Remove?",
          )
        : h(
            "button",
            {
              class: "icon-button",
              type: "button",
              title: "Remove project from the list",
              "aria-label": "Remove project",
              "data-testid": "project-remove",
              onclick: () => actions.askRemoveProject(project.projectId),
            },
            "×",
          ),
    );
    if (confirmRemove) (this.head.querySelector("[data-testid=project-remove-confirm]") as HTMLElement | null)?.focus();
  }

  private renderForm(form: NewSessionForm | null): void {
    if (!form) {
      this.formEl = null;
      this.formKey = "";
      replaceChildren(this.formSlot);
      return;
    }
    // Rebuilt when what it offers changes (the git facts arrived, Where switched); typed values live in the store.
    const models = form.models === null ? "?" : form.models.models.map((m) => m.id).join(",");
    const key = `${form.where}|${form.git === null ? "?" : form.git.git}|${form.git?.branches.join(",") ?? ""}|${form.base}|${form.cliType}|${models}|${form.models?.effort?.levels.length ?? 0}`;
    if (!this.formEl || key !== this.formKey) {
      const first = !this.formEl;
      const focused = this.formEl?.contains(document.activeElement)
        ? (document.activeElement as HTMLElement).dataset.testid
        : undefined;
      this.formEl = newSessionForm(form, this.actions);
      this.formKey = key;
      replaceChildren(this.formSlot, this.formEl);
      if (first) this.focusForm();
      else if (focused) this.formEl.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
    }
    const submit = this.formEl.querySelector<HTMLButtonElement>("[data-testid=new-session-submit]");
    if (submit) {
      submit.disabled = form.busy;
      submit.textContent = form.busy ? "Starting…" : "Start";
    }
    const error = this.formEl.querySelector<HTMLElement>("[data-testid=new-session-error]");
    if (error) {
      error.hidden = !form.error;
      error.textContent = form.error ?? "";
    }
  }

  /** The row element of `session`: the kept one while its key is the same, else a new one in its place. */
  private rowFor(session: SessionSummary, active: boolean): HTMLElement {
    const row = this.rows.get(session.sessionId);
    if (row && row.session === session && row.active === active) return row.el;
    const key = sessionRowKey(session, active);
    if (row && row.key === key) {
      this.rows.set(session.sessionId, { ...row, session, active });
      return row.el;
    }
    const el = sessionRow(session, active, this.actions);
    row?.el.replaceWith(el);
    this.rows.set(session.sessionId, { key, el, session, active });
    return el;
  }

  /** Forgets the kept rows (the list shows something else). */
  private dropRows(): void {
    for (const row of this.rows.values()) row.el.remove();
    this.rows.clear();
  }

  private renderList({ sessions, activeSessionId, loading, collapsed }: ProjectGroupProps): void {
    setHidden(this.list, collapsed);
    if (collapsed) return;
    if (!sessions || sessions.length === 0) this.dropRows();
    if (!sessions) {
      replaceChildren(this.list, h("div", { class: "muted small pad" }, loading ? "Loading sessions…" : ""));
      return;
    }
    if (sessions.length === 0) {
      replaceChildren(
        this.list,
        h(
          "div",
          { class: "muted small pad", "data-testid": "session-list-empty" },
          "No sessions yet. Press + to start one.",
        ),
      );
      return;
    }
    // Rows are kept per session and rebuilt only when what they show changed (`sessionRowKey`).
    const seen = new Set<string>();
    sessions.forEach((session, i) => {
      seen.add(session.sessionId);
      const el = this.rowFor(session, session.sessionId === activeSessionId);
      if (this.list.children[i] !== el) this.list.insertBefore(el, this.list.children[i] ?? null);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.el.remove();
        this.rows.delete(id);
      }
    }
    // Anything else left over (the "loading" or "no sessions" line).
    while (this.list.children.length > sessions.length) this.list.lastElementChild?.remove();
  }
}
