// Contract tests: a valid sample of every message validates; malformed ones fail naming the offending path.
import { describe, expect, it } from "vitest";
import {
  AddProjectRequestSchema,
  type ClientMessage,
  ClientMessageSchema,
  ContractValidationError,
  CreateSessionRequestSchema,
  ErrorBodySchema,
  PermissionDecisionSchema,
  PermissionRequestSchema,
  ProjectListResponseSchema,
  parseContract,
  SendMessageRequestSchema,
  SendMessageResponseSchema,
  type ServerMessage,
  ServerMessageSchema,
  SessionListResponseSchema,
  SessionRefResponseSchema,
  SessionStatusResponseSchema,
  type SessionSummary,
  type TerminalInfo,
  TurnEventSchema,
  type UpsertObject,
  UpsertObjectSchema,
} from "./index.js";

const T = "2026-11-21T18:00:00.000Z";
const base = { turnId: "turn-1", sessionId: "s-1", sourceTimestamp: T, emittedAt: T };

const upserts: UpsertObject[] = [
  { ...base, itemId: "turn-1:user", status: "complete", type: "message", content: "Hi", origin: "user" },
  { ...base, itemId: "turn-1:1:0", status: "create", type: "message", content: "Hel", origin: "agent" },
  { ...base, itemId: "turn-1:1:1", status: "update", type: "thinking", content: "hmm", providerId: "claude-code" },
  {
    ...base,
    itemId: "turn-1:1:2",
    status: "error",
    errorCode: "CANCELLED",
    errorMessage: "cancelled",
    parentCallId: "toolu_parent",
    type: "tool_call",
    toolName: "Bash",
    callId: "toolu_1",
    toolArguments: { command: "echo hi" },
    toolOutput: "hi\n",
    toolOutputIsError: true,
    title: "Run echo hi",
    kind: "execute",
  },
];

const session: SessionSummary = {
  sessionId: "s-1",
  cliType: "codex",
  projectId: "p-1",
  title: "Fix the build",
  state: "idle",
  lastActiveAt: T,
  createdAt: T,
  permissionMode: "default",
  source: "app",
};
const project = { projectId: "p-1", path: "/home/me/app", name: "app", addedAt: T };
const permissionRequest = {
  requestId: "perm-1",
  sessionId: "s-1",
  turnId: "turn-1",
  callId: "call-1",
  toolName: "Write",
  title: "Write hello.txt",
  input: { file_path: "/home/me/app/hello.txt", content: "hi" },
  options: [
    { optionId: "allow", name: "Allow once", kind: "allow_once" as const },
    { optionId: "deny", name: "Deny", kind: "reject_once" as const },
  ],
};

