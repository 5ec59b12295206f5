// Terminals: shells on PTYs in a session's folder, their kept output and flow control (below sessions/).
export { DEFAULT_SCROLLBACK_BYTES } from "./scrollback.js";
export {
  DEFAULT_FLOW_LIMITS,
  type Terminal,
  type TerminalFlowLimits,
  type TerminalViewer,
  type TerminalViewerSink,
} from "./terminal.js";
export { TERMINAL_MARK_VAR } from "./terminal-env.js";
export {
  type CreateTerminalInput,
  type TerminalChange,
  TerminalManager,
  type TerminalManagerOptions,
} from "./terminal-manager.js";
