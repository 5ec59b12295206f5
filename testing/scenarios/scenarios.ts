// The CLI-neutral scenario vocabulary shared by the local Anthropic and OpenAI model servers.
//
// A scenario is a deterministic script of model responses. Each *step* is one model API response; a tool-using
// scenario has several steps, and the request that carries the tool result gets the next step of the same script
// (the step index is the number of assistant responses that follow the last real user message in the request).
// Each model server renders the same step in its own wire format (Anthropic Messages SSE / OpenAI Responses SSE),
// so one scenario name asks either CLI for the same behaviour.

/** One piece of model output inside a step, in the order it is streamed. */
export type ScenarioBlock =
  | { kind: "text"; text: string }
  | { kind: "thinking"; text: string }
  | { kind: "tool"; tool: "shell"; command: string }
  | { kind: "tool"; tool: "read"; path: string }
  | { kind: "tool"; tool: "write"; path: string; content: string }
  | { kind: "tool"; tool: "edit"; path: string; oldText: string; newText: string };

/** A tool block; `path`s are relative to the session's working directory unless absolute. */
export type ScenarioToolBlock = Extract<ScenarioBlock, { kind: "tool" }>;

/**
 * How a step fails instead of (or part-way through) answering.
 * - `http`: the request is answered with this HTTP status and the API's JSON error body, nothing streamed.
 * - `midStreamError`: the step's blocks stream up to `afterTokens` tokens, then an in-stream error event
 *   (Anthropic `event: error`, OpenAI `response.failed`) ends the stream.
 * - `drop`: the step streams up to `afterTokens` tokens, then the TCP connection is destroyed.
 * - `cut`: (OpenAI) the stream ends cleanly but without its completion event; (Anthropic) without `message_stop`.
 */
export type ScenarioFailure =
  | { kind: "http"; status: 401 | 429 | 500 | 529 }
  | { kind: "midStreamError"; afterTokens: number }
  | { kind: "drop"; afterTokens: number }
  | { kind: "cut"; afterTokens: number };

/** One model API response. */
export interface ScenarioStep {
  blocks: ScenarioBlock[];
  failure?: ScenarioFailure;
}

/** A named, documented script. `tokensPerSecond` paces every streamed delta (one token per delta); absent = instant. */
export interface Scenario {
  name: string;
  description: string;
  tokensPerSecond?: number;
  steps: ScenarioStep[];
}

const MARKDOWN_ANSWER = [
  "Here is a small **TypeScript** helper, with a note on how to use it.",
  "",
  "```ts",
  "export function greet(name: string): string {",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the answer shows a TypeScript template literal verbatim.
  "  return `Hello, ${name}!`;",
  "}",
  "```",
  "",
  '- Call `greet("world")` to get a greeting.',
  "- It never throws.",
  "",
  "| input | output |",
  "| --- | --- |",
  '| `"world"` | `Hello, world!` |',
].join("\n");

const LONG_ANSWER = Array.from(
  { length: 60 },
  (_, i) => `Sentence ${i + 1} of a long answer that streams slowly so it can be cancelled part-way through.`,
).join(" ");

/** Tokens of the `long-50k` answer. */
export const LONG_50K_TOKENS = 50_000;

/**
 * The `long-50k` answer: 50,000 tokens (whitespace-separated runs, as `tokenize` splits them) of plain prose in
 * sentences of ten words with a blank line every 100 words, ASCII only: 205,498 characters.
 */
export const LONG_50K_ANSWER = Array.from({ length: LONG_50K_TOKENS }, (_, i) => {
  const word = `w${(i % 100).toString().padStart(2, "0")}`;
  if (i === LONG_50K_TOKENS - 1) return `${word}.`;
  if (i % 100 === 99) return `${word}.\n\n`;
  return i % 10 === 9 ? `${word}. ` : `${word} `;
}).join("");

