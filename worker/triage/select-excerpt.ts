import { isContextLine, isContinuation, isPassingLine } from "./classify-line";
import type { ClassifiedLine } from "./types";

export type WindowLine = ClassifiedLine & { n: number; text: string };
export type Selection = { lines: WindowLine[]; strength: number };

const MAX_EXCERPT = 200;
const CLUSTER_GAP = 6;
const FAR_FROM_EXIT = 50;
const TAIL_LINES = 4;

/**
 * Picks the lines that explain a failure inside one step's window (the lines before its exit marker):
 * the first strong cluster of error-shaped lines with its continuation (stack frames, carets, details),
 * or, when the tool printed nothing error-shaped, the last output lines before the failure epilogue.
 */
export function selectExcerpt(window: WindowLine[], marker?: WindowLine): Selection {
  const errors = window.filter((l) => l.kind === "error");
  if (errors.length) {
    const cluster = clusterExcerpt(window, errors);
    // Weak words ("command not found", "could not") long before the exit, with the tool talking on
    // after them, did not stop it: the exit line itself — which command failed — says more.
    const last = cluster.lines.at(-1);
    if (marker && cluster.strength < 6 && last && marker.n - last.n > FAR_FROM_EXIT) return { lines: [marker], strength: 1 };
    return cluster;
  }
  // The last thing the tool printed before its failure epilogue: its last paragraph (lines with no
  // blank between them), a few lines at most, with the command that printed it when that is right above.
  const tail: WindowLine[] = [];
  let i = window.length - 1;
  while (i >= 0 && window[i]!.kind !== "step" && (window[i]!.kind !== "text" || !window[i]!.text.trim())) i--;
  for (; i >= 0 && tail.length < TAIL_LINES; i--) {
    const line = window[i]!;
    if (line.kind === "step") {
      if (tail.length) tail.unshift(line);
      break;
    }
    if (line.kind !== "text" || !line.text.trim()) break;
    tail.unshift(line);
  }
  if (tail.length) return { lines: tail, strength: 1 };
  return { lines: marker ? [marker] : [], strength: 0 };
}

function clusterExcerpt(window: WindowLine[], errors: WindowLine[]): Selection {
  // Clusters of error lines no more than CLUSTER_GAP lines apart.
  const clusters: { from: number; to: number; score: number; peak: number }[] = [];
  for (const e of errors) {
    const last = clusters.at(-1);
    if (last && e.n - last.to <= CLUSTER_GAP) (last.to = e.n), (last.score += e.weight), (last.peak = Math.max(last.peak, e.weight));
    else clusters.push({ from: e.n, to: e.n, score: e.weight, peak: e.weight });
  }
  // The first root error (a cluster with a strong line) over its cascade; weak mentions only when nothing is strong.
  const best = Math.max(...clusters.map((c) => c.score));
  const chosen = clusters.find((c) => c.peak >= 8) ?? clusters.find((c) => c.score >= best * 0.5)!;
  const index = new Map(window.map((l, i) => [l.n, i]));
  let start = index.get(chosen.from)!;
  let end = index.get(chosen.to)!;
  // A header right above (test title "1) …", "FAIL file", a line ending with ":") belongs to the block.
  const above = window[start - 1];
  // Otherwise the line right above the first error, when it is not blank, noise or a step boundary:
  // it is usually what produced the error (the command, the test, the file being processed).
  if (above && above.kind !== "noise" && above.kind !== "step" && above.kind !== "marker" && isContextLine(above.text)) start--;
  // Continuations below: stack frames, carets, indented detail — bounded. A stack trace is kept
  // whole (its frames are the evidence); other detail up to 10 lines. A blank line ends the block
  // unless what follows it continues it (a frame, detail, or the next failure of the same list).
  // Under a failing test's header, its message lines belong to it even when not indented.
  let extra = 0;
  let underTestHeader = opensBlock(window[end]!);
  while (end + 1 < window.length && extra < 10) {
    const next = window[end + 1]!;
    if (!next.text.trim()) {
      let k = end + 1;
      while (k < window.length && !window[k]!.text.trim() && k - end <= 2) k++;
      const after = window[k];
      // Right after a header, its body may follow a blank line; later, only what clearly continues the block.
      const afterHeader = underTestHeader && opensBlock(window[end]!);
      if (!after || !(continuesBlock(after, afterHeader) || isSourceLocation(after.text) || isTestHeader(after))) break;
      end = k;
      underTestHeader = (afterHeader && after.kind === "text" && !isPassingLine(after.text)) || opensBlock(after);
      extra = resetsDetailCount(after) ? 0 : extra + 1;
      continue;
    }
    if (!continuesBlock(next, underTestHeader)) break;
    end++;
    underTestHeader = opensBlock(next) || (underTestHeader && !isPassingLine(next.text));
    extra = resetsDetailCount(next) ? 0 : extra + 1;
  }
  const lines = window.slice(start, Math.min(end + 1, start + MAX_EXCERPT)).filter((l) => l.text.trim());
  return { lines, strength: chosen.score };
}

