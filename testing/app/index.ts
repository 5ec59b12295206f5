// Entry point of the app-stack harness: the whole app against local model stand-ins (demo mode, e2e tests, benchmarks).

export { buildClient, REPO_ROOT } from "./client-build.js";
export { createStackDirs, DEMO_PROJECT_FILES, type StackDirs, seedDemoProject } from "./dirs.js";
export { STACK_LOG_LIMIT, StackLog } from "./log.js";
export * from "./page.js";
export { cliProcesses, descendantProcesses, type ProcessInfo } from "./processes.js";
export { buildStackRegistry, LOCAL_API_KEY, type StackProviderOptions } from "./providers.js";
export { addProjectOnce, type LiminalStack, type LiminalStackOptions, startLiminalStack } from "./stack.js";