const clientSamples: ClientMessage[] = [
  { type: "project:list", requestId: "r1" },
  { type: "project:add", path: "~/code/app" },
  { type: "project:remove", projectId: "p-1" },
  { type: "session:list", projectId: "p-1" },
  { type: "session:list", projectId: "p-1", archived: true },
  { type: "session:create", projectId: "p-1", cliType: "claude-code", permissionMode: "acceptEdits" },
  { type: "session:open", sessionId: "s-1", afterSeq: 12 },
  { type: "session:close", sessionId: "s-1" },
  { type: "session:history:more", sessionId: "s-1", beforeItemId: "turn-1:user" },
  { type: "session:send", sessionId: "s-1", content: "Hello", requestId: "r2" },
  { type: "session:cancel", sessionId: "s-1" },
  { type: "session:kill", sessionId: "s-1" },
  { type: "session:load", sessionId: "s-1" },
  { type: "session:rename", sessionId: "s-1", title: "Deploy script" },
  { type: "session:archive", sessionId: "s-1" },
  { type: "session:unarchive", sessionId: "s-1" },
  { type: "session:permission-mode", sessionId: "s-1", permissionMode: "plan" },
  { type: "permission:respond", sessionId: "s-1", requestId: "perm-1", optionId: "allow" },
  { type: "terminal:list", requestId: "r10", sessionId: "s-1" },
  { type: "terminal:create", sessionId: "s-1", name: "dev server", cols: 120, rows: 30 },
  { type: "terminal:rename", terminalId: "term-1", name: "tests" },
  { type: "terminal:restart", terminalId: "term-1" },
  { type: "terminal:close", terminalId: "term-1" },
  { type: "project:git", projectId: "p-1" },
  { type: "project:settings", projectId: "p-1", setupCommand: "npm ci" },
  { type: "session:changes", sessionId: "s-1" },
  { type: "session:changes:file", sessionId: "s-1", path: "src/a.ts" },
  { type: "session:commit", sessionId: "s-1", message: "Add a" },
  { type: "session:merge", sessionId: "s-1" },
  { type: "session:discard", sessionId: "s-1", confirm: true },
  { type: "session:models", sessionId: "s-1" },
  { type: "session:model", sessionId: "s-1", model: "gpt-5.4", effort: "high" },
  { type: "cli:models", cliType: "codex" },
  { type: "image:get", imageId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
  { type: "session:commands", sessionId: "s-1" },
  { type: "session:files", sessionId: "s-1", q: "gre", limit: 20 },
];

const terminal: TerminalInfo = {
  terminalId: "term-1",
  sessionId: "s-1",
  name: "Terminal 1",
  shell: "/bin/bash",
  cwd: "/home/me/app",
  state: "running",
  cols: 80,
  rows: 24,
  createdAt: "2026-12-02T18:00:00.000Z",
};

const serverSamples: ServerMessage[] = [
  ...upserts.map((payload, i): ServerMessage => ({ type: "session:upsert", sessionId: "s-1", seq: i + 1, payload })),
  {
    type: "session:turn",
    sessionId: "s-1",
    seq: 5,
    payload: {
      type: "turn_started",
      turnId: "turn-1",
      sessionId: "s-1",
      modelId: "claude-opus",
      providerId: "claude-code",
    },
  },
  { type: "session:history", sessionId: "s-1", entries: [upserts[0] as UpsertObject], seq: 0, hasMore: false },
  { type: "project:list", projects: [project] },
  { type: "project:added", project, requestId: "r1" },
  { type: "project:removed", projectId: "p-1" },
  { type: "session:list", projectId: "p-1", sessions: [session] },
  { type: "session:list", projectId: "p-1", sessions: [{ ...session, archived: true }], archived: true },
  { type: "session:created", session },
  { type: "session:sent", sessionId: "s-1", turnId: "turn-1" },
  { type: "session:updated", session: { ...session, state: "dead" } },
  { type: "session:archived", sessionId: "s-1" },
  { type: "session:closed", sessionId: "s-1" },
  { type: "permission:request", sessionId: "s-1", request: permissionRequest },
  { type: "permission:resolved", sessionId: "s-1", requestId: "perm-1", optionId: "allow", outcome: "selected" },
  { type: "terminal:list", sessionId: "s-1", terminals: [terminal] },
  { type: "terminal:created", requestId: "r11", terminal },
  { type: "terminal:updated", terminal: { ...terminal, state: "exited", exitCode: 3 } },
  { type: "terminal:closed", terminalId: "term-1", sessionId: "s-1" },
  {
    type: "project:git",
    projectId: "p-1",
    git: true,
    currentBranch: "main",
    branches: ["main"],
    suggestedBranch: "lb/x-abcd",
  },
  {
    type: "project:updated",
    project: { projectId: "p-1", path: "/p", name: "p", addedAt: "2026-01-01T00:00:00.000Z", setupCommand: "npm ci" },
  },
  {
    type: "session:changes",
    sessionId: "s-1",
    changes: {
      base: "b",
      head: "h",
      files: [{ path: "a.ts", oldPath: "b.ts", status: "renamed", additions: 1, deletions: 0, binary: false }],
      uncommitted: 1,
      branch: "lb/x",
      baseBranch: "main",
    },
  },
  { type: "session:changes:file", sessionId: "s-1", path: "a.ts", diff: "diff --git a/a.ts b/a.ts\n" },
  { type: "session:committed", sessionId: "s-1", commit: "abc" },
  { type: "session:merged", sessionId: "s-1", commit: "abc", fastForward: true },
  { type: "session:discarded", sessionId: "s-1" },
  {
    type: "session:models",
    sessionId: "s-1",
    current: "gpt-5.4",
    models: [{ id: "gpt-5.4", name: "gpt-5.4", description: "Strong model for everyday coding." }],
    effort: { current: "medium", levels: [{ id: "medium", name: "Medium" }] },
  },
  { type: "session:model", sessionId: "s-1", current: "gpt-5.4", effort: "high" },
  { type: "cli:models", cliType: "claude-code", models: [{ id: "opus", name: "Opus" }] },
  {
    type: "image:data",
    imageId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    mediaType: "image/png",
    data: "iVBORw0KGgo=",
  },
  { type: "session:commands", sessionId: "s-1", commands: [{ name: "review", description: "Review my changes" }] },
  { type: "session:files", requestId: "r10", sessionId: "s-1", q: "gre", files: [{ path: "src/greet.js" }] },
  { type: "error", requestId: "r9", code: "INVALID_PATH", message: "No such folder: /nope" },
  {
    type: "attention:snapshot",
    approvals: [],
    turns: [{ sessionId: "s-1", turnId: "t-1", outcome: "completed", endedAt: "2026-12-03T10:00:00.000Z" }],
  },
  {
    type: "attention:approval",
    sessionId: "s-1",
    askedAt: "2026-12-03T10:00:00.000Z",
    request: {
      requestId: "p-1",
      sessionId: "s-1",
      turnId: "t-1",
      toolName: "Bash",
      input: {},
      options: [{ optionId: "allow", name: "Allow once", kind: "allow_once" }],
    },
  },
  { type: "attention:resolved", sessionId: "s-1", requestId: "p-1" },
  {
    type: "attention:turn",
    sessionId: "s-1",
    turnId: "t-1",
    outcome: "error",
    errorMessage: "Authentication failed",
    endedAt: "2026-12-03T10:00:00.000Z",
  },
];

function issuesOf(schema: Parameters<typeof parseContract>[0], value: unknown): string[] {
  try {
    parseContract(schema, value);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractValidationError);
    return (error as ContractValidationError).issues.map((i) => i.path);
  }
  throw new Error("expected the value to be rejected");
}

