// The server's foundation, below projects/, sessions/, terminals/ and providers/: the JSON file store, the service
// error, the configuration and the process-table scan.

export { isAppVariable } from "./app-env.js";
export {
  ConfigError,
  DEFAULT_CLIENT_DIR,
  DEFAULT_IDLE_MINUTES,
  isLoopbackAddress,
  loadConfig,
  type ServerConfig,
} from "./config.js";
export {
  JsonStore,
  type JsonStoreOptions,
  type StoreErrorInfo,
  StoreWriteError,
  writeAtomically,
} from "./json-store.js";
export { findProcessesByEnv, type ProcessEntry, waitUntilGone } from "./proc-scan.js";
export {
  endLeftoverProcesses,
  SERVER_OWNER_ENV,
  type ServerWatchdog,
  serverOwnerMark,
  startServerWatchdog,
} from "./server-watchdog.js";
export { ServiceError } from "./service-error.js";