const isFrame = (text: string) => /^\s+at |^\s*Caused by|^\s+\.\.\. \d+ more|^Caused: |^Also: /.test(text);

/** A line that belongs to the block above: another error, a stack frame, indented detail, or (under a test header) its message. */
const continuesBlock = (line: WindowLine, underTestHeader: boolean) =>
  line.kind === "error" || isFrame(line.text) || (line.kind === "text" && !isPassingLine(line.text) && (isContinuation(line.text) || underTestHeader));

/** Errors and frames are evidence: they do not use up the bounded allowance of other detail lines. */
const resetsDetailCount = (line: WindowLine) => line.kind === "error" || isFrame(line.text);

/** The first line of one failing test in a runner's list: "1) name", "✗ name", "--- FAIL: name", pytest's "___ name ___". */
const isTestHeader = (line: WindowLine) => /^\s*(?:\d+\)(?:\s|$)|[✗✕×●] \S|--- FAIL|\[-\] \S)|^_{3,} .+ _{3,}$/.test(line.text);

/** A header whose message follows on the next lines ("1) name" then "Failed asserting…"), unlike "✗ name, message". */
const opensBlock = (line: WindowLine) => /^\s*(?:\d+\)(?:\s|$)|● \S|--- FAIL)|^_{3,} .+ _{3,}$/.test(line.text);

/** A bare "path/to/file.ext:line" (PHPUnit, pytest and others list a failure's frames so). */
const isSourceLocation = (text: string) => /^\s*\S+\.\w{1,6}:\d+(?::\d+)?:?(?:\s|$)/.test(text);

/**
 * Maven repeats the root error in its closing summary, naming the goal (plugin, phase, module) that
 * failed: "[ERROR] Failed to execute goal …" and its [ERROR] lines. It says what to re-run.
 */
export function goalSummary(window: WindowLine[]): WindowLine[] {
  const at = window.findIndex((l) => l.text.startsWith("[ERROR] Failed to execute goal "));
  if (at < 0) return [];
  const out: WindowLine[] = [];
  for (let i = at; i < window.length && out.length < 20 && window[i]!.text.startsWith("[ERROR]"); i++) out.push(window[i]!);
  return out;
}

/**
 * Gradle's closing "* What went wrong:" block (the failed task and why), without the task progress
 * lines interleaved with it. It explains a failure whose step printed nothing error-shaped.
 */
export function gradleSummary(window: WindowLine[]): WindowLine[] {
  const at = window.findIndex((l) => l.text.trim() === "* What went wrong:");
  if (at < 0) return [];
  const out: WindowLine[] = [];
  for (let i = at + 1; i < window.length && out.length < 20; i++) {
    const text = window[i]!.text;
    if (/^\* (?:Try|Exception is|Get more help):|^BUILD FAILED/.test(text)) break;
    if (text.trim() && !/^> Task :|^\d+ actionable tasks?:/.test(text)) out.push(window[i]!);
  }
  return out;
}

const SUREFIRE_RUNNING = /^(?:\[INFO\] )?Running (\S+)\s*$/;
const SUREFIRE_PASSED = /^(?:\[INFO\] )?Tests run: \d+, Failures: 0, Errors: 0, Skipped: \d+, Time elapsed: [^-]*(?:- in (\S+))?\s*$/;

/**
 * Error-shaped output of a test class that passed — between surefire's "Running X" and its
 * "Tests run: n, Failures: 0, Errors: 0 … - in X" — is the tests' own logging (an exception a test
 * provokes on purpose), not why the build failed.
 */
export function muteOutputOfPassedSuites(window: WindowLine[]): WindowLine[] {
  let out = window;
  const openedAt = new Map<string, number>();
  let lastOpened: string | undefined;
  for (let i = 0; i < window.length; i++) {
    const text = window[i]!.text;
    if (!text.includes("Running ") && !text.includes("Tests run: ")) continue;
    const running = SUREFIRE_RUNNING.exec(text);
    if (running) {
      openedAt.set(running[1]!, i);
      lastOpened = running[1];
      continue;
    }
    const passed = SUREFIRE_PASSED.exec(text);
    const suite = passed ? (passed[1] ?? lastOpened) : undefined;
    const from = suite === undefined ? undefined : openedAt.get(suite);
    if (from === undefined) continue;
    openedAt.delete(suite!);
    for (let k = from + 1; k < i; k++) {
      const line = out[k]!;
      if (line.kind !== "error") continue;
      if (out === window) out = [...window];
      out[k] = { n: line.n, text: line.text, kind: "text", weight: 0 };
    }
  }
  return out;
}

