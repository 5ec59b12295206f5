// Puts a full bench run's table into the top-level README, between its two bench markers.
import { readFileSync, writeFileSync } from "node:fs";

/** The line before the table in README.md. */
export const TABLE_START = "<!-- bench:latest:start (written by npm run bench; do not edit by hand) -->";
/** The line after the table in README.md. */
export const TABLE_END = "<!-- bench:latest:end -->";

/**
 * `readme` with the text between {@link TABLE_START} and {@link TABLE_END} replaced by `section` (the run line and
 * table of `renderReport`, without its heading and notes).
 * @throws Error when the markers are missing, repeated or out of order (the README would otherwise silently keep a
 *   stale table).
 */
export function replaceTable(readme: string, section: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (
    start < 0 ||
    end < start ||
    readme.indexOf(TABLE_START, start + 1) >= 0 ||
    readme.indexOf(TABLE_END, end + 1) >= 0
  ) {
    throw new Error(`README.md needs exactly one "${TABLE_START}" line followed by one "${TABLE_END}" line`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${section.trim()}\n\n${readme.slice(end)}`;
}

/** Writes `section` into the README file at `file` (see {@link replaceTable}). */
export function writeReadmeTable(file: string, section: string): void {
  writeFileSync(file, replaceTable(readFileSync(file, "utf8"), section));
}
