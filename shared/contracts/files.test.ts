// The @-mention contracts: the search query (limit from a query string), the /ws command and reply, the inserted text.
import { describe, expect, it } from "vitest";
import {
  ClientMessageSchema,
  ContractValidationError,
  FileSearchQuerySchema,
  fileMention,
  parseContract,
  ServerMessageSchema,
} from "./index.js";

describe("FileSearchQuerySchema", () => {
  it("reads limit from query-string text and defaults q to empty and limit to 50", () => {
    expect(parseContract(FileSearchQuerySchema, { q: "app", limit: "7" }, "query")).toEqual({ q: "app", limit: 7 });
    expect(parseContract(FileSearchQuerySchema, {}, "query")).toEqual({ q: "", limit: 50 });
  });

  it("refuses a limit that is not a whole number from 1 to 200, naming it", () => {
    for (const limit of ["0", "201", "1.5", "x"]) {
      expect(() => parseContract(FileSearchQuerySchema, { limit }, "query")).toThrow(ContractValidationError);
      expect(() => parseContract(FileSearchQuerySchema, { limit }, "query")).toThrow(/limit/);
    }
  });
});

describe("session:files over /ws", () => {
  it("the command takes sessionId, q and an optional limit; the reply echoes q with the files", () => {
    expect(ClientMessageSchema.safeParse({ type: "session:files", sessionId: "s-1", q: "ap" }).success).toBe(true);
    expect(ClientMessageSchema.safeParse({ type: "session:files", sessionId: "s-1", q: "", limit: 0 }).success).toBe(
      false,
    );
    const reply = { type: "session:files", sessionId: "s-1", q: "ap", files: [{ path: "src/app.ts" }] };
    expect(ServerMessageSchema.parse(reply)).toEqual(reply);
  });
});

describe("fileMention", () => {
  it("is @path, quoted when the path holds white space", () => {
    expect(fileMention("src/app.ts")).toBe("@src/app.ts");
    expect(fileMention("docs/my notes.md")).toBe('@"docs/my notes.md"');
  });
});
