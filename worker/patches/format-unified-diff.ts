/**
 * A unified diff of two versions of one file whose lines correspond one to one (replacements only —
 * the edits fixforward derives from compiler suggestions). Hunks carry 3 lines of context.
 */
export function formatUnifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length !== b.length) throw new Error("fixforward: formatUnifiedDiff only handles line replacements");
  const changed = a.map((line, i) => line !== b[i]).map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return "";
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(a.length - 1, i + context);
    const last = hunks.at(-1);
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const [from, to] of hunks) {
    const size = to - from + 1;
    out.push(`@@ -${from + 1},${size} +${from + 1},${size} @@`);
    for (let i = from; i <= to; i++) {
      if (a[i] === b[i]) out.push(` ${a[i]}`);
      else out.push(`-${a[i]}`, `+${b[i]}`);
    }
  }
  return out.join("\n") + "\n";
}

/** Applies a diff made of replacement hunks; fails (null) when a context or removed line does not match. */
export function applyUnifiedDiff(original: string, diff: string): string | null {
  const lines = original.split("\n");
  const hunkRe = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/;
  const diffLines = diff.split("\n");
  const out = [...lines];
  let offset = 0;
  for (let k = 0; k < diffLines.length; k++) {
    const m = hunkRe.exec(diffLines[k]!);
    if (!m) continue;
    let at = Number(m[1]) - 1 + offset;
    const replacement: string[] = [];
    let consumed = 0;
    for (k++; k < diffLines.length && !diffLines[k]!.startsWith("@@"); k++) {
      const line = diffLines[k]!;
      if (line.startsWith(" ") || line.startsWith("-")) {
        if (out[at + consumed] !== line.slice(1)) return null;
        consumed++;
        if (line.startsWith(" ")) replacement.push(line.slice(1));
      } else if (line.startsWith("+")) replacement.push(line.slice(1));
    }
    k--;
    out.splice(at, consumed, ...replacement);
    offset += replacement.length - consumed;
    at += replacement.length;
  }
  return out.join("\n");
}
