// Small platform-neutral utilities the server and the browser share: the injected Logger, Listeners<T>, timeouts.
export * from "./listeners.js";
export * from "./logger.js";
export * from "./timeout.js";
export * from "./unreachable.js";
