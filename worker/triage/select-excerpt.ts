import { isContextLine, isContinuation } from "./classify-line";
import type { ClassifiedLine } from "./types";

export type WindowLine = ClassifiedLine & { n: number; text: string };
export type Selection = { lines: WindowLine[]; strength: number };

const MAX_EXCERPT = 60;
const CLUSTER_GAP = 6;

/**
 * Picks the lines that explain a failure inside one step's window (the lines before its exit marker):
 * the first strong cluster of error-shaped lines with its continuation (stack frames, carets, details),
 * or, when the tool printed nothing error-shaped, the last output lines before the failure epilogue.
 */
export function selectExcerpt(window: WindowLine[], marker?: WindowLine): Selection {
  const errors = window.filter((l) => l.kind === "error");
  if (errors.length) return clusterExcerpt(window, errors);
  // The last thing the tool printed before its failure epilogue; with the line above when that one
  // introduces it ("…:") — more lines are usually unrelated progress output.
  const tail: WindowLine[] = [];
  for (let i = window.length - 1; i >= 0; i--) {
    const line = window[i]!;
    if (line.kind === "step") break;
    if (line.kind !== "text" || !line.text.trim()) continue;
    tail.push(line);
    const above = window[i - 1];
    if (above && above.kind === "text" && /:\s*$/.test(above.text)) tail.unshift(above);
    break;
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
  // Continuations below: stack frames, carets, indented detail — bounded.
  // A stack trace is kept whole (its frames are the evidence); other detail up to 10 lines.
  let extra = 0;
  while (end + 1 < window.length && extra < 10) {
    const next = window[end + 1]!;
    const frame = /^\s+at |^\s*Caused by|^\s+\.\.\. \d+ more|^Caused: |^Also: /.test(next.text);
    if (next.kind === "error" || frame || (next.kind === "text" && isContinuation(next.text) && next.text.trim())) {
      end++;
      extra = next.kind === "error" || frame ? 0 : extra + 1;
    } else break;
  }
  const lines = window.slice(start, Math.min(end + 1, start + MAX_EXCERPT)).filter((l) => l.text.trim());
  return { lines, strength: chosen.score };
}
