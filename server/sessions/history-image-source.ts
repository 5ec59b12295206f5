// Stores the images of history read from a CLI's own files (issue 13 §8), so upserts carry only references.
import type { ImageRef, MessagePart, UpsertObject } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import { takeHistoryImageBytes } from "../providers/index.js";
import type { ImageStore } from "./image-store.js";
import type { SessionSource } from "./session-source.js";

/**
 * Stores, in `store`, the bytes of every image reference in `entries` that a history reader made
 * (`takeHistoryImageBytes`: user messages' and tool calls' `images`), so `GET /api/images/:imageId` serves it; the
 * entries are unchanged and keep only references. An image that cannot be written is logged through `logger` and
 * left out of its item (its thumbnail would not load). @returns `entries`.
 */
export async function storeHistoryImages(
  entries: UpsertObject[],
  store: ImageStore,
  logger: Logger,
): Promise<UpsertObject[]> {
  for (const entry of entries) {
    if (entry.type === "thinking" || !entry.images) continue;
    const kept: ImageRef[] = [];
    for (const ref of entry.images) {
      const bytes = takeHistoryImageBytes(ref);
      if (!bytes) {
        kept.push(ref);
        continue;
      }
      try {
        await store.put(bytes, ref.mediaType);
        kept.push(ref);
      } catch (error) {
        logger.warn(`Could not store an image of session ${entry.sessionId}`, { error: String(error) });
      }
    }
    if (kept.length !== entry.images.length) dropImages(entry, kept);
  }
  return entries;
}

function dropImages(entry: Exclude<UpsertObject, { type: "thinking" }>, kept: ImageRef[]): void {
  if (entry.type === "message" && entry.parts) {
    const index = new Map(kept.map((ref, i) => [ref, i]));
    const images = entry.images ?? [];
    entry.parts = entry.parts.flatMap((part): MessagePart[] => {
      if (part.type === "text") return [part];
      const ref = images[part.index];
      const at = ref ? index.get(ref) : undefined;
      return at === undefined ? [] : [{ type: "image", index: at }];
    });
  }
  entry.images = kept;
}

/**
 * `source` whose `readHistory` stores the images of what it reads (see {@link storeHistoryImages}) before
 * answering; everything else is `source`'s own (a proxy, so methods added to `SessionSource` pass through).
 * Undefined without a source.
 */
export function storingHistoryImages(
  source: SessionSource | undefined,
  store: ImageStore,
  logger: Logger,
): SessionSource | undefined {
  if (!source) return undefined;
  const readHistory: SessionSource["readHistory"] = async (cliType, providerSessionId, options) =>
    storeHistoryImages(await source.readHistory(cliType, providerSessionId, options), store, logger);
  return new Proxy(source, {
    get(target, key) {
      if (key === "readHistory") return readHistory;
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