describe("upserts and turn events", () => {
  it.each(upserts.map((u) => [u.type, u.status, u]))("accepts a %s upsert with status %s", (_t, _s, upsert) => {
    expect(UpsertObjectSchema.parse(upsert)).toEqual(upsert);
  });

  it.each([
    { type: "turn_started", turnId: "t", sessionId: "s", modelId: "gpt-5.4", providerId: "codex" },
    {
      type: "turn_complete",
      turnId: "t",
      sessionId: "s",
      status: "completed",
      usage: { inputTokens: 10, outputTokens: 5, cacheReadInputTokens: 3, cacheCreationInputTokens: 1, costUsd: 0.01 },
    },
    { type: "turn_complete", turnId: "t", sessionId: "s", status: "cancelled" },
    {
      type: "turn_error",
      turnId: "t",
      sessionId: "s",
      errorCode: "PROCESS_CRASH",
      errorMessage: "Claude Code exited (signal SIGKILL)",
    },
  ])("accepts turn event $type", (event) => {
    expect(TurnEventSchema.parse(event)).toEqual(event);
  });

  it("names the missing field", () => {
    const { itemId: _dropped, ...noItemId } = upserts[1] as UpsertObject;
    expect(issuesOf(UpsertObjectSchema, noItemId)).toEqual(["itemId"]);
  });

  it("names a field of the wrong type", () => {
    expect(issuesOf(UpsertObjectSchema, { ...upserts[1], content: 42 })).toEqual(["content"]);
    expect(
      issuesOf(TurnEventSchema, {
        type: "turn_complete",
        turnId: "t",
        sessionId: "s",
        status: "completed",
        usage: { inputTokens: "10", outputTokens: 1 },
      }),
    ).toEqual(["usage.inputTokens"]);
  });

  it("rejects an unknown upsert type and an unknown status", () => {
    expect(issuesOf(UpsertObjectSchema, { ...upserts[1], type: "image" })).toEqual(["type"]);
    expect(issuesOf(UpsertObjectSchema, { ...upserts[1], status: "done" })).toEqual(["status"]);
    expect(issuesOf(TurnEventSchema, { type: "turn_complete", turnId: "t", sessionId: "s", status: "failed" })).toEqual(
      ["status"],
    );
  });

  it("rejects a timestamp that is not ISO 8601", () => {
    expect(issuesOf(UpsertObjectSchema, { ...upserts[1], emittedAt: "yesterday" })).toEqual(["emittedAt"]);
  });
});

