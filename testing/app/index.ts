// Entry point of the app-stack harness: the whole app against local model stand-ins (demo mode, e2e tests, benchmarks).
export { createStackDirs, DEMO_PROJECT_FILES, type StackDirs, seedDemoProject } from "./dirs.js";
export { STACK_LOG_LIMIT, StackLog } from "./log.js";
export { cliProcesses, descendantProcesses, hasBwrapOnPath, type ProcessInfo } from "./processes.js";
export { buildStackRegistry, LOCAL_API_KEY, type StackProviderOptions } from "./providers.js";
export { addProjectOnce, type LiminalStack, type LiminalStackOptions, startLiminalStack } from "./stack.js";
export { buildClient, REPO_ROOT } from "./client-build.js";
export * from "./page.js";
