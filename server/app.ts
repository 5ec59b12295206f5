// Composition root: providers, session discovery, the session service and the HTTP app, started from a ServerConfig.
import { join } from "node:path";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { consoleLogger, within } from "../shared/util/index.js";
import { type ServerConfig, startServerWatchdog } from "./core/index.js";
import { buildApp, loadOrCreateAccessToken } from "./http/index.js";
import { buildProviderRegistry } from "./providers/catalog.js";
import type { ProviderRegistry } from "./providers/index.js";
import {
  createDiskSessionSource,
  DefaultSessionService,
  type Logger,
  type TerminalManagerOptions,
} from "./sessions/index.js";

/** A running server. */
export interface LiminalServer {
  app: FastifyInstance;
  service: DefaultSessionService;
  /** The access token (`<dataDir>/access-token`). */
  token: string;
  /** `http://<host>:<port>` as a browser on this machine reaches it (a wildcard bind shows as 127.0.0.1). */
  url: string;
  /** `<url>/?token=<token>`: opening it sets the token cookie. */
  urlWithToken: string;
  /**
   * Stops accepting requests, closes every WebSocket and ends every CLI process and terminal (`service.shutdown()`),
   * waiting at most `timeoutMs` (default 5000 ms), then stops the watchdog. Safe to call twice.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** Options of `startServer` besides the config. */
export interface StartServerOptions {
  /** Fastify logger option; default none. */
  logger?: FastifyServerOptions["logger"];
  /** The session service's logger; default the console. */
  serviceLogger?: Logger;
  /**
   * The CLIs to drive; default `createProviderRegistry(config)` (the user's real CLIs). Demo mode, tests and
   * benchmarks pass providers pointed at the local model servers. Discovery lists the sessions of these providers'
   * disk facets (`ProviderRegistry.diskSessions()`), so their config dirs should be `config`'s.
   */
  registry?: ProviderRegistry;
  /** Home folder for `~` in project paths; default `os.homedir()`. */
  home?: string;
  /**
   * The terminals' shell and environment (`TerminalManagerOptions`); default the user's `$SHELL` in `process.env`.
   * Their `sessionEnv` is always the CLIs' config folders of `config`.
   */
  terminals?: Omit<TerminalManagerOptions, "sessionEnv">;
}

/**
 * The real CLIs behind the provider seam: Claude Code (Claude Agent SDK, `CLAUDE_CONFIG_DIR` = `claudeConfigDir`)
 * and Codex (codex-acp, `CODEX_HOME` = `codexHome`), with the user's own credentials and settings.
 * `LIMINAL_CLAUDE_WARM_START=0` in `env` (default `process.env`) turns off Claude Code's warm start
 * (`ClaudeProviderConfig.warmStart: false`: no parked spare process, each session starts its CLI cold), which
 * `npm run bench` uses to measure the cold path; any other value or none keeps the default (warm). Both providers
 * report to `logger` (the service's logger; default `consoleLogger`).
 */
export function createProviderRegistry(
  config: ServerConfig,
  env: NodeJS.ProcessEnv = process.env,
  logger: Logger = consoleLogger,
): ProviderRegistry {
  const warmStart = env.LIMINAL_CLAUDE_WARM_START?.trim() !== "0";
  return buildProviderRegistry({
    "claude-code": { configDir: config.claudeConfigDir, logger, ...(warmStart ? {} : { warmStart }) },
    codex: { codexHome: config.codexHome, logger },
  });
}

/**
 * Builds everything from `config` and listens on `config.host`:`config.port`: the provider registry, session
 * discovery over the registered providers' disk facets (index cached in `<dataDir>/discovery-index.json`), the
 * `DefaultSessionService` (projects and session metadata in `dataDir`), the access token, and the Fastify app. On a
 * start-up failure everything started so far is stopped again.
 * @throws the start-up error (`EADDRINUSE`, an unwritable data folder, …).
 */
export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<LiminalServer> {
  const serviceLogger = options.serviceLogger;
  const registry = options.registry ?? createProviderRegistry(config, process.env, serviceLogger ?? consoleLogger);
  const discovery = createDiskSessionSource({
    diskSessions: registry.diskSessions(),
    indexFile: join(config.dataDir, "discovery-index.json"),
    onIndexError: (error) => serviceLogger?.warn("discovery index not written", { error: String(error) }),
  });
  const service = new DefaultSessionService({
    dataDir: config.dataDir,
    registry,
    discovery,
    ...(serviceLogger ? { logger: serviceLogger } : {}),
    ...(options.home ? { home: options.home } : {}),
    idleTimeoutMs: config.idleMinutes * 60_000,
    ...(config.replayBudgetBytes === undefined ? {} : { replayBudgetBytes: config.replayBudgetBytes }),
    terminals: {
      ...options.terminals,
      sessionEnv: { CLAUDE_CONFIG_DIR: config.claudeConfigDir, CODEX_HOME: config.codexHome },
    },
    refusedProjectFolders: [
      { path: config.claudeConfigDir, what: "Claude Code's config folder (CLAUDE_CONFIG_DIR)" },
      { path: config.codexHome, what: "Codex's home folder (CODEX_HOME)" },
    ],
  });
  let app: FastifyInstance | undefined;
  try {
    const token = await loadOrCreateAccessToken(config.dataDir);
    app = await buildApp({ service, config, accessToken: token, logger: options.logger });
    await app.listen({ port: config.port, host: config.host });
    const url = `http://${browserHost(config.host)}:${listeningPort(app)}`;
    const server = app;
    // Should this process die without cleaning up (SIGKILL, OOM), the watchdog ends every CLI, agent and shell it left.
    const watchdog = startServerWatchdog();
    let closing: Promise<void> | undefined;
    return {
      app: server,
      service,
      token,
      url,
      urlWithToken: `${url}/?token=${token}`,
      close: (timeoutMs = 5000) => {
        closing ??= within(Promise.allSettled([server.close(), service.shutdown()]), timeoutMs).then(() =>
          watchdog.stop(),
        );
        return closing;
      },
    };
  } catch (error) {
    await within(Promise.allSettled([app?.close(), service.shutdown()]), 5000);
    throw error;
  }
}

/** The host a browser on this machine uses for `host`: wildcards become 127.0.0.1, IPv6 gets brackets. */
export function browserHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

function listeningPort(app: FastifyInstance): number {
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the server has no TCP address");
  return address.port;
}
