// The real session service for HTTP tests: DefaultSessionService on fake providers, in a fresh temporary folder.

import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliType, Project } from "../../../shared/contracts/index.js";
import { silentLogger } from "../../../shared/util/index.js";
import { DefaultSessionService, type TerminalManagerOptions } from "../../sessions/index.js";
import { type FakeProvider, fakeRegistry } from "../../sessions/testing/index.js";
import { SessionScript } from "./session-script.js";

/** What `createTestService` may be given. */
export interface TestServiceOptions {
  /** Stream messages held per session for replay (the service's `eventLogLimit`; default 5,000). */
  eventLogLimit?: number;
  /** Files written into the data dir before the service starts (e.g. a corrupt `projects.json`), name → text. */
  dataFiles?: Record<string, string>;
  /**
   * The terminals' options. Their shell is `/bin/bash --norc --noprofile` (no rc file of this machine can slow it)
   * with `HOME` = the temp folder, in `process.env` plus `terminalEnv`.
   */
  terminals?: Omit<TerminalManagerOptions, "env">;
  terminalEnv?: Record<string, string>;
}

/** A `DefaultSessionService` under test, the fake CLIs behind it, and helpers to make projects and drive sessions. */
export interface TestService {
  service: DefaultSessionService;
  /** The fake Claude Code and Codex providers the service runs its sessions on. */
  claude: FakeProvider;
  codex: FakeProvider;
  /** The temporary folder everything lives in; `dataDir` holds projects.json and sessions.json. */
  root: string;
  dataDir: string;
  /** Creates (once) and returns the real path of the folder `root/folders/<name>`. */
  folder(name: string): Promise<string>;
  /** Adds the folder `name` as a project through the service. */
  project(name?: string): Promise<Project>;
  /** Creates a session through the service (its fake CLI starts) and returns a script driving its stream. */
  session(projectId: string, cliType?: CliType): Promise<SessionScript>;
  /** A script driving the stream of an existing session through its provider. */
  script(sessionId: string): SessionScript;
  /** Shuts the service down and deletes the temporary folder. */
  close(): Promise<void>;
}

/**
 * Builds the real session service (seq numbering from 1, quiet logger) with a `FakeProvider` for each cliType
 * registered in a `ProviderRegistry`, no disk discovery, and a fresh temporary data dir. Call `close()` after the test.
 */
export async function createTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "liminal-http-")));
  const dataDir = join(root, "data");
  await mkdir(dataDir, { recursive: true });
  for (const [name, text] of Object.entries(options.dataFiles ?? {})) await writeFile(join(dataDir, name), text);
  const { claude, codex, registry } = fakeRegistry();
  const service = new DefaultSessionService({
    dataDir,
    registry,
    logger: silentLogger,
    home: root,
    seqBase: 0,
    terminals: {
      env: { ...process.env, HOME: root, ...options.terminalEnv },
      shell: "/bin/bash",
      shellArgs: ["--norc", "--noprofile"],
      ...options.terminals,
    },
    ...(options.eventLogLimit === undefined ? {} : { eventLogLimit: options.eventLogLimit }),
  });
  const scripts: SessionScript[] = [];
  const folder = async (name: string) => {
    const path = join(root, "folders", name);
    await mkdir(path, { recursive: true });
    return path;
  };
  const script = (sessionId: string) => {
    const provider = service.getSession(sessionId).cliType === "codex" ? codex : claude;
    const made = new SessionScript(service, provider, sessionId);
    scripts.push(made);
    return made;
  };
  return {
    service,
    claude,
    codex,
    root,
    dataDir,
    folder,
    project: async (name = "app") => service.addProject(await folder(name)),
    session: async (projectId, cliType = "claude-code") =>
      script((await service.createSession({ projectId, cliType })).sessionId),
    script,
    close: async () => {
      for (const made of scripts.splice(0)) made.dispose();
      await service.shutdown();
      await rm(root, { recursive: true, force: true });
    },
  };
}
