// Model and effort of sessions (issue "The composer and session control" §2): list the CLI's models, change a session's.
import type { CliModelsResponse, CliType, ModelsResponse, SetModelResponse } from "../../shared/contracts/index.js";
import type { ProviderModels, ProviderRegistry } from "../providers/index.js";
import { callError } from "./errors.js";
import type { MetadataStore } from "./metadata-store.js";
import type { ServiceEvents } from "./service-events.js";
import type { SessionDirectory } from "./session-directory.js";
import type { SessionRuntimes } from "./session-runtimes.js";
import { ServiceError } from "./types.js";

/** What `SessionModels` reads and writes. */
export interface ModelDependencies {
  directory: SessionDirectory;
  runtimes: SessionRuntimes;
  records: MetadataStore;
  registry: ProviderRegistry;
  events: ServiceEvents;
}

/**
 * The models of sessions' CLIs, always from the CLI (`CliProvider.listModels`), and the model a session uses.
 *
 * Decisions:
 * - A session's chosen model (and effort) is kept in its record (sessions.json): every start, wake from sleep and
 *   resume after a restart passes it to the provider (`providerOptions`), so a woken session uses it.
 * - Listing the models of a session whose CLI is not live (sleeping, dead, from before a restart, on disk) answers
 *   from the provider's last known list this run (`knownModels`) without starting anything; with none known yet, the
 *   list is empty and `current` the recorded choice (opening a session to read it never starts its CLI).
 * - Changing the model of a session that is not live only records it: it applies when the CLI next starts. A live
 *   session's CLI is changed at once (`CliProvider.setModel`), between turns only (409 `TURN_IN_PROGRESS`).
 * - A provider without `listModels` offers no models: its sessions answer `{ current: "", models: [] }` and refuse
 *   every change (`UNKNOWN_MODEL`).
 */
export class SessionModels {
  constructor(private readonly deps: ModelDependencies) {}

  /** The session's models and current model. @throws ServiceError `SESSION_NOT_FOUND`, a start failure. */
  async list(sessionId: string): Promise<ModelsResponse> {
    const { directory, runtimes, records, registry } = this.deps;
    const entry = await directory.resolve(sessionId);
    const cliType = entry.record?.cliType ?? entry.disk?.info.cliType;
    if (!cliType) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    const provider = registry.resolve(cliType);
    if (!provider.listModels) return { current: records.get(sessionId)?.model ?? "", models: [] };
    const runtime = runtimes.get(sessionId);
    let listed: ProviderModels | undefined;
    if (runtime?.isAlive()) {
      listed = await this.ask(sessionId, cliType);
    } else {
      // Never a CLI start just to fill a picker (a session opened to be read stays without a process): the list
      // comes once any session of this CLI has run.
      listed = provider.knownModels?.() ?? { models: [] };
    }
    const record = records.get(sessionId);
    const current = record?.model ?? listed.current ?? runtime?.modelId ?? listed.models[0]?.id ?? "";
    const effort = listed.effort
      ? { ...listed.effort, ...(record?.effort ? { current: record.effort } : {}) }
      : undefined;
    return { current, models: listed.models, ...(effort ? { effort } : {}) };
  }

  /**
   * Makes `model` (and `effort`, when given) the session's model from its next turn: checked against the CLI's list,
   * applied to a live CLI, recorded, announced (`session:updated` with the summary's `model`).
   * @throws ServiceError `SESSION_NOT_FOUND`, `UNKNOWN_MODEL` (not in the list), `TURN_IN_PROGRESS`, the CLI's refusal.
   */
  async set(sessionId: string, model: string, effort?: string): Promise<SetModelResponse> {
    const { directory, runtimes, records, events } = this.deps;
    const running = runtimes.get(sessionId);
    if (running?.state === "running" || running?.runningTurnId) {
      throw new ServiceError("TURN_IN_PROGRESS", "A turn is running: the model can change once it has ended");
    }
    const offered = await this.list(sessionId);
    if (!offered.models.some((m) => m.id === model)) {
      throw new ServiceError("UNKNOWN_MODEL", `${model} is not one of this session's models`);
    }
    if (effort !== undefined && !offered.effort?.levels.some((level) => level.id === effort)) {
      throw new ServiceError("UNKNOWN_MODEL", `${effort} is not an effort level of this session's model`);
    }
    const entry = await directory.resolve(sessionId);
    const record = directory.materialize(entry);
    const runtime = runtimes.get(sessionId);
    if (runtime?.state === "running") {
      throw new ServiceError("TURN_IN_PROGRESS", "A turn is running: the model can change once it has ended");
    }
    const live = runtime?.liveProvider();
    if (live?.setModel) {
      try {
        await live.setModel(sessionId, model, effort);
      } catch (error) {
        throw callError(error, record.cliType);
      }
    }
    records.update(sessionId, { model, ...(effort !== undefined ? { effort } : {}) });
    events.changed.emit(sessionId);
    const chosenEffort = records.get(sessionId)?.effort;
    return { current: model, ...(chosenEffort ? { effort: chosenEffort } : {}) };
  }

  /**
   * What the new-session form offers for `cliType` before a session exists: the provider's last known list this run
   * (empty on a fresh server until one of its sessions started; no process is started for it).
   * @throws ServiceError `UNSUPPORTED_CLI_TYPE`.
   */
  cliModels(cliType: string): CliModelsResponse {
    let known: ProviderModels | undefined;
    try {
      known = this.deps.registry.resolve(cliType).knownModels?.();
    } catch (error) {
      throw new ServiceError("UNSUPPORTED_CLI_TYPE", `No CLI ${cliType}`, { cause: error });
    }
    return {
      cliType,
      models: known?.models ?? [],
      ...(known?.current ? { current: known.current } : {}),
      ...(known?.effort ? { effort: known.effort } : {}),
    };
  }

  /**
   * Checks a new session's choice against the CLI's last known list (when one is known; else the CLI decides).
   * @throws ServiceError `UNKNOWN_MODEL`.
   */
  checkChoice(cliType: string, model: string | undefined, effort: string | undefined): void {
    if (model === undefined && effort === undefined) return;
    const known = this.cliModels(cliType);
    if (model !== undefined && known.models.length > 0 && !known.models.some((m) => m.id === model)) {
      throw new ServiceError("UNKNOWN_MODEL", `${model} is not one of the models of ${cliType}`);
    }
    if (effort !== undefined && known.effort && !known.effort.levels.some((level) => level.id === effort)) {
      throw new ServiceError("UNKNOWN_MODEL", `${effort} is not an effort level of ${cliType}`);
    }
  }

  private async ask(sessionId: string, cliType: CliType): Promise<ProviderModels> {
    const provider = this.deps.runtimes.get(sessionId)?.liveProvider();
    if (!provider?.listModels) return { models: [] };
    try {
      return await provider.listModels(sessionId);
    } catch (error) {
      throw callError(error, cliType);
    }
  }
}
