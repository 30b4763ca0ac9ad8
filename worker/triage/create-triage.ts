import { classifyLine, stepName } from "./classify-line";
import { cleanLine } from "./clean-line";
import { categorize, extractFailingTests, extractLocations } from "./extract-details";
import { fingerprintOf } from "./fingerprint";
import { goalSummary, gradleSummary, muteOutputOfPassedSuites, selectExcerpt, type Selection, type WindowLine } from "./select-excerpt";
import type { Category, Excerpt, TriageResult } from "./types";

const MAX_CANDIDATES = 4;

type Candidate = Selection & { step?: string; stepLine?: number; markerLine?: WindowLine; goal: WindowLine[]; gradle: WindowLine[] };

export type Triage = {
  /** Feed the log in chunks of any size (strings or bytes; UTF-8 split across chunks is fine). */
  push(chunk: string | Uint8Array): void;
  finish(): TriageResult;
};

// Where a step failed: exit-code lines of the CI systems (a cheap, case-sensitive scan of every chunk).
// Only the lines before each of them (and the tail of the log) are read closely.
// Two stages: a scan for a few literals that every marker contains (twice as fast as scanning for
// the markers themselves), then the marker test on the lines they are in.
const markerHint = /xit|FAIL|ailed|marked build/g;
const markerText = /exited with [1-9]|exit code [1-9]|Finished: FAILURE|marked build as failure|BUILD FAIL|Job failed|Exited with code [1-9]|Build failed with an exception/;
const WINDOW_LINES = 1_000;
const HISTORY_BYTES = 4 << 20;

export type TriageOptions = {
  /**
   * Strings pushed are "binary" (one char per byte, e.g. Node's latin1 decoding), which is several times
   * faster to produce than UTF-8 decoding; only the lines that are analysed get decoded, with this function.
   */
  decodeBinaryLine?: (line: string) => string;
};

const NON_ASCII = /[\x80-\xff]/;

/** One pass over a CI log, in bounded memory: the current chunk plus the last WINDOW_LINES lines. */
export function createTriage(options: TriageOptions = {}): Triage {
  const decodeLine = options.decodeBinaryLine;
  const decoder = new TextDecoder();
  let bytes = 0;
  let markers = 0;
  // `buf` holds the recent complete lines (history) followed by new text; `firstLine` is the number
  // of its first line; `scanned` is where the next marker scan starts.
  let buf = "";
  let firstLine = 1;
  let scanned = 0;
  let stepFloor = 1; // a step ends at its marker: the next window never reaches back past it
  const candidates: Candidate[] = [];
  let totalLines = 0;

  const decoded = (raw: string) => (decodeLine && NON_ASCII.test(raw) ? decodeLine(raw) : raw);

  /** The complete lines of `buf` before offset `end` (which starts line `endLine`), at most WINDOW_LINES. */
  const linesBefore = (end: number, endLine: number): WindowLine[] => {
    const out: WindowLine[] = [];
    let stop = end - 1;
    for (let k = endLine - 1; k >= Math.max(firstLine, stepFloor, endLine - WINDOW_LINES) && stop >= 0; k--) {
      const start = buf.lastIndexOf("\n", stop - 1) + 1;
      const raw = buf.slice(start, stop);
      const text = cleanLine(decoded(raw));
      const line: WindowLine = { n: k, text, ...classifyLine(text) };
      out.push(line);
      // The window of a step starts at its start line, when the CI system marks steps.
      if (line.kind === "step" && stepName(text)) break;
      stop = start - 1;
    }
    return out.reverse();
  };

  const analyse = (all: WindowLine[], marker?: WindowLine): Candidate => {
    // Travis echoes a multi-line command in its exit line: the window ends where that echo starts.
    const echoStart = marker && !marker.text.includes('The command "') ? all.findLastIndex((l) => l.text.includes('The command "')) : -1;
    const window = muteOutputOfPassedSuites(echoStart >= 0 && marker!.n - all[echoStart]!.n < 200 ? all.slice(0, echoStart) : all);
    const first = window[0];
    const step = first && first.kind === "step" ? stepName(first.text) : undefined;
    return { ...selectExcerpt(window, marker), goal: goalSummary(window), gradle: gradleSummary(window), ...(step ? { step, stepLine: first!.n } : {}), ...(marker ? { markerLine: marker } : {}) };
  };

  const scan = (final: boolean) => {
    // Line number at offset `pos` is tracked incrementally while walking forward.
    let pos = 0;
    let line = firstLine;
    const advance = (to: number) => {
      for (let i = buf.indexOf("\n", pos); i >= 0 && i < to; i = buf.indexOf("\n", i + 1)) (line++, (pos = i + 1));
    };
    markerHint.lastIndex = scanned;
    for (let m = markerHint.exec(buf); m; m = markerHint.exec(buf)) {
      const end = buf.indexOf("\n", m.index);
      if (end < 0 && !final) break; // the marker's line is not complete yet
      const lineEnd = end < 0 ? buf.length : end;
      const start = buf.lastIndexOf("\n", m.index) + 1;
      const raw = buf.slice(start, lineEnd);
      if (!markerText.test(raw)) {
        markerHint.lastIndex = lineEnd + 1;
        continue;
      }
      advance(start); // now `line` is the number of the line at `start`
      const text = cleanLine(decoded(raw));
      const c = classifyLine(text);
      if (c.kind === "marker") {
        markers++;
        // The first step with a strong error explains the failure; later ones are its cascade.
        const explained = candidates.some((x) => x.strength >= 6);
        // After a build tool's own failure line (Maven's BUILD FAILURE), its closing summary follows
        // before the CI's marker: read that window too.
        const toolSummaryFollows = explained && isToolMarker(candidates.at(-1)?.markerLine?.text);
        if ((!explained || toolSummaryFollows) && candidates.length < MAX_CANDIDATES) candidates.push(analyse(linesBefore(start, line), { n: line, text, ...c }));
        stepFloor = line + 1;
      }
      markerHint.lastIndex = end < 0 ? buf.length : end + 1;
    }
    // Everything up to the last newline is complete: count it, keep a bounded history, carry the rest.
    const lastNewline = buf.lastIndexOf("\n");
    advance(lastNewline + 1);
    totalLines = line - 1;
    if (final) return;
    // Walking back k lines from `pos` (the start of line `line`) keeps lines line-k.. : no recount.
    let keepFrom = pos;
    let kept = 0;
    for (; kept < WINDOW_LINES && keepFrom > 0 && pos - keepFrom < HISTORY_BYTES; kept++) keepFrom = buf.lastIndexOf("\n", keepFrom - 2) + 1;
    firstLine = line - kept;
    buf = buf.slice(keepFrom);
    scanned = pos - keepFrom;
  };

  const consume = (text: string) => {
    buf += text;
    scan(false);
    // A pathological line with no newline must not grow without bound.
    if (buf.length - scanned > 8_000_000) buf = buf.slice(0, scanned) + buf.slice(buf.length - 1_000_000);
  };

  return {
    push(chunk) {
      if (typeof chunk === "string") {
        bytes += chunk.length;
        consume(chunk);
      } else {
        bytes += chunk.byteLength;
        consume(decoder.decode(chunk, { stream: true }));
      }
    },
    finish() {
      buf += decoder.decode();
      if (buf.length && !buf.endsWith("\n")) buf += "\n";
      scan(true);
      // Without an exit marker (log cut short, unknown CI), or when no step window had an error, judge the tail.
      const strong = candidates.find((c) => c.strength >= 6);
      const tail = strong ? undefined : analyse(linesBefore(buf.length, totalLines + 1));
      // With no exit marker, a log's last line is not evidence of anything: only error-shaped lines count.
      const tailOrNothing = tail && (tail.strength > 1 || candidates.length > 0) ? tail : { lines: [], strength: 0 };
      const next = strong && candidates[candidates.indexOf(strong) + 1];
      const summary = strong && isToolMarker(strong.markerLine?.text) && next && !next.step ? next.goal : [];
      const withSummary = strong && summary.length ? { ...strong, lines: [...strong.lines, ...summary] } : strong;
      // Nothing error-shaped, but Gradle said what went wrong after its own failure line: that is the explanation.
      const gradle = strong ? undefined : candidates.find((c) => c.gradle.length);
      const fromGradle = gradle && (!tail || tail.strength < 6) ? { ...gradle, lines: gradle.gradle, strength: 6 } : undefined;
      const chosen = withSummary ?? fromGradle ?? (tail && tail.strength >= 6 ? tail : undefined) ?? candidates[0] ?? tailOrNothing;
      return buildResult(chosen, { lines: totalLines, bytes, markers });
    },
  };
}

