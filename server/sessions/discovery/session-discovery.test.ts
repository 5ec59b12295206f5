// Unit tests: SessionDiscovery lists a project's CLI sessions from temporary config dirs built from real fixtures.
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fixturesDir } from "../../../testing/fixtures/index.js";
import { ClaudeDiskSessions, claudeProjectFolderName, readClaudeTranscript } from "../../providers/claude/index.js";
import { CodexDiskSessions, readCodexRollout } from "../../providers/codex/index.js";
import { readSessionMetadata } from "./metadata.js";
import { SessionDiscovery, SessionFileNotFoundError } from "./session-discovery.js";
import type { MetadataReader } from "./types.js";

const FIXTURES = fixturesDir();
const CLAUDE_SESSION = "7f2abd2d-7cfc-4447-9ddd-3ca8d14e02e9"; // agtrace/claude_session.jsonl
const CURRY = "0ccf1a04-1b4c-43b6-8aa5-79e41db43a68"; // session-share, with subagents/
const SHORT = "55604662-cf2a-4331-851a-ec234028f8ca"; // spotter/short.jsonl
const CODEX = "019b04ae-b1c6-7c72-a134-a4c2de66058c"; // agtrace/codex_session.jsonl
const CODEX_OTHER = "019a93b9-f380-7600-98ff-940e6b99603c"; // codex-session-view

let root: string;
let project: string;
let other: string;
let claudeDir: string;
let codexHome: string;
let indexFile: string;
let files: { claude: string; curry: string; short: string; codex: string; codexOther: string };

/** Copies a fixture to `target`, with every recorded `cwd` replaced by `cwd` when given. */
async function place(fixture: string, target: string, cwd?: string): Promise<string> {
  const text = await readFile(path.join(FIXTURES, fixture), "utf8");
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, cwd === undefined ? text : text.replace(/"cwd":"[^"]*"/g, `"cwd":${JSON.stringify(cwd)}`));
  return target;
}

function counting(): { reader: MetadataReader; reads: string[] } {
  const reads: string[] = [];
  const reader: MetadataReader = vi.fn(async (source, filePath, stamp, previous) => {
    reads.push(filePath);
    return readSessionMetadata(source, filePath, stamp, previous);
  });
  return { reader, reads };
}

