// The project list (projects.json in the data dir): add by folder path, remove, list; ids derived from real paths.
import { basename, join } from "node:path";
import { z } from "zod";
import { type Project, ProjectSchema } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import { JsonStore, ServiceError, type StoreErrorInfo } from "../core/index.js";
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
   * Adds a folder: `~` expanded, real path normalised; `name` is the folder's base name.
   * @throws ServiceError `INVALID_PATH` (missing / not a folder, naming the path), `DUPLICATE_PROJECT`.
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
    await this.persist();
    return { ...project };
  }

  /**
   * Removes a project from the list (its sessions' metadata stays in sessions.json).
   * @throws ServiceError `PROJECT_NOT_FOUND`.
   */
  async remove(projectId: string): Promise<Project> {
    const project = this.get(projectId);
    this.projects = this.projects.filter((p) => p.projectId !== projectId);
    await this.persist();
    return project;
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
