// The content of a Codex rollout user item as upsert fields: text and images (`input_image` data URLs) in order,
// images by reference, injected context (`<environment_context>`, AGENTS.md, …) as chips (issue 13 §8 and §9).
import type { InjectedContext } from "../../../shared/contracts/index.js";
import { isObject } from "../cli-json.js";
import { historyImageRefFromDataUrl } from "../history-images.js";
import { type ContextRules, type UserBlock, type UserMessageFields, userMessageFields } from "../user-message-parts.js";

/**
 * The context Codex writes as user items or into them (codex-rs `core` 0.4x–0.6x: `<environment_context>`,
 * `<user_instructions>`, the AGENTS.md block, `<turn_aborted>` and the like).
 */
export const CODEX_CONTEXT_RULES: ContextRules = {
  tags: {
    environment_context: "Environment",
    user_instructions: "Instructions",
    developer_instructions: "Developer instructions",
    INSTRUCTIONS: "Instructions",
    user_shell_command: "Shell command",
    turn_aborted: "Turn aborted",
    subagent_notification: "Sub-agent notice",
  },
  prefixes: { "# AGENTS.md instructions": "AGENTS.md", "<permissions instructions>": "Permissions" },
};

/** The markers Codex writes around an attached image (`<image name=[Image #1]>` … `</image>`): not the user's words. */
const IMAGE_MARKER = /^\s*(?:<image\b[^>]*>|<\/image>)\s*$/;

/** Text shown in place of an `input_image` that is not a readable data URL (an http or file URL, bad data). */
const UNREADABLE_IMAGE = "[image]";

/**
 * The blocks of a rollout `message` item's `content` (OpenAI Responses API input items: `input_text` with `text`,
 * `input_image` with `image_url`, a `data:` URL in Codex rollouts), in order; Codex's image markers are left out.
 */
export function codexUserBlocks(content: unknown): UserBlock[] {
  if (typeof content === "string") return [{ text: content }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part): UserBlock[] => {
    if (!isObject(part)) return [];
    if (part.type === "input_image") {
      const image = historyImageRefFromDataUrl(part.image_url);
      return [image ? { image } : { text: UNREADABLE_IMAGE }];
    }
    if (typeof part.text !== "string" || IMAGE_MARKER.test(part.text)) return [];
    return [{ text: part.text }];
  });
}

/**
 * The fields of the user `message` upsert for a real user item's `payload` (see `userMessageFields`): its text,
 * its images by reference in order, and its injected context after `earlier` (context items written before it).
 */
export function codexUserContent(payload: unknown, earlier: readonly InjectedContext[] = []): UserMessageFields {
  const content = isObject(payload) ? payload.content : undefined;
  return userMessageFields(codexUserBlocks(content), CODEX_CONTEXT_RULES, earlier);
}

/**
 * The injected context of a user item that is not the user's input (e.g. a whole `<environment_context>` item), as
 * chips; text outside any known tag becomes a chip labelled "Context".
 */
export function codexInjectedContext(payload: unknown): InjectedContext[] {
  const fields = codexUserContent(payload);
  const context = [...(fields.context ?? [])];
  if (fields.content) context.push({ label: "Context", text: fields.content });
  return context;
}
