// The project list (projects.json in the data dir): add by folder path, remove, list; ids derived from real paths.
import { basename, join } from "node:path";
import { z } from "zod";
import { type Project, ProjectSchema } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import { JsonStore, ServiceError, type StoreErrorInfo, StoreWriteError } from "../core/index.js";
import { projectIdForPath, type RefusedFolder, resolveProjectPath } from "./paths.js";

const ProjectsFileSchema = z.object({ version: z.literal(1), projects: z.array(ProjectSchema) });
type ProjectsFile = z.infer<typeof ProjectsFileSchema>;

/** Options of a `ProjectStore`. */
export interface ProjectStoreOptions {
  /** The data dir (`LIMINAL_DATA_DIR`, default `~/.liminal-builder`); the file is `<dataDir>/projects.json`. */
  dataDir: string;
  /** Home folder for `~` expansion and relative paths (default `os.homedir()`). */
  home?: string;
  /** Folders that can be no project: the data dir itself is always one; the server adds the CLIs' config folders. */
  refusedFolders?: readonly RefusedFolder[];
  logger?: Logger;
  onStoreError?: (error: StoreErrorInfo) => void;
  /** How projects.json is written (`JsonStoreOptions.write`); tests inject a full disk. */
  write?: (file: string, text: string) => Promise<void>;
}

/**
 * Projects the user added (CONTRACTS.md section 6 project routes). A project's `projectId` is derived from its real
 * path (`projectIdForPath`), so removing a folder and adding it again gives the same id and brings its sessions back
 * (session metadata is keyed by projectId and is never deleted with the project).
 */
export class ProjectStore {
  private readonly store: JsonStore<ProjectsFile>;
  private readonly home: string | undefined;
  private readonly refused: readonly RefusedFolder[];
  private projects: Project[];

  constructor(options: ProjectStoreOptions) {
    this.home = options.home;
    this.refused = [
      { path: options.dataDir, what: "Liminal Builder's data folder (it holds the access token)" },
      ...(options.refusedFolders ?? []),
    ];
    this.store = new JsonStore({
      file: join(options.dataDir, "projects.json"),
      schema: ProjectsFileSchema,
      empty: () => ({ version: 1, projects: [] }),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onStoreError ? { onError: options.onStoreError } : {}),
      ...(options.write ? { write: options.write } : {}),
    });
    this.projects = this.store.load().projects;
  }

  /** Every project, in the order they were added. */
  list(): Project[] {
    return this.projects.map((p) => ({ ...p }));
  }

  /** The project with `projectId`, or undefined. */
  find(projectId: string): Project | undefined {
    const project = this.projects.find((p) => p.projectId === projectId);
    return project ? { ...project } : undefined;
  }

  /**
   * The project with `projectId`.
   * @throws ServiceError `PROJECT_NOT_FOUND`.
   */
  get(projectId: string): Project {
    const project = this.find(projectId);
    if (!project) throw new ServiceError("PROJECT_NOT_FOUND", `No project with id ${projectId}`);
    return project;
  }

  /**
   * Adds a folder: `~` expanded, real path normalised; `name` is the folder's base name. Resolves once projects.json
   * holds it.
   * @throws ServiceError `INVALID_PATH` (missing / not a folder, naming the path), `DUPLICATE_PROJECT`, `STORE_ERROR`
   *   (projects.json could not be written, e.g. a full disk: the project is not added).
   */
  async add(path: string): Promise<Project> {
    const real = await resolveProjectPath(path, {
      refused: this.refused,
      ...(this.home === undefined ? {} : { home: this.home }),
    });
    const projectId = projectIdForPath(real);
    if (this.projects.some((p) => p.projectId === projectId)) {
      throw new ServiceError("DUPLICATE_PROJECT", `${real} is already a project`);
    }
    const project: Project = { projectId, path: real, name: basename(real) || real, addedAt: new Date().toISOString() };
    this.projects.push(project);
    try {
      await this.persist();
    } catch (error) {
      // Not on disk, so not added: the list stays what projects.json holds. A save scheduled meanwhile took a
      // snapshot with it; saving again then makes the file follow the rollback.
      this.projects = this.projects.filter((p) => p !== project);
      if (this.store.busy) this.persist().catch(() => undefined);
      throw storeFailure(error, `${real} was not added`);
    }
    return { ...project };
  }

  /**
   * Removes a project from the list (its sessions' metadata stays in sessions.json), once projects.json no longer
   * holds it.
   * @throws ServiceError `PROJECT_NOT_FOUND`, `STORE_ERROR` (projects.json could not be written: the project stays).
   */
  async remove(projectId: string): Promise<Project> {
    const project = this.get(projectId);
    const index = this.projects.findIndex((p) => p.projectId === projectId);
    this.projects = this.projects.filter((p) => p.projectId !== projectId);
    try {
      await this.persist();
    } catch (error) {
      if (!this.projects.some((p) => p.projectId === projectId)) this.projects.splice(index, 0, project);
      if (this.store.busy) this.persist().catch(() => undefined);
      throw storeFailure(error, `${project.path} was not removed`);
    }
    return project;
  }

  /**
   * Sets (a non-empty `setupCommand`) or removes (`""` / `null`) the project's setup command, once projects.json
   * holds the change; resolves with the project as it now is.
   * @throws ServiceError `PROJECT_NOT_FOUND`, `STORE_ERROR` (not written: the setting stays as it was).
   */
  async setSetupCommand(projectId: string, setupCommand: string | null): Promise<Project> {
    this.get(projectId);
    const index = this.projects.findIndex((p) => p.projectId === projectId);
    const before = this.projects[index] as Project;
    const { setupCommand: _old, ...rest } = before;
    const after: Project = setupCommand ? { ...rest, setupCommand } : rest;
    this.projects = this.projects.map((p, i) => (i === index ? after : p));
    try {
      await this.persist();
    } catch (error) {
      this.projects = this.projects.map((p) => (p === after ? before : p));
      if (this.store.busy) this.persist().catch(() => undefined);
      throw storeFailure(error, "the setup command was not changed");
    }
    return { ...after };
  }

  /** Problems of projects.json (corrupt file moved aside, failed writes). */
  errors(): StoreErrorInfo[] {
    return this.store.errors();
  }

  /** Resolves when projects.json is on disk. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  private persist(): Promise<void> {
    return this.store.save({ version: 1, projects: this.projects });
  }
}

/** The `STORE_ERROR` for a change projects.json could not take: the store's words, then what was not done. */
function storeFailure(error: unknown, notDone: string): ServiceError {
  const reason = error instanceof StoreWriteError ? error.message : `Could not save projects.json: ${String(error)}`;
  return new ServiceError("STORE_ERROR", `${reason}; ${notDone}`, { cause: error });
}
