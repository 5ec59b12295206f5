// Unit tests: a full run's table replaces the README's previous one, and only between the markers.
import { describe, expect, it } from "vitest";
import { replaceTable, TABLE_END, TABLE_START } from "./readme-table.js";

describe("replaceTable", () => {
  it("replaces the old table between the markers and keeps the text around them", () => {
    const readme = `# Title\n\nIntro.\n\n${TABLE_START}\n\n| old | table |\n\n${TABLE_END}\n\nAfter.\n`;
    const next = replaceTable(readme, "run line\n\n| new | table |\n");
    expect(next).toBe(`# Title\n\nIntro.\n\n${TABLE_START}\n\nrun line\n\n| new | table |\n\n${TABLE_END}\n\nAfter.\n`);
    expect(replaceTable(next, "run line\n\n| new | table |")).toBe(next);
  });

  it("refuses a README without both markers, or with them repeated or reversed", () => {
    expect(() => replaceTable("# no markers\n", "x")).toThrow(TABLE_START);
    expect(() => replaceTable(`${TABLE_END}\n${TABLE_START}\n`, "x")).toThrow("exactly one");
    expect(() => replaceTable(`${TABLE_START}\n${TABLE_END}\n${TABLE_START}\n${TABLE_END}\n`, "x")).toThrow(
      "exactly one",
    );
  });
});