/** Every named scenario. Select one by writing `scenario:<name>` anywhere in the user's message. */
export const SCENARIOS: Record<string, Scenario> = {
  text: {
    name: "text",
    description: "One plain text answer.",
    steps: [{ blocks: [{ kind: "text", text: "Hello! I am the local model. This is a plain text answer." }] }],
  },
  markdown: {
    name: "markdown",
    description: "A markdown answer with a fenced code block, a list and a table.",
    steps: [{ blocks: [{ kind: "text", text: MARKDOWN_ANSWER }] }],
  },
  thinking: {
    name: "thinking",
    description: "Thinking (Anthropic thinking_delta + signature_delta / OpenAI reasoning summary) before the text.",
    steps: [
      {
        blocks: [
          {
            kind: "thinking",
            text: "The user wants a short answer. I will think briefly, then reply in one sentence.",
          },
          { kind: "text", text: "After thinking it over: the answer is 42." },
        ],
      },
    ],
  },
  "tool-shell": {
    name: "tool-shell",
    description: "Runs `echo hello-from-tool` in the shell (Claude Bash / Codex exec_command), then reports.",
    steps: [
      {
        blocks: [
          { kind: "text", text: "Let me run a command." },
          { kind: "tool", tool: "shell", command: "echo hello-from-tool" },
        ],
      },
      { blocks: [{ kind: "text", text: "The command printed hello-from-tool." }] },
    ],
  },
  "tool-touch": {
    name: "tool-touch",
    description:
      "Runs `touch approved.txt` in the shell (Claude Bash / Codex exec_command), then reports. Unlike `echo`, Codex " +
      "asks before running it under approval_policy `untrusted` (permission tests).",
    steps: [
      { blocks: [{ kind: "tool", tool: "shell", command: "touch approved.txt" }] },
      { blocks: [{ kind: "text", text: "I created approved.txt." }] },
    ],
  },
  "tool-read": {
    name: "tool-read",
    description: "Reads README.md in the working directory (Claude Read / Codex exec_command cat), then reports.",
    steps: [
      { blocks: [{ kind: "tool", tool: "read", path: "README.md" }] },
      { blocks: [{ kind: "text", text: "I read README.md." }] },
    ],
  },
  "tool-write": {
    name: "tool-write",
    description: "Creates hello.txt (Claude Write / Codex apply_patch), then reports.",
    steps: [
      { blocks: [{ kind: "tool", tool: "write", path: "hello.txt", content: "Hello from Liminal Builder\n" }] },
      { blocks: [{ kind: "text", text: "I created hello.txt." }] },
    ],
  },
  "tool-edit": {
    name: "tool-edit",
    description: "Edits hello.txt, replacing `Hello` with `Goodbye` (Claude Edit / Codex apply_patch), then reports.",
    steps: [
      { blocks: [{ kind: "tool", tool: "edit", path: "hello.txt", oldText: "Hello", newText: "Goodbye" }] },
      { blocks: [{ kind: "text", text: "I edited hello.txt." }] },
    ],
  },
  "multi-step": {
    name: "multi-step",
    description: "Two tool steps (shell echo, then read README.md) before a final markdown answer.",
    steps: [
      {
        blocks: [
          { kind: "text", text: "First a command." },
          { kind: "tool", tool: "shell", command: "echo step-one" },
        ],
      },
      {
        blocks: [
          { kind: "text", text: "Now a file." },
          { kind: "tool", tool: "read", path: "README.md" },
        ],
      },
      { blocks: [{ kind: "text", text: "Both steps are **done**." }] },
    ],
  },
  slow: {
    name: "slow",
    description: "A long text answer paced at 20 tokens per second (for cancel and reload tests).",
    tokensPerSecond: 20,
    steps: [{ blocks: [{ kind: "text", text: LONG_ANSWER }] }],
  },
  "long-50k": {
    name: "long-50k",
    description:
      "One text answer of 50,000 tokens (205,498 characters), unpaced unless pace:<n> says otherwise (replay-budget bench).",
    steps: [{ blocks: [{ kind: "text", text: LONG_50K_ANSWER }] }],
  },
  "error-401": {
    name: "error-401",
    description: "HTTP 401 authentication error.",
    steps: [{ blocks: [], failure: { kind: "http", status: 401 } }],
  },
  "error-429": {
    name: "error-429",
    description: "HTTP 429 rate limit error.",
    steps: [{ blocks: [], failure: { kind: "http", status: 429 } }],
  },
  "error-500": {
    name: "error-500",
    description: "HTTP 500 server error.",
    steps: [{ blocks: [], failure: { kind: "http", status: 500 } }],
  },
  "error-529": {
    name: "error-529",
    description: "HTTP 529 overloaded error (Anthropic; the OpenAI server answers 503).",
    steps: [{ blocks: [], failure: { kind: "http", status: 529 } }],
  },
  "error-midstream": {
    name: "error-midstream",
    description: "Streams a few tokens, then an in-stream error event.",
    steps: [
      {
        blocks: [{ kind: "text", text: "This answer will fail part-way through." }],
        failure: { kind: "midStreamError", afterTokens: 3 },
      },
    ],
  },
  "error-drop": {
    name: "error-drop",
    description: "Streams a few tokens, then drops the connection.",
    steps: [
      {
        blocks: [{ kind: "text", text: "This answer will be cut off by a dropped connection." }],
        failure: { kind: "drop", afterTokens: 3 },
      },
    ],
  },
  "error-cut": {
    name: "error-cut",
    description: "Streams a few tokens, then ends the stream without its completion event.",
    steps: [
      {
        blocks: [{ kind: "text", text: "This stream ends without completing." }],
        failure: { kind: "cut", afterTokens: 3 },
      },
    ],
  },
};

