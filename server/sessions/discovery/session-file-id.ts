// The UUID in CLI session file names: a Claude transcript is `<uuid>.jsonl`, a Codex rollout ends `-<uuid>.jsonl`.

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const WHOLE = new RegExp(`^${UUID}$`, "i");
const AT_END = new RegExp(`(${UUID})\\.jsonl$`, "i");

/** True when `text` is exactly one UUID (8-4-4-4-12 hex digits, either case), e.g. a transcript's base name. */
export function isUuid(text: string): boolean {
  return WHOLE.test(text);
}

/** The UUID just before `.jsonl` at the end of `fileName` (a rollout's session id), or `undefined`. */
export function uuidBeforeJsonl(fileName: string): string | undefined {
  return AT_END.exec(fileName)?.[1];
}