function discovery(reader?: MetadataReader): SessionDiscovery {
  return new SessionDiscovery({
    diskSessions: [new ClaudeDiskSessions(claudeDir), new CodexDiskSessions(codexHome)],
    indexFile,
    ...(reader ? { readMetadata: reader } : {}),
  });
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "lb-discovery-"));
  project = path.join(root, "work", "my-app");
  other = path.join(root, "work", "other.app");
  await mkdir(project, { recursive: true });
  await mkdir(other, { recursive: true });
  claudeDir = path.join(root, "claude");
  codexHome = path.join(root, "codex");
  indexFile = path.join(root, "data", "discovery-index.json");
  const mine = path.join(claudeDir, "projects", claudeProjectFolderName(project));
  const theirs = path.join(claudeDir, "projects", claudeProjectFolderName(other));
  const day = path.join(codexHome, "sessions", "2026", "01", "02");
  const share = "claude-jsonl/session-share/projects";
  const claudeFile = await place(
    "claude-jsonl/agtrace/claude_session.jsonl",
    path.join(mine, `${CLAUDE_SESSION}.jsonl`),
    project,
  );
  const curryFile = await place(`${share}/${CURRY}.jsonl`, path.join(mine, `${CURRY}.jsonl`), project);
  for (const agent of ["agent-a5bdbc1", "agent-a9cad17"]) {
    await place(
      `${share}/${CURRY}/subagents/${agent}.jsonl`,
      path.join(mine, CURRY, "subagents", `${agent}.jsonl`),
      project,
    );
  }
  await place(`${share}/${CURRY}/subagents/agent-aa5ef13.jsonl`, path.join(mine, "agent-aa5ef13.jsonl"), project);
  await place(
    "claude-jsonl/agtrace/claude_agent.jsonl",
    path.join(mine, "33333333-0000-4000-8000-000000000000.jsonl"),
    project,
  );
  await place(
    "claude-jsonl/claude-code-viewer/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl",
    path.join(mine, "1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl"),
  ); // its recorded cwd is /path/to/Demo: not this project's session
  const shortFile = await place("claude-jsonl/spotter/short.jsonl", path.join(theirs, `${SHORT}.jsonl`), other);
  const codexFile = await place(
    "codex-rollouts/agtrace/codex_session.jsonl",
    path.join(day, `rollout-2026-01-02T10-00-00-${CODEX}.jsonl`),
    project,
  );
  const codexOtherFile = await place(
    `codex-rollouts/codex-session-view/rollout-2025-11-17T15-30-28-${CODEX_OTHER}.jsonl`,
    path.join(day, `rollout-2025-11-17T15-30-28-${CODEX_OTHER}.jsonl`),
    other,
  );
  await place(
    "codex-rollouts/localpush/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl",
    path.join(
      codexHome,
      "sessions",
      "2026",
      "02",
      "23",
      "rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl",
    ),
  );
  files = { claude: claudeFile, curry: curryFile, short: shortFile, codex: codexFile, codexOther: codexOtherFile };
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("SessionDiscovery.list", () => {
  it("lists the project's Claude and Codex sessions with the readers' titles and times, newest first", async () => {
    const sessions = await discovery().list(project);
    expect(sessions.map((s) => [s.cliType, s.providerSessionId])).toEqual([
      ["claude-code", CURRY],
      ["codex", CODEX],
      ["claude-code", CLAUDE_SESSION],
    ]);
    for (const session of sessions) {
      const full =
        session.cliType === "codex"
          ? await readCodexRollout(session.filePath, { sessionId: "s" })
          : await readClaudeTranscript(session.filePath, { sessionId: "s" });
      expect(session).toEqual({
        cliType: session.cliType,
        providerSessionId: full.providerSessionId,
        cwd: project,
        title: full.title,
        lastActiveAt: full.lastActiveAt,
        createdAt: full.createdAt,
        filePath: session.filePath,
      });
    }
    expect(sessions[0]?.title).toBe("Spawn curry poem agents, write sushi");
    expect(sessions.map((s) => s.filePath)).toEqual([files.curry, files.codex, files.claude]);
  });

  it("lists another project's sessions only for that project", async () => {
    const sessions = await discovery().list(other);
    expect(sessions.map((s) => s.providerSessionId).sort()).toEqual([CODEX_OTHER, SHORT].sort());
    expect(sessions.find((s) => s.cliType === "claude-code")?.title).toBe("mix phx.server doesnt seem to start");
  });

  it("finds the sessions through a symlink to the project folder", async () => {
    const link = path.join(root, "link-to-app");
    await symlink(project, link);
    const sessions = await discovery().list(link);
    expect(sessions.map((s) => s.providerSessionId)).toEqual([CURRY, CODEX, CLAUDE_SESSION]);
  });

  it("does not re-read unchanged files, re-reads a changed one, and forgets a deleted one", async () => {
    const { reader, reads } = counting();
    const d = discovery(reader);
    await d.list(project);
    expect(reads).toContain(files.claude);
    expect(reads).toContain(files.codexOther); // rollouts are grouped by day, so all are indexed
    expect(reads).not.toContain(files.short); // other projects' Claude folders are never opened
    expect(reads.some((f) => f.includes("subagents") || path.basename(f).startsWith("agent-"))).toBe(false);
    reads.length = 0;
    await d.list(project);
    expect(reads).toEqual([]);

    await appendFile(
      files.claude,
      `${JSON.stringify({ type: "custom-title", customTitle: "Renamed", sessionId: CLAUDE_SESSION })}\n`,
    );
    const afterAppend = await d.list(project);
    expect(reads).toEqual([files.claude]);
    expect(afterAppend.find((s) => s.providerSessionId === CLAUDE_SESSION)?.title).toBe("Renamed");

    reads.length = 0;
    const later = new Date(Date.now() + 60_000);
    await utimes(files.codex, later, later); // same size, new mtime
    await d.list(project);
    expect(reads).toEqual([files.codex]);

    await rm(files.curry);
    const afterDelete = await d.list(project);
    expect(afterDelete.map((s) => s.providerSessionId)).toEqual([CODEX, CLAUDE_SESSION]);
  });

  it("starts warm from the persisted index and rebuilds a corrupt one", async () => {
    const first = await discovery().list(project);
    const warm = counting();
    expect(await discovery(warm.reader).list(project)).toEqual(first);
    expect(warm.reads).toEqual([]);

    await writeFile(indexFile, '{"version":1,"entries":[{"cliType":"codex"'); // cut off mid-write
    const cold = counting();
    expect(await discovery(cold.reader).list(project)).toEqual(first);
    expect(cold.reads).toContain(files.claude);
    const rebuilt = JSON.parse(await readFile(indexFile, "utf8"));
    expect(rebuilt.entries.map((e: { filePath: string }) => e.filePath)).toContain(files.claude);
  });

  it("keeps the index (titles are users' first messages) private to the user: folder 0700, file 0600", async () => {
    await discovery().list(project);
    expect((await stat(indexFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(indexFile))).mode & 0o777).toBe(0o700);
  });

  it("lists a new rollout once its first user message is written", async () => {
    const d = discovery();
    const id = "44444444-4444-4444-8444-444444444444";
    const file = path.join(codexHome, "sessions", "2026", "03", "01", `rollout-2026-03-01T09-00-00-${id}.jsonl`);
    await mkdir(path.dirname(file), { recursive: true });
    const record = (type: string, payload: object) =>
      `${JSON.stringify({ timestamp: "2026-03-01T09:00:00Z", type, payload })}\n`;
    await writeFile(file, record("session_meta", { id, cwd: project, timestamp: "2026-03-01T09:00:00Z" }));
    expect((await d.list(project)).map((s) => s.providerSessionId)).not.toContain(id);
    await appendFile(
      file,
      record("response_item", {
        type: "message",
        role: "user",
        content: [{ type: "input_text", text: "add a README" }],
      }) + record("event_msg", { type: "user_message", message: "add a README" }),
    );
    const sessions = await d.list(project);
    expect(sessions[0]).toMatchObject({ cliType: "codex", providerSessionId: id, title: "add a README" });
  });
});

