// Vitest projects: unit (fast, no real CLI), integration (real CLIs + local model servers), e2e (real browser).
import { defineConfig } from "vitest/config";

/** Files named `*.int.test.ts` are integration tests; `*.e2e.test.ts` are browser tests; every other `*.test.ts` is a unit test. */
export default defineConfig({
  test: {
    passWithNoTests: true,
    projects: [
      {
        test: {
          name: "unit",
          include: ["{server,shared,client,testing,bench,scripts}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.e2e.test.ts", "**/node_modules/**"],
          environment: "node",
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["{server,shared,testing,bench,scripts}/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["{client,server,testing,e2e}/**/*.e2e.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
