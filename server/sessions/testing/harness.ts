// A session service on fake providers and a fake disk, in a temporary data dir: the fixture of the service tests.

import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Project, SessionSummary, StreamMessage } from "../../../shared/contracts/index.js";
import type { Logger } from "../../../shared/util/index.js";
import type { ProviderRegistry } from "../../providers/index.js";
import { DefaultSessionService } from "../service.js";
import type { SessionServiceOptions } from "../service-options.js";
import type { PermissionResolution } from "../types.js";
import type { FakeProvider } from "./fake-provider.js";
import { fakeRegistry } from "./fake-registry.js";
import { FakeSessionSource } from "./fake-session-source.js";

/** A logger that keeps what it is given (tests may look at `warnings`). */
export function memoryLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (message) => {
      warnings.push(message);
    },
    error: (message) => {
      warnings.push(message);
    },
  };
}

/** What `createServiceHarness` gives a test. */
export interface ServiceHarness {
  root: string;
  dataDir: string;
  /** A real folder, already added as `project`. */
  projectDir: string;
  project: Project;
  claude: FakeProvider;
  codex: FakeProvider;
  registry: ProviderRegistry;
  disk: FakeSessionSource;
  logger: ReturnType<typeof memoryLogger>;
  service: DefaultSessionService;
  /** Collects every stream message of `sessionId` from now on. */
  stream(sessionId: string): StreamMessage[];
  /** Collects every `session:updated` summary from now on. */
  updates(): SessionSummary[];
  /** Collects every permission resolution from now on. */
  resolutions(): PermissionResolution[];
  /** A new service on the same data dir, providers and disk (a server restart); the old one is shut down. */
  restart(options?: Partial<SessionServiceOptions>): Promise<DefaultSessionService>;
  /** Shuts the service down and deletes the temporary folder. */
  cleanup(): Promise<void>;
}

/**
 * Builds a `DefaultSessionService` with a `FakeProvider` for each cliType (`claude`, `codex`), a `FakeSessionSource`
 * as discovery, a temporary data dir and one project folder. Call `cleanup()` in `afterEach`.
 */
export async function createServiceHarness(options: Partial<SessionServiceOptions> = {}): Promise<ServiceHarness> {
  const root = await mkdtemp(join(tmpdir(), "liminal-sessions-"));
  const dataDir = join(root, "data");
  const projectDir = join(root, "project");
  await mkdir(projectDir, { recursive: true });
  const { claude, codex, registry } = fakeRegistry();
  const disk = new FakeSessionSource();
  const logger = memoryLogger();
  const make = (extra: Partial<SessionServiceOptions> = {}) =>
    new DefaultSessionService({
      dataDir,
      registry,
      discovery: disk,
      logger,
      home: root,
      seqBase: 0,
      ...options,
      ...extra,
    });
  const harness: ServiceHarness = {
    root,
    dataDir,
    projectDir,
    project: undefined as unknown as Project,
    claude,
    codex,
    registry,
    disk,
    logger,
    service: make(),
    stream(sessionId) {
      const seen: StreamMessage[] = [];
      harness.service.onStream(sessionId, (m) => seen.push(m));
      return seen;
    },
    updates() {
      const seen: SessionSummary[] = [];
      harness.service.onSessionUpdated((s) => seen.push(s));
      return seen;
    },
    resolutions() {
      const seen: PermissionResolution[] = [];
      harness.service.onPermissionResolved((r) => seen.push(r));
      return seen;
    },
    async restart(extra) {
      await harness.service.shutdown();
      harness.service = make(extra);
      return harness.service;
    },
    async cleanup() {
      await harness.service.shutdown();
      await rm(root, { recursive: true, force: true });
    },
  };
  harness.project = await harness.service.addProject(projectDir);
  harness.projectDir = harness.project.path;
  return harness;
}
