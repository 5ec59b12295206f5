// Test-only: the lifecycle every provider's turn must keep (CONTRACTS.md sections 2 and 3), as one assertion.
import { expect } from "vitest";
import {
  type TurnEvent,
  TurnEventSchema,
  type UpsertObject,
  UpsertObjectSchema,
} from "../../../shared/contracts/index.js";

/** Every item: one `create` first, one terminal last; every upsert and event valid; one start, one terminal. */
export function expectWellFormed(upserts: UpsertObject[], turns: TurnEvent[]): void {
  for (const u of upserts) expect(UpsertObjectSchema.parse(u)).toEqual(u);
  for (const e of turns) expect(TurnEventSchema.parse(e)).toEqual(e);
  const ids = [...new Set(upserts.map((u) => u.itemId))];
  for (const id of ids) {
    const statuses = upserts.filter((u) => u.itemId === id).map((u) => u.status);
    expect(statuses[0], id).toBe("create");
    expect(
      statuses.filter((s) => s === "create"),
      id,
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s === "complete" || s === "error"),
      id,
    ).toHaveLength(1);
    expect(["complete", "error"], id).toContain(statuses.at(-1));
  }
  expect(turns[0]?.type).toBe("turn_started");
  expect(turns.filter((e) => e.type !== "turn_started")).toHaveLength(1);
  expect(turns.at(-1)?.type).not.toBe("turn_started");
}
