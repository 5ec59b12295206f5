// startLiminalStack: the whole app (real server, real CLIs) against local model stand-ins, in isolated folders.
import { rm } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { startServer } from "../../server/app.js";
import { DEFAULT_CLIENT_DIR, DEFAULT_IDLE_MINUTES, type ServerConfig } from "../../server/core/index.js";
import { type DefaultSessionService, ServiceError } from "../../server/sessions/index.js";
import type { Project } from "../../shared/contracts/index.js";
import { type AnthropicServer, startAnthropicServer } from "../anthropic/server.js";
import { writeCodexConfig } from "../openai/codex-config.js";
import { type OpenAIServer, startOpenAIServer } from "../openai/server.js";
import { createStackDirs, seedDemoProject } from "./dirs.js";
import { StackLog } from "./log.js";
import { buildStackRegistry } from "./providers.js";

/** Options of {@link startLiminalStack}; every field is optional. */
export interface LiminalStackOptions {
  /** Folder holding every other folder, kept across runs (demo mode). Default: a new temporary folder. */
  rootDir?: string;
  /** The app's data folder (projects, sessions, access token). Default `<root>/data`. */
  dataDir?: string;
  /** The project folder (created when missing). Default `<root>/project`. */
  projectDir?: string;
  /** HTTP port; default 0 (a free port). */
  port?: number;
  /** Bind address; default `127.0.0.1`. */
  host?: string;
  /** Scenario for Claude Code messages that name none (default: the conversational demo script). */
  anthropicScenario?: string;
  /** Scenario for Codex messages that name none (default: the conversational demo script). */
  openaiScenario?: string;
  /** Spare Claude Code processes ahead of sessions (`ClaudeProviderConfig.warmStart`); default true. */
  claudeWarmStart?: boolean;
  /** More environment for every Claude Code process (e.g. `{ IS_SANDBOX: "1" }`). */
  claudeExtraEnv?: Record<string, string>;
  /** Write the demo files (README.md, package.json, src/greet.js) into the project folder; default true. */
  seedProject?: boolean;
  /** Add the project folder to the app's project list (a duplicate is fine); default true. */
  addProject?: boolean;
  /** Built browser app to serve; default `<repo>/dist/client`. */
  clientDir?: string;
  /** Keep the temporary folders after `close()` (to look at them); default false. */
  keep?: boolean;
  /** Also print every log line (demo mode); default: kept in memory only (`stack.log`). */
  echoLog?: (line: string) => void;
  /**
   * The terminals' shell: `isolated` (default, for tests and benchmarks) runs `/bin/bash --norc --noprofile` with
   * `HOME` = the stack's home folder, so no rc file of this machine changes or slows it; `user` runs the user's own
   * `$SHELL` as `npm start` does (demo mode).
   */
  terminalShell?: "isolated" | "user";
  /** Minutes a session's CLI may sit idle before it is closed (`sleeping`); default 10, 0 = never. */
  idleMinutes?: number;
}

/** A running stack. URLs have no trailing slash. */
export interface LiminalStack {
  /** `http://<host>:<port>`. */
  url: string;
  /** The access token (`<dataDir>/access-token`). */
  token: string;
  /** `<url>/?token=<token>`: opening it sets the token cookie. */
  urlWithToken: string;
  port: number;
  root: string;
  dataDir: string;
  projectDir: string;
  claudeConfigDir: string;
  codexHome: string;
  homeDir: string;
  /** The project entry of `projectDir` (when `addProject` is not false). */
  project: Project | undefined;
  anthropic: AnthropicServer;
  openai: OpenAIServer;
  service: DefaultSessionService;
  app: FastifyInstance;
  /** Server log: HTTP requests, session-service messages, CLI stderr. */
  log: StackLog;
  /**
   * Shuts the session service down (every CLI process ended), closes the app and both stand-ins, and removes the
   * temporary folder (unless `keep`, or the folders were the caller's `rootDir`). Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Starts the Anthropic and OpenAI stand-ins, makes the folders (see `createStackDirs`), writes Codex's config.toml
 * (sandbox `danger-full-access` unless `bwrap` is on PATH), builds both providers pointed at the stand-ins, and
 * starts the server through the one composition root, `startServer` (server/app.ts). On any failure everything
 * started so far is closed again.
 * @throws the first start-up error (a port in use, a folder that cannot be made, …).
 */
export async function startLiminalStack(options: LiminalStackOptions = {}): Promise<LiminalStack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const undo = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const log = new StackLog(options.echoLog);
    const dirs = await createStackDirs(options);
    if (dirs.temporary && !options.keep) cleanups.push(() => rm(dirs.root, { recursive: true, force: true }));
    if (options.seedProject !== false) await seedDemoProject(dirs.projectDir);

    const anthropic = await startAnthropicServer({ defaultScenario: options.anthropicScenario });
    cleanups.push(() => anthropic.close());
    const openai = await startOpenAIServer({ defaultScenario: options.openaiScenario });
    cleanups.push(() => openai.close());
    // `untrusted`: Codex asks before anything but known-safe reads, so a session in the default mode really asks
    // (with `on-request` and no sandbox it never would); the provider answers for the other modes itself.
    writeCodexConfig(dirs.codexHome, {
      baseUrl: openai.baseUrl,
      approvalPolicy: "untrusted",
    });

    const registry = buildStackRegistry(dirs, {
      anthropicUrl: anthropic.url,
      claudeWarmStart: options.claudeWarmStart,
      claudeExtraEnv: options.claudeExtraEnv,
      log,
    });
    const host = options.host ?? "127.0.0.1";
    const config: ServerConfig = {
      port: options.port ?? 0,
      host,
      allowedHosts: [],
      dataDir: dirs.dataDir,
      claudeConfigDir: dirs.claudeConfigDir,
      codexHome: dirs.codexHome,
      clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR,
      idleMinutes: options.idleMinutes ?? DEFAULT_IDLE_MINUTES,
    };
    const server = await startServer(config, {
      registry,
      home: dirs.homeDir,
      ...(options.terminalShell === "user"
        ? {}
        : {
            terminals: {
              shell: "/bin/bash",
              shellArgs: ["--norc", "--noprofile"],
              env: { ...process.env, HOME: dirs.homeDir },
            },
          }),
      logger: log.fastifyLogger(),
      serviceLogger: log.logger("service"),
    });
    cleanups.push(() => server.close());
    const { app, service, token, url } = server;
    const port = Number(new URL(url).port);

    const project = options.addProject === false ? undefined : await addProjectOnce(service, dirs.projectDir);

    let closing: Promise<void> | undefined;
    return {
      url,
      token,
      urlWithToken: `${url}/?token=${token}`,
      port,
      root: dirs.root,
      dataDir: dirs.dataDir,
      projectDir: dirs.projectDir,
      claudeConfigDir: dirs.claudeConfigDir,
      codexHome: dirs.codexHome,
      homeDir: dirs.homeDir,
      project,
      anthropic,
      openai,
      service,
      app,
      log,
      close() {
        closing ??= undo();
        return closing;
      },
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

/** Adds `projectDir` to the project list, or returns the entry that already holds it (`DUPLICATE_PROJECT`). */
export async function addProjectOnce(service: DefaultSessionService, projectDir: string): Promise<Project> {
  try {
    return await service.addProject(projectDir);
  } catch (error) {
    const existing = service.listProjects().find((project) => project.path === projectDir);
    if (error instanceof ServiceError && error.code === "DUPLICATE_PROJECT" && existing) return existing;
    throw error;
  }
}
