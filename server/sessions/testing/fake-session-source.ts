// A fake SessionSource (sessions "found on disk") for unit tests of the session service and the HTTP layer.
import { type CliType, CliTypeSchema, type UpsertObject } from "../../../shared/contracts/index.js";
import type { DiscoveredSessionInfo, SessionSource } from "../session-source.js";

/**
 * Sessions on a pretend disk: `add` one (its transcript as `history`), and the service lists it for the project
 * whose path equals its `cwd`. `readHistory` stamps the asked `sessionId` on each upsert, like the real reader.
 * `listCalls` / `historyCalls` count the reads; `failList` makes `list` reject (discovery trouble).
 */
export class FakeSessionSource implements SessionSource {
  readonly sessions: DiscoveredSessionInfo[] = [];
  readonly histories = new Map<string, UpsertObject[]>();
  listCalls = 0;
  historyCalls = 0;
  failList: Error | undefined;

  /** Puts a session on the pretend disk; returns its info. */
  add(info: Partial<DiscoveredSessionInfo> & { providerSessionId: string; cwd: string }, history: UpsertObject[] = []) {
    const full: DiscoveredSessionInfo = {
      cliType: "claude-code",
      title: "From disk",
      lastActiveAt: "2026-01-02T00:00:00.000Z",
      ...info,
    };
    this.sessions.push(full);
    this.histories.set(`${full.cliType}:${full.providerSessionId}`, history);
    return full;
  }

  async list(projectPath: string): Promise<DiscoveredSessionInfo[]> {
    this.listCalls += 1;
    if (this.failList) throw this.failList;
    return this.sessions.filter((s) => s.cwd === projectPath);
  }

  /** Every CLI of the contract: the fake holds whatever sessions a test puts in. */
  handles(cliType: string): boolean {
    return CliTypeSchema.safeParse(cliType).success;
  }

  async readHistory(cliType: CliType, providerSessionId: string, options: { sessionId: string }) {
    this.historyCalls += 1;
    const history = this.histories.get(`${cliType}:${providerSessionId}`);
    if (!history) throw new Error(`no transcript for ${cliType}:${providerSessionId}`);
    return history.map((u) => ({ ...u, sessionId: options.sessionId }));
  }
}