const isToolMarker = (text: string | undefined) => !!text && /^(?:\[INFO\] BUILD FAILURE|BUILD FAILED|FAILURE: Build failed)/.test(text);

function buildResult(chosen: Candidate, stats: TriageResult["stats"]): TriageResult {
  const lines = chosen.lines;
  const texts = lines.map((l) => l.text);
  const errorTexts = lines.filter((l) => l.kind === "error").map((l) => l.text);
  const category: Category = lines.length ? categorize(texts, lines.map((l) => l.hint)) : "unknown";
  const key = (errorTexts.length ? errorTexts : texts).slice(0, 3);
  const headline = (errorTexts[0] ?? texts.at(-1) ?? "").trim().replace(/\s+/g, " ").slice(0, 200);
  const summary = lines.length
    ? `${labels[category]}${chosen.step ? ` in step “${chosen.step.slice(0, 80)}”` : ""}: ${headline}`
    : "No failure found in the log (no error output and no failing exit code).";
  return {
    excerpts: toRanges(lines.map((l) => l.n)),
    category,
    summary: /[.?!]$/.test(summary) ? summary : `${summary}.`,
    ...(chosen.step ? { failingStep: chosen.step } : {}),
    ...(chosen.stepLine ? { failingStepLine: chosen.stepLine } : {}),
    failingTests: extractFailingTests(texts),
    locations: extractLocations(texts),
    fingerprint: fingerprintOf([category, ...key]),
    lines: lines.map((l) => ({ n: l.n, text: l.text.slice(0, 500) })),
    stats,
  };
}

const labels: Record<Category, string> = {
  build: "Build failed",
  test: "Tests failed",
  lint: "Lint or format check failed",
  dependency: "Dependency resolution failed",
  infrastructure: "CI infrastructure problem",
  configuration: "CI configuration problem",
  unknown: "CI failed",
};

function toRanges(numbers: number[]): Excerpt[] {
  const ranges: Excerpt[] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && n <= last.end + 1) last.end = Math.max(last.end, n);
    else ranges.push({ start: n, end: n });
  }
  return ranges;
}
