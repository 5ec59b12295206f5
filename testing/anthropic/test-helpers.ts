// Test helpers for the Anthropic stand-in: Claude-Code-shaped request bodies, a POST helper and a small SSE parser.

/** One SSE event as a test sees it. */
export interface TestSseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** The reminder block Claude Code puts before the user's words (shape copied from a captured Claude Code request). */
export const REMINDER_BLOCK = {
  type: "text",
  text: "<system-reminder>\nAttribution for git commits and pull requests you create from here on: read and edit as usual.\n</system-reminder>\n",
};

/** A user message the way Claude Code sends a prompt: a system-reminder text block, then the user's text. */
export function userPrompt(text: string): Record<string, unknown> {
  return { role: "user", content: [REMINDER_BLOCK, { type: "text", text }] };
}

/** The `role: "system"` environment message Claude Code 2.1 sends, stating the working directory. */
export function environmentMessage(cwd: string): Record<string, unknown> {
  return {
    role: "system",
    content: `# Environment\nYou have been invoked in the following environment: \n - Primary working directory: ${cwd}\n - Is a git repository: false\n - Platform: linux`,
  };
}

/** A Claude-Code-shaped request body: system blocks, the prompt, the environment message, then `history`. */
export function claudeRequest(
  prompt: string,
  options: { cwd?: string; history?: Record<string, unknown>[]; stream?: boolean } = {},
): Record<string, unknown> {
  return {
    model: "claude-opus-5-5",
    max_tokens: 32000,
    stream: options.stream ?? true,
    system: [{ type: "text", text: "You are a Claude agent, built on Anthropic's Claude Agent SDK." }],
    tools: [{ name: "Bash", description: "Run a command", input_schema: { type: "object" } }],
    messages: [userPrompt(prompt), environmentMessage(options.cwd ?? "/work/project"), ...(options.history ?? [])],
  };
}

/** POSTs a JSON body to `<url>/v1/messages?beta=true` (or another path) with Claude Code's usual headers. */
export function post(url: string, body: unknown, path = "/v1/messages?beta=true"): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "test", "anthropic-version": "2023-06-01" },
    body: JSON.stringify(body),
  });
}

/** Parses SSE text into events; throws if a frame lacks `event:`/`data:` or its data is not JSON. */
export function parseSseText(text: string): TestSseEvent[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      const event = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (event === undefined || data === undefined) throw new Error(`Bad SSE frame: ${JSON.stringify(frame)}`);
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

/** The deltas of one type (`text_delta`, `thinking_delta`, `input_json_delta`, …) in order. */
export function deltas(events: TestSseEvent[], type: string): Record<string, unknown>[] {
  return events
    .filter((e) => e.event === "content_block_delta")
    .map((e) => e.data.delta as Record<string, unknown>)
    .filter((d) => d.type === type);
}

/** The joined text of all text deltas. */
export function streamedText(events: TestSseEvent[]): string {
  return deltas(events, "text_delta")
    .map((d) => d.text)
    .join("");
}
