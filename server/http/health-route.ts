// `GET /api/health`: liveness, version and uptime, plus the problems the JSON stores reported.
import type { FastifyInstance } from "fastify";
import type { HealthResponse } from "../../shared/contracts/index.js";
import type { StoreErrorInfo } from "../sessions/index.js";
import { describeStoreError } from "./store-warnings.js";

/** What the health route reports besides `status: "ok"`. */
export interface HealthOptions {
  /** The app version (package.json `version`). */
  version: string;
  /** When the server started, `Date.now()` milliseconds. */
  startedAt: number;
  /** Store problems so far (the session service's `storeErrors()`). */
  storeErrors: () => StoreErrorInfo[];
}

/** `/api/health` body: the contract's fields, plus store warnings when there are any. */
export type HealthBody = HealthResponse & { warnings?: string[]; storeErrors?: StoreErrorInfo[] };

/**
 * Registers `GET /api/health` → 200 `{ status: "ok", version, uptimeMs }` (`uptimeMs` in milliseconds); when a store
 * file was corrupt or a write failed, also `warnings` (one sentence each) and `storeErrors` (the details).
 */
export async function registerHealthRoute(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get("/api/health", async () => {
    const body: HealthBody = { status: "ok", version: options.version, uptimeMs: Date.now() - options.startedAt };
    const storeErrors = options.storeErrors();
    if (storeErrors.length > 0) {
      body.warnings = storeErrors.map(describeStoreError);
      body.storeErrors = storeErrors;
    }
    return body;
  });
}
