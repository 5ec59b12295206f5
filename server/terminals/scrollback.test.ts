// Unit tests: a terminal's kept output — exact resumption by offset, a bounded size, cuts at line starts.
import { describe, expect, it } from "vitest";
import { Scrollback } from "./scrollback.js";

const text = (buffer: Buffer) => buffer.toString("utf8");

describe("Scrollback", () => {
  it("gives a reconnecting viewer exactly the bytes after the offset it shows", () => {
    const scrollback = new Scrollback(1024);
    scrollback.append(Buffer.from("one\r\n"));
    scrollback.append(Buffer.from("two\r\n"));
    expect(scrollback.end).toBe(10);
    expect(scrollback.since(5)).toEqual({ offset: 5, data: Buffer.from("two\r\n") });
    expect(text(scrollback.since(7).data)).toBe("o\r\n");
    expect(scrollback.since(10)).toEqual({ offset: 10, data: Buffer.alloc(0) });
  });

  it("gives everything kept to a new page, or to an offset it never had", () => {
    const scrollback = new Scrollback(1024);
    scrollback.append(Buffer.from("hello\n"));
    expect(scrollback.since(undefined)).toEqual({ offset: 0, data: Buffer.from("hello\n") });
    expect(scrollback.since(99).offset).toBe(0);
  });

  it("keeps at most its limit, dropping the oldest output and starting the kept part at a line", () => {
    const scrollback = new Scrollback(16);
    scrollback.append(Buffer.from("line-1\nline-2\n"));
    scrollback.append(Buffer.from("line-3\n"));
    const kept = scrollback.since(0);
    expect(kept.data.length).toBeLessThanOrEqual(16);
    expect(text(kept.data)).toBe("line-2\nline-3\n");
    expect(kept.offset).toBe(7);
    expect(scrollback.start).toBe(7);
    expect(scrollback.end).toBe(21);
    expect(scrollback.since(3).offset).toBe(7);
  });

  it("cuts a chunk without line breaks at the byte limit", () => {
    const scrollback = new Scrollback(8);
    for (let i = 0; i < 100; i++) scrollback.append(Buffer.from("yyyyy"));
    const kept = scrollback.since(0);
    expect(kept.data.length).toBe(8);
    expect(kept.offset).toBe(500 - 8);
  });
});

describe("Scrollback with a program writing a byte at a time", () => {
  it("keeps exactly the last bytes, in order, within its limit", () => {
    const scrollback = new Scrollback(40 * 1024);
    const digits = "0123456789";
    for (let i = 0; i < 200_000; i++) scrollback.append(Buffer.from(digits[i % 10] as string));
    const kept = scrollback.since(0);
    expect(kept.data.length).toBe(40 * 1024);
    expect(kept.offset).toBe(200_000 - 40 * 1024);
    expect(scrollback.end).toBe(200_000);
    const expected = Array.from({ length: 40 * 1024 }, (_, k) => digits[(kept.offset + k) % 10]).join("");
    expect(text(kept.data)).toBe(expected);
    expect(text(scrollback.since(199_990).data)).toBe("0123456789");
  });
});
