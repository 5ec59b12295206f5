// The service over real discovery: a Claude transcript on disk is listed and opened as history without a CLI.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { isTerminalStatus } from "../../shared/contracts/index.js";
import { fixturesDir } from "../../testing/fixtures/index.js";
import { ClaudeDiskSessions, claudeProjectFolderName } from "../providers/claude/index.js";
import { CodexDiskSessions } from "../providers/codex/index.js";
import { ProviderRegistry } from "../providers/index.js";
import { createDiskSessionSource } from "./disk-source.js";
import { DefaultSessionService } from "./service.js";
import { FakeProvider } from "./testing/fake-provider.js";
import { memoryLogger } from "./testing/harness.js";

const FIXTURES = fixturesDir();
const TRANSCRIPT_ID = "7f2abd2d-7cfc-4447-9ddd-3ca8d14e02e9"; // claude-jsonl/agtrace/claude_session.jsonl

let root: string;
let service: DefaultSessionService;
let claude: FakeProvider;
let projectDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "liminal-service-disk-"));
  projectDir = join(root, "work", "app");
  await mkdir(projectDir, { recursive: true });
  const claudeDir = join(root, "claude");
  const target = join(claudeDir, "projects", claudeProjectFolderName(projectDir), `${TRANSCRIPT_ID}.jsonl`);
  const text = await readFile(join(FIXTURES, "claude-jsonl/agtrace/claude_session.jsonl"), "utf8");
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text.replace(/"cwd":"[^"]*"/g, `"cwd":${JSON.stringify(projectDir)}`));
  claude = new FakeProvider("claude-code");
  const registry = new ProviderRegistry();
  registry.register(claude);
  const discovery = createDiskSessionSource({
    diskSessions: [new ClaudeDiskSessions(claudeDir), new CodexDiskSessions(join(root, "codex"))],
  });
  service = new DefaultSessionService({ dataDir: join(root, "data"), registry, discovery, logger: memoryLogger() });
});

afterEach(async () => {
  await service.shutdown();
  await rm(root, { recursive: true, force: true });
});

it("lists a transcript found on disk and opens its completed history without starting Claude Code", async () => {
  const project = await service.addProject(projectDir);
  const sessions = await service.listSessions(project.projectId);
  expect(sessions).toEqual([
    expect.objectContaining({ sessionId: `claude-code:${TRANSCRIPT_ID}`, source: "disk", state: "idle" }),
  ]);
  expect(sessions[0]?.title).not.toBe("");
  const opened = await service.openSession(`claude-code:${TRANSCRIPT_ID}`);
  if (opened.kind !== "history") throw new Error("expected history");
  expect(opened.entries.length).toBeGreaterThan(0);
  expect(opened.entries.every((e) => isTerminalStatus(e.status))).toBe(true);
  expect(opened.entries.every((e) => e.sessionId === `claude-code:${TRANSCRIPT_ID}`)).toBe(true);
  expect(opened.entries.some((e) => e.type === "message" && e.origin === "user")).toBe(true);
  expect(claude.calls.loadSession).toEqual([]);
});
