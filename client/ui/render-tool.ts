// A tool call's body: status, name and title, the shell command, diffs, arguments, and output (errors marked).
import type { ToolCallUpsert } from "../../shared/contracts/index.js";
import { itemErrorText } from "../state/error-text.js";
import {
  type FileDiff,
  prettyArguments,
  shellCommand,
  type ToolLike,
  toolDiffs,
  toolLabel,
  toolSubject,
} from "../state/tool-view.js";
import { h } from "./dom.js";
import { messageImages } from "./message-images.js";

/** Output with at most this many lines starts expanded (errors always do). */
const OPEN_OUTPUT_LINES = 10;
/** Longest output rendered (characters); the rest is cut with a note. */
const MAX_OUTPUT_CHARS = 200_000;

const lineCount = (text: string): number => (text === "" ? 0 : text.replace(/\n$/, "").split("\n").length);

/** Diffs as `+`/`-` colored lines, one block per file. */
export function renderDiffs(diffs: FileDiff[]): HTMLElement {
  return h(
    "div",
    { class: "diffs", "data-testid": "tool-diff" },
    diffs.map((diff) =>
      h(
        "div",
        { class: "diff" },
        diff.path ? h("div", { class: "diff-path" }, diff.path) : null,
        h(
          "pre",
          { class: "diff-lines" },
          diff.lines.map((line) =>
            h(
              "div",
              { class: `diff-line diff-${line.kind}`, "data-kind": line.kind },
              h(
                "span",
                { class: "diff-sign", "aria-hidden": "true" },
                line.kind === "add" ? "+" : line.kind === "del" ? "-" : line.kind === "hunk" ? "" : " ",
              ),
              line.text,
            ),
          ),
        ),
      ),
    ),
  );
}

/** The command, diffs or arguments of a tool (also used by permission cards). */
export function renderToolInput(tool: ToolLike, extraDiffs: FileDiff[] = []): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const command = shellCommand(tool);
  if (command !== undefined) {
    parts.push(
      h(
        "pre",
        { class: "tool-command", "data-testid": "tool-command" },
        h("span", { class: "prompt", "aria-hidden": "true" }, "$ "),
        command,
      ),
    );
  }
  const diffs = [...extraDiffs, ...toolDiffs(tool)];
  if (diffs.length > 0) parts.push(renderDiffs(diffs));
  const json = prettyArguments(tool.toolArguments);
  const empty = Object.keys(tool.toolArguments).length === 0;
  if (!empty) {
    const open = command === undefined && diffs.length === 0 && lineCount(json) <= 12;
    parts.push(
      h(
        "details",
        { class: "tool-args", "data-part": "args", "data-testid": "tool-arguments", open },
        h("summary", {}, "Arguments"),
        h("pre", { class: "code" }, json),
      ),
    );
  }
  return parts;
}

/**
 * The body of a tool call item (the wrapper, nesting and permission cards belong to the chat view).
 * `endedByTurnError`: the call was still open when its turn failed; its note then only says it was cut short.
 */
export function renderToolCall(item: ToolCallUpsert, endedByTurnError = false): HTMLElement {
  const running = item.status === "create" || item.status === "update";
  const failed = item.status === "error" || item.toolOutputIsError === true;
  const subject = item.title ? undefined : toolSubject(item);
  const statusIcon = running
    ? h("span", { class: "spinner", "data-testid": "tool-running", title: "Running", "aria-label": "Running" })
    : h(
        "span",
        { class: `tool-status ${failed ? "failed" : "ok"}`, "aria-label": failed ? "Failed" : "Done" },
        failed ? "✕" : "✓",
      );
  const output = item.toolOutput;
  const onlyImages = output === "" && (item.images?.length ?? 0) > 0; // e.g. a Read of a PNG: its thumbnail says it
  const outputEl =
    output !== undefined && !onlyImages
      ? h(
          "details",
          {
            class: `tool-output${failed ? " is-error" : ""}`,
            "data-part": "output",
            "data-testid": "tool-output",
            "data-error": failed ? "true" : undefined,
            open: failed || lineCount(output) <= OPEN_OUTPUT_LINES,
          },
          h(
            "summary",
            {},
            failed ? "Error output" : "Output",
            h("span", { class: "muted" }, ` · ${lineCount(output)} line${lineCount(output) === 1 ? "" : "s"}`),
          ),
          h(
            "pre",
            { class: "code" },
            output.length > MAX_OUTPUT_CHARS
              ? `${output.slice(0, MAX_OUTPUT_CHARS)}\n… (${output.length - MAX_OUTPUT_CHARS} more characters)`
              : output || "(no output)",
          ),
        )
      : null;
  const errorNote =
    item.status === "error" && output === undefined
      ? h(
          "div",
          { class: `item-note${item.errorCode === "CANCELLED" ? "" : " is-error"}`, "data-testid": "item-note" },
          itemErrorText(item, endedByTurnError),
        )
      : null;
  return h(
    "div",
    {
      class: "tool",
      "data-testid": "tool-call",
      "data-tool-name": item.toolName,
      "data-call-id": item.callId,
      "data-kind": item.kind,
    },
    h(
      "div",
      { class: "tool-head" },
      statusIcon,
      h("span", { class: "tool-name" }, item.title ? toolLabel(item) : item.toolName),
      item.title
        ? h("span", { class: "tool-sub muted" }, item.toolName)
        : subject
          ? h("span", { class: "tool-sub muted" }, subject)
          : null,
    ),
    renderToolInput(item),
    outputEl,
    messageImages(item.images),
    errorNote,
  );
}
