// Target check: listing a project's sessions with 5,000 transcripts on disk (SessionDiscovery, cold and warm index).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ClaudeDiskSessions } from "../../server/providers/claude/index.js";
import { CodexDiskSessions } from "../../server/providers/codex/index.js";
import { SessionDiscovery } from "../../server/sessions/discovery/index.js";
import { makeTranscripts } from "../fixtures/make-transcripts.js";
import type { Check } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";
import { epochNow } from "../lib/timing.js";

/** `session-list-5000`: time of `SessionDiscovery.list(project)` with 5,000 transcripts on disk. */
export const sessionListCheck: Check = {
  name: "session-list-5000",
  measures:
    "Listing a project's sessions with 5,000 transcripts on disk (2,500 Claude transcripts + 2,500 Codex rollouts copied from real recordings): SessionDiscovery.list() in a new instance whose index file exists (a warm restart); also a cold list (no index file) and a repeat list on the same instance.",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 500 },
  level: "target",
  timeoutMs: 10 * 60_000,
  async run(ctx) {
    const root = ctx.tmpDir("transcripts");
    const dirs = {
      claudeConfigDir: path.join(root, "claude"),
      codexHome: path.join(root, "codex"),
      project: path.join(root, "project"),
      data: path.join(root, "data"),
    };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    const made = makeTranscripts({
      claudeConfigDir: dirs.claudeConfigDir,
      codexHome: dirs.codexHome,
      projectPath: dirs.project,
      count: 5000,
    });
    ctx.log(`wrote ${made.claude + made.codex} transcripts (${(made.bytes / 2 ** 20).toFixed(0)} MiB)`);
    const indexFile = path.join(dirs.data, "session-index.json");
    const options = {
      diskSessions: [new ClaudeDiskSessions(dirs.claudeConfigDir), new CodexDiskSessions(dirs.codexHome)],
      indexFile,
    };
    let listed = 0;
    const listOnce = async (discovery: SessionDiscovery): Promise<number> => {
      const start = epochNow();
      const sessions = await discovery.list(dirs.project);
      const ms = epochNow() - start;
      listed = sessions.length;
      return ms;
    };
    const { warm, cold, repeat } = await interleave(ctx.n, {
      cold: async () => {
        rmSync(indexFile, { force: true });
        return listOnce(new SessionDiscovery(options));
      },
      warm: async () => listOnce(new SessionDiscovery(options)),
      repeat: async () => {
        const discovery = new SessionDiscovery(options);
        await discovery.list(dirs.project);
        return listOnce(discovery);
      },
    });
    if (listed === 0) throw new Error(`list() found none of the ${made.claude + made.codex} sessions on disk`);
    return {
      subject: warm,
      subjectLabel: "warm index file, new instance",
      extra: { "cold (no index file)": cold, "same instance again": repeat },
      notes: [
        `${made.claude} Claude + ${made.codex} Codex transcripts (${(made.bytes / 2 ** 20).toFixed(0)} MiB); list() returns ${listed} (files without a user message are not sessions)`,
      ],
    };
  },
};
