import { applyFileDiff, parseUnifiedDiff } from "./apply-model-diff";
import { extractDiff, type ChatModel } from "./ask-model-for-patch";
import { applyUnifiedDiff, formatUnifiedDiff } from "./format-unified-diff";

export type PatchInput = {
  /** The triage excerpt's lines (ANSI removed). */
  lines: string[];
  flaky: boolean;
  /** Files at the head commit; null when absent. */
  readFile: (path: string) => Promise<string | null>;
  /** Where the failure points (triage's file:line locations); the model may only edit in or near these. */
  locations?: { file: string; line: number }[];
  summary?: string;
  /** Asked only when the log carries no compiler suggestion (LLM_BASE_URL set). */
  model?: ChatModel;
};

export type Patch =
  | { status: "proposed"; source: "tsc-did-you-mean" | "rustc-suggestion" | "llm"; diff: string; files: { path: string; content: string }[]; rationale: string }
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
  if (found.length === 0) {
    if (input.model) return askModel(input, input.model);
    return { status: "none", rationale: "no safe patch found: the log carries no compiler or formatter suggestion to apply (no LLM configured for other cases)" };
  }
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

const MAX_MODEL_FILES = 3;
const MAX_MODEL_CHANGED_LINES = 80;
const REGION = 40; // lines of file shown around each location

/**
 * The model's patch, accepted only if it is a unified diff that applies exactly to the files at the
 * head commit, edits only files named by the failure or in their directories, and stays small.
 */
async function askModel(input: PatchInput, model: ChatModel): Promise<Patch> {
  const reject = (why: string): Patch => ({ status: "none", rationale: `no safe patch found: the model's patch was rejected — ${why}` });
  const locations = (input.locations ?? []).filter((l) => !l.file.startsWith("/")).slice(0, 20);
  if (locations.length === 0) return { status: "none", rationale: "no safe patch found: the failure names no file to fix, so no model was asked" };
  const paths = [...new Set(locations.map((l) => l.file))].slice(0, MAX_MODEL_FILES);
  const regions: string[] = [];
  for (const path of paths) {
    const text = await input.readFile(path);
    if (text === null) continue;
    const lines = text.split("\n");
    const at = locations.filter((l) => l.file === path).map((l) => l.line);
    const from = Math.max(1, Math.min(...at) - REGION);
    const to = Math.min(lines.length, Math.max(...at) + REGION);
    regions.push(`### ${path} (lines ${from}-${to} of ${lines.length})\n${lines.slice(from - 1, to).map((l, i) => `${String(from + i).padStart(5)}| ${l}`).join("\n")}`);
  }
  if (regions.length === 0) return { status: "none", rationale: `no safe patch found: ${paths.join(", ")} not readable at the head commit` };
  let answer: string;
  try {
    answer = await model.complete([
      { role: "system", content: "You fix failing CI builds with the smallest correct change. Answer with one unified diff (--- a/path, +++ b/path, @@ hunks with exact context lines) in a ```diff block and nothing else. Edit only the files shown. Do not add or delete files." },
      { role: "user", content: `CI failed: ${input.summary ?? ""}\n\nLog excerpt:\n${input.lines.slice(0, 60).join("\n")}\n\nFiles at the failing commit (line numbers are for reference, not part of the file):\n${regions.join("\n\n")}` },
    ]);
  } catch (error) {
    return { status: "none", rationale: `no safe patch found: ${(error as Error).message}` };
  }
  const diff = extractDiff(answer);
  if (!diff) return reject("the answer holds no unified diff");
  const parsed = parseUnifiedDiff(diff);
  if ("error" in parsed) return reject(parsed.error);
  const near = new Set(paths.map((p) => p.slice(0, p.lastIndexOf("/") + 1)));
  const files: { path: string; content: string }[] = [];
  for (const file of parsed) {
    if (!paths.includes(file.path) && !near.has(file.path.slice(0, file.path.lastIndexOf("/") + 1))) return reject(`it edits ${file.path}, which is neither in nor near the failure`);
    const original = await input.readFile(file.path);
    if (original === null) return reject(`${file.path} does not exist at the head commit`);
    const applied = applyFileDiff(original, file);
    if (typeof applied !== "string") return reject(applied.error);
    if (applied === original) return reject(`it does not change ${file.path}`);
    files.push({ path: file.path, content: applied });
  }
  const changed = diff.split("\n").filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---) /.test(l)).length;
  if (changed > MAX_MODEL_CHANGED_LINES) return reject(`it changes ${changed} lines, too many to review as a fix-forward`);
  return { status: "proposed", source: "llm", diff, files, rationale: `a model proposed this diff; it applies exactly to ${files.map((f) => f.path).join(", ")} at the head commit — review it` };
}
