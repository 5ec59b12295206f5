// The server's foundation, below projects/, sessions/ and providers/: the JSON file store and the service error.

export {
  ConfigError,
  DEFAULT_CLIENT_DIR,
  isLoopbackAddress,
  loadConfig,
  type ServerConfig,
} from "./config.js";
export { JsonStore, type JsonStoreOptions, type StoreErrorInfo, writeAtomically } from "./json-store.js";
export { ServiceError } from "./service-error.js";
