// Test helpers for the OpenAI stand-in: Codex-shaped request bodies and an SSE parser.

/** One parsed SSE event: its `event:` name and its `data:` parsed as JSON. */
export interface ParsedEvent {
  event: string | undefined;
  data: Record<string, unknown>;
}

/** Parses SSE text into events (the `data:` lines of an event joined with "\n", then JSON-parsed). Throws on bad JSON. */
export function parseSse(text: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length > 0) events.push({ event, data: JSON.parse(data.join("\n")) as Record<string, unknown> });
  }
  return events;
}

/** A Responses API message item as Codex sends it. */
export function message(role: "user" | "assistant" | "developer", ...texts: string[]): Record<string, unknown> {
  const type = role === "assistant" ? "output_text" : "input_text";
  return { type: "message", role, content: texts.map((text) => ({ type, text })) };
}

/** Codex's injected context message: AGENTS.md instructions and `<environment_context>` with the cwd. */
export function contextMessage(cwd: string): Record<string, unknown> {
  return message(
    "user",
    `# AGENTS.md instructions for ${cwd}\n\n<INSTRUCTIONS>\nscenario:error-500 never applies here.\n</INSTRUCTIONS>`,
    `<environment_context>\n  <cwd>${cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>`,
  );
}

/** A Codex-shaped `POST /v1/responses` body: developer + context messages, the user's text, then `after` items. */
export function codexBody(
  userText: string,
  options: { cwd?: string; before?: Record<string, unknown>[]; after?: Record<string, unknown>[] } = {},
): Record<string, unknown> {
  return {
    model: "gpt-5.4",
    instructions: "You are Codex.",
    input: [
      message("developer", "<permissions instructions>\nsandbox\n</permissions instructions>"),
      contextMessage(options.cwd ?? "/tmp/project"),
      ...(options.before ?? []),
      message("user", userText),
      ...(options.after ?? []),
    ],
    tools: [],
    stream: true,
    store: false,
  };
}

/** POSTs a body to `<url>/v1/responses`. */
export function postResponses(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer test" },
    body: JSON.stringify(body),
  });
}

/** The events of a given type. */
export function ofType(events: ParsedEvent[], type: string): ParsedEvent[] {
  return events.filter((event) => event.data.type === type);
}