describe("WebSocket messages", () => {
  it("has a valid sample of every browser command", () => {
    const types = new Set(clientSamples.map((m) => m.type));
    expect([...types].sort()).toEqual(ClientMessageSchema.options.map((o) => o.shape.type.value).sort());
    for (const sample of clientSamples) expect(ClientMessageSchema.parse(sample)).toEqual(sample);
  });

  it("has a valid sample of every server message", () => {
    const types = new Set(serverSamples.map((m) => m.type));
    expect([...types].sort()).toEqual(ServerMessageSchema.options.map((o) => o.shape.type.value).sort());
    for (const sample of serverSamples) expect(ServerMessageSchema.parse(sample)).toEqual(sample);
  });

  it("rejects an unknown command type", () => {
    expect(issuesOf(ClientMessageSchema, { type: "session:explode", sessionId: "s" })).toEqual(["type"]);
  });

  it("names nested paths inside a stream message", () => {
    const bad = { type: "session:upsert", sessionId: "s-1", seq: 1, payload: { ...upserts[1], status: "finished" } };
    expect(issuesOf(ServerMessageSchema, bad)).toEqual(["payload.status"]);
    expect(issuesOf(ServerMessageSchema, { ...bad, payload: upserts[1], seq: 0 })).toEqual(["seq"]);
  });

  it("names the missing field of a command", () => {
    expect(issuesOf(ClientMessageSchema, { type: "session:send", sessionId: "s-1" })).toEqual(["content"]);
    expect(issuesOf(ClientMessageSchema, { type: "session:open", sessionId: "s-1", afterSeq: -1 })).toEqual([
      "afterSeq",
    ]);
  });

  it("puts the path in the error message", () => {
    expect(() => parseContract(ClientMessageSchema, { type: "project:add", path: 7 }, "command")).toThrow(
      /^Invalid command: path: /,
    );
  });
});

describe("REST bodies and permissions", () => {
  it("accepts every request and response body", () => {
    expect(CreateSessionRequestSchema.parse({ cliType: "codex", projectId: "p-1" })).toBeTruthy();
    expect(SessionRefResponseSchema.parse({ sessionId: "s-1", cliType: "codex" })).toBeTruthy();
    expect(SessionListResponseSchema.parse({ sessions: [session] })).toBeTruthy();
    expect(
      SessionStatusResponseSchema.parse({ sessionId: "s-1", cliType: "codex", isAlive: true, state: "running" }),
    ).toBeTruthy();
    expect(SendMessageRequestSchema.parse({ content: "hi" })).toEqual({ content: "hi" });
    expect(SendMessageResponseSchema.parse({ turnId: "t" })).toEqual({ turnId: "t" });
    expect(ProjectListResponseSchema.parse({ projects: [project] })).toBeTruthy();
    expect(AddProjectRequestSchema.parse({ path: "~/x" })).toEqual({ path: "~/x" });
    expect(ErrorBodySchema.parse({ code: "SESSION_NOT_FOUND", message: "No session s-9" })).toBeTruthy();
  });

  it("rejects malformed request bodies with the field named", () => {
    expect(issuesOf(SendMessageRequestSchema, { content: "   " })).toEqual(["content"]);
    expect(issuesOf(CreateSessionRequestSchema, { cliType: "codex" })).toEqual(["projectId"]);
    expect(issuesOf(CreateSessionRequestSchema, { cliType: "codex", projectId: "p", permissionMode: "yolo" })).toEqual([
      "permissionMode",
    ]);
    expect(
      issuesOf(SessionStatusResponseSchema, { sessionId: "s", cliType: "codex", isAlive: true, state: "hibernating" }),
    ).toEqual(["state"]);
  });

  it("accepts permission requests and both kinds of decision", () => {
    expect(PermissionRequestSchema.parse(permissionRequest)).toEqual(permissionRequest);
    expect(PermissionDecisionSchema.parse({ outcome: "selected", optionId: "allow" })).toBeTruthy();
    expect(PermissionDecisionSchema.parse({ outcome: "cancelled" })).toBeTruthy();
  });

  it("rejects a permission request without options and an unknown option kind", () => {
    expect(issuesOf(PermissionRequestSchema, { ...permissionRequest, options: [] })).toEqual(["options"]);
    const badKind = { ...permissionRequest, options: [{ optionId: "x", name: "X", kind: "maybe" }] };
    expect(issuesOf(PermissionRequestSchema, badKind)).toEqual(["options.0.kind"]);
  });
});