describe("SessionDiscovery.findFile and readHistory", () => {
  it("finds files by id without a prior listing and reads their history", async () => {
    const d = discovery();
    expect(await d.findFile("claude-code", CLAUDE_SESSION)).toBe(files.claude);
    expect(await d.findFile("claude-code", SHORT)).toBe(files.short);
    expect(await d.findFile("codex", CODEX)).toBe(files.codex);
    expect(await d.findFile("codex", "55555555-5555-4555-8555-555555555555")).toBeUndefined();
    expect(await d.findFile("claude-code", "../claude/projects")).toBeUndefined();
    const history = await d.readHistory("codex", CODEX, { sessionId: `codex:${CODEX}` });
    const expected = await readCodexRollout(files.codex, { sessionId: `codex:${CODEX}` });
    expect(history).toEqual(expected.history);
    const claude = await d.readHistory("claude-code", CURRY, { sessionId: "x" });
    expect(claude.some((h) => h.type === "tool_call" && h.toolName === "Task")).toBe(true);
    await expect(
      d.readHistory("claude-code", "66666666-6666-4666-8666-666666666666", { sessionId: "x" }),
    ).rejects.toBeInstanceOf(SessionFileNotFoundError);
  });

  it("finds a rollout whose file name does not carry its id", async () => {
    const renamed = path.join(codexHome, "sessions", "2026", "01", "03", "rollout-renamed.jsonl");
    await place("codex-rollouts/agtrace/codex_session.jsonl", renamed, project);
    await rm(files.codex);
    expect(await discovery().findFile("codex", CODEX)).toBe(renamed);
  });
});
