// Answers Codex's context-compaction requests (`/compact`) with a plain summary instead of a scenario.
import type { ScenarioStep } from "../scenarios/scenarios.js";
import type { ResponsesRequestInfo } from "./request.js";

/**
 * The answer to a Codex compaction request: a plain summary text naming the user's requests so far (the compaction
 * prompt itself left out), so `/compact` never runs a scenario's tools.
 */
export function compactionStep(info: ResponsesRequestInfo): ScenarioStep {
  const earlier = info.userTexts.slice(0, -1);
  const lines = earlier.slice(-20).map((text) => `- ${text.trim().replace(/\s+/g, " ").slice(0, 200)}`);
  const text = `Summary from the local model: the user made ${earlier.length} request(s) so far.\n${lines.join("\n")}`;
  return { blocks: [{ kind: "text", text: text.trimEnd() }] };
}
