import { applyUnifiedDiff, formatUnifiedDiff } from "./format-unified-diff";

export type PatchInput = {
  /** The triage excerpt's lines (ANSI removed). */
  lines: string[];
  flaky: boolean;
  /** Files at the head commit; null when absent. */
  readFile: (path: string) => Promise<string | null>;
};

export type Patch =
  | { status: "proposed"; source: "tsc-did-you-mean" | "rustc-suggestion"; diff: string; files: { path: string; content: string }[]; rationale: string }
  | { status: "rerun"; rationale: string }
  | { status: "none"; rationale: string };

type Suggestion = { file: string; line: number; column?: number; from: string; to: string; source: "tsc-did-you-mean" | "rustc-suggestion" };

// tsc: file.ts(L,C): error TS2551/TS2552/TS2724: … 'x' … Did you mean 'y'?
const TSC = /^(\S+?\.[cm]?[jt]sx?)\((\d+),(\d+)\): error TS\d+: .*?'([\w$]+)'.*Did you mean '([\w$]+)'\?/;
// rustc: error[E0425]: cannot find value `x` …, then " --> file:L:C" and "help: … similar name exists: `y`"
const RUST_ERROR = /^error\[E\d+\]: .*`([\w]+)`/;
const RUST_AT = /^\s*--> (\S+\.rs):(\d+):(\d+)/;
const RUST_HELP = /help: .*(?:similar name exists|you might have meant|a \w+ with a similar name exists): `([\w:]+)`/;

function suggestions(lines: string[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = TSC.exec(lines[i]!.trim());
    if (t) out.push({ file: t[1]!, line: Number(t[2]), column: Number(t[3]), from: t[4]!, to: t[5]!, source: "tsc-did-you-mean" });
    const r = RUST_ERROR.exec(lines[i]!.trim());
    if (r) {
      const at = lines.slice(i + 1, i + 4).map((l) => RUST_AT.exec(l)).find(Boolean);
      const help = lines.slice(i + 1, i + 12).map((l) => RUST_HELP.exec(l)).find(Boolean);
      if (at && help) out.push({ file: at[1]!, line: Number(at[2]), column: Number(at[3]), from: r[1]!, to: help[1]!, source: "rustc-suggestion" });
    }
  }
  return out;
}

/**
 * A fix-forward patch only when it can be justified: the compiler's own suggestion, applied at the
 * exact place it names, and checked against the file at the head commit. Flaky failures get a re-run.
 */
export async function derivePatch(input: PatchInput): Promise<Patch> {
  if (input.flaky) return { status: "rerun", rationale: "the failure looks flaky: re-run the failed jobs once rather than change code; quarantine the test if it fails again" };
  const found = suggestions(input.lines);
  if (found.length === 0) return { status: "none", rationale: "no safe patch found: the log carries no compiler or formatter suggestion to apply (no LLM configured for other cases)" };
  const byFile = new Map<string, Suggestion[]>();
  for (const s of found) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const files: { path: string; content: string }[] = [];
  let diff = "";
  for (const [path, edits] of byFile) {
    const original = await input.readFile(path);
    if (original === null) return { status: "none", rationale: `no safe patch found: ${path} is not readable at the head commit` };
    const lines = original.split("\n");
    for (const e of edits) {
      const line = lines[e.line - 1];
      if (line === undefined) return { status: "none", rationale: `no safe patch found: ${path} has no line ${e.line}` };
      // The identifier must be exactly where the compiler said; otherwise the log and the file disagree.
      const col = (e.column ?? 1) - 1;
      const at = line.slice(col, col + e.from.length) === e.from ? col : line.indexOf(e.from);
      if (at < 0) return { status: "none", rationale: `no safe patch found: '${e.from}' is not on ${path}:${e.line} at the head commit` };
      lines[e.line - 1] = line.slice(0, at) + e.to + line.slice(at + e.from.length);
    }
    const content = lines.join("\n");
    const fileDiff = formatUnifiedDiff(path, original, content);
    if (applyUnifiedDiff(original, fileDiff) !== content) return { status: "none", rationale: `no safe patch found: the derived diff does not apply cleanly to ${path}` };
    diff += fileDiff;
    files.push({ path, content });
  }
  const first = found[0]!;
  return {
    status: "proposed", source: first.source, diff, files,
    rationale: `${first.source === "tsc-did-you-mean" ? "TypeScript" : "rustc"} suggests '${first.to}' for '${first.from}' at ${first.file}:${first.line}${found.length > 1 ? ` (+${found.length - 1} more)` : ""}; the diff applies to the head commit`,
  };
}