/**
 * The default conversational script, for anything unscripted (demo mode): routes on keywords of the user's message
 * so a newcomer sees every feature, and otherwise answers in markdown quoting the message.
 */
export function conversationalScenario(userText: string): Scenario {
  const text = userText.toLowerCase();
  if (/\b(think|reason)/.test(text)) return SCENARIOS.thinking as Scenario;
  if (/\b(edit|change|modify)\b/.test(text)) return SCENARIOS["tool-edit"] as Scenario;
  if (/\b(write|create)\b/.test(text)) return SCENARIOS["tool-write"] as Scenario;
  if (/\b(code|example|markdown)\b/.test(text)) return SCENARIOS.markdown as Scenario;
  if (/\b(read|open|show)\b/.test(text)) return SCENARIOS["tool-read"] as Scenario;
  if (/\b(run|command|shell|echo|ls)\b/.test(text)) return SCENARIOS["tool-shell"] as Scenario;
  const quoted = userText.trim().slice(0, 200).replace(/\s+/g, " ");
  return {
    name: "conversation",
    description: "Default conversational answer.",
    steps: [
      {
        blocks: [
          {
            kind: "text",
            text: `You said: *${quoted || "(nothing)"}*\n\nI am the **local demo model**. Ask me to *think*, *run a command*, *read* a file, *write* a file, *edit* it, or show a *code* example.`,
          },
        ],
      },
    ],
  };
}

/** Per-request options parsed from markers in the user's message. */
export interface ScenarioSelection {
  scenario: Scenario;
  /** Overrides the scenario's pacing when the message holds `pace:<tokensPerSecond>`. */
  tokensPerSecond?: number;
  /** Set when the message holds `fixture:<name>`: the server replays that recorded stream verbatim instead. */
  fixture?: string;
}

/**
 * Chooses the scenario for a user message: `scenario:<name>` picks a named scenario (unknown names fall back to the
 * conversational script), `pace:<n>` sets tokens per second, `fixture:<name>` asks for a verbatim replay; otherwise
 * `defaultScenario` (when the server was given one) or the conversational script.
 */
export function selectScenario(userText: string, defaultScenario?: string): ScenarioSelection {
  const named = /\bscenario:([a-z0-9-]+)/i.exec(userText)?.[1];
  const pace = /\bpace:(\d+(?:\.\d+)?)/i.exec(userText)?.[1];
  const fixture = /\bfixture:([\w./-]+)/i.exec(userText)?.[1];
  const known = (name: string | undefined) => (name && Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined);
  const scenario = known(named?.toLowerCase()) || known(defaultScenario) || conversationalScenario(userText);
  const selection: ScenarioSelection = { scenario };
  const tps = pace ? Number(pace) : scenario.tokensPerSecond;
  if (tps && tps > 0) selection.tokensPerSecond = tps;
  if (fixture) selection.fixture = fixture;
  return selection;
}

/**
 * The step for a request: `stepIndex` is the number of assistant responses after the last real user message.
 * Past the end of the script, a short closing text answers (so a CLI that loops never gets an error).
 */
export function scenarioStep(scenario: Scenario, stepIndex: number): ScenarioStep {
  return scenario.steps[stepIndex] ?? { blocks: [{ kind: "text", text: "Done." }] };
}

/**
 * Splits text into streamable tokens: each token is a run of non-whitespace plus the whitespace that follows it,
 * so joining the tokens gives the text back exactly. Leading whitespace rides on the first token.
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}
