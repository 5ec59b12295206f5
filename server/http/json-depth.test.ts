// Unit tests: the nesting guard before JSON.parse.
import { expect, it } from "vitest";
import { tooDeepAt } from "./json-depth.js";

it("finds the first bracket past the limit, and stops there", () => {
  expect(tooDeepAt("[[[]]]", 2)).toBe(2);
  expect(tooDeepAt(`${"[".repeat(8_000_000)}${"]".repeat(8_000_000)}`)).toBe(64);
  expect(tooDeepAt('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(-1);
  expect(tooDeepAt('{"a":{"b":[1,{"c":2}]}}', 3)).toBe(13);
});

it("does not count brackets inside strings, escaped quotes included", () => {
  expect(tooDeepAt(JSON.stringify({ content: "[[[[[[{{{{{{" }), 2)).toBe(-1);
  expect(tooDeepAt(JSON.stringify({ content: 'say \\"[[[[" and \\\\' }), 2)).toBe(-1);
  expect(tooDeepAt(JSON.stringify([{ content: '"' }, [[[]]]]), 3)).toBe(20);
});
