// `fixforward triage [--json] FILE...`: why each CI log failed. One JSON object per file and line
// with --json (the contract in DESIGN.md); a readable report with the excerpt otherwise.
import { createReadStream, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createTriage, type TriageResult } from "../worker/triage";

const usage = "usage: fixforward triage [--json] FILE...";

const decodeBinaryLine = (line: string) => Buffer.from(line, "latin1").toString("utf8");

async function triageFile(file: string): Promise<TriageResult> {
  // Synchronous: one event-loop turn per file costs more than the stat itself over hundreds of files.
  const info = statSync(file);
  if (!info.isFile()) throw new Error(`fixforward: ${file} is not a file`);
  if (info.size === 0) throw new Error(`fixforward: ${file} is empty`);
  // Read as latin1 (one char per byte): half the cost of UTF-8 decoding over the LogChunks set, and
  // the text stays a one-byte string, which every scan over it is faster on; only the lines that are
  // analysed and hold non-ASCII bytes are decoded as UTF-8. Small files in one read, big ones in
  // 512 KB chunks (bench/triage, 100 MB log: 415–454 MB/s at 126–142 MB RSS with 1 MB chunks,
  // 303–330 MB/s at 81–82 MB with 512 KB).
  const triage = createTriage({ decodeBinaryLine });
  if (info.size <= 32 << 20) triage.push(readFileSync(file, "latin1"));
  else for await (const chunk of createReadStream(file, { encoding: "latin1", highWaterMark: 1 << 19 })) triage.push(chunk as string);
  return triage.finish();
}

// A terminal report shows the head of a long excerpt (a list of 50 failing tests); --json has all of it.
const REPORT_LINES = 40;

function report(file: string, r: TriageResult): string {
  const width = String(r.lines.at(-1)?.n ?? 0).length;
  const out = [`${file}`, `  ${r.category}: ${r.summary}`];
  if (r.failingStep) out.push(`  step: ${r.failingStep}`);
  if (r.failingTests.length) out.push(`  failing tests: ${r.failingTests.slice(0, 10).join(", ")}`);
  if (r.locations.length) out.push(`  locations: ${r.locations.slice(0, 10).map((l) => `${l.file}:${l.line}`).join(", ")}`);
  out.push(`  fingerprint: ${r.fingerprint}`, "");
  let previous = 0;
  for (const line of r.lines.slice(0, REPORT_LINES)) {
    if (previous && line.n > previous + 1) out.push(`  ${" ".repeat(width)} ┆`);
    out.push(`  ${String(line.n).padStart(width)} │ ${line.text}`);
    previous = line.n;
  }
  const rest = r.lines.length - REPORT_LINES;
  if (rest > 0) out.push(`  ${" ".repeat(width)} ┆ … ${rest} more line${rest === 1 ? "" : "s"} of the excerpt, to line ${r.lines.at(-1)!.n} (--json lists every range)`);
  return out.join("\n") + "\n";
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const json = argv.includes("--json");
  const files = argv.filter((a) => a !== "--json");
  const unknown = files.find((f) => f.startsWith("--"));
  if (unknown || files.length === 0) {
    console.error(unknown ? `fixforward: unknown option ${unknown}\n${usage}` : usage);
    return 2;
  }
  const outputs = await answerAll(files, json);
  return outputs.some((o) => o.failed) ? 1 : 0;
}

type Answer = { out: string; err?: string; failed: boolean };

/** What the command prints for one file: its JSON line or report, or a clear error (the other files are still answered). */
async function answer(file: string, json: boolean): Promise<Answer> {
  try {
    const r = await triageFile(file);
    if (!json) return { out: report(file, r) + "\n", failed: false };
    const { lines: _lines, stats: _stats, ...fields } = r;
    return { out: JSON.stringify({ file, ...fields }) + "\n", failed: false };
  } catch (error) {
    const message = ((error as NodeJS.ErrnoException).code === "ENOENT" ? `fixforward: cannot read ${file}: no such file` : (error as Error).message);
    const out = json ? JSON.stringify({ file, error: message, excerpts: [], category: "unknown", summary: message }) + "\n" : "";
    return { out, err: message, failed: true };
  }
}

// Many files are shared out to worker threads, one per spare core; answers are printed in the
// order of the arguments as soon as each one and all before it are ready.
const PARALLEL_FROM_FILES = 8;

async function answerAll(files: string[], json: boolean): Promise<Answer[]> {
  const answers: (Answer | undefined)[] = new Array(files.length);
  let printed = 0;
  const settle = (index: number, a: Answer) => {
    answers[index] = a;
    for (; printed < files.length && answers[printed]; printed++) {
      const next = answers[printed]!;
      if (next.err) console.error(next.err);
      if (next.out) process.stdout.write(next.out);
    }
  };
  // Workers load this very module; that works from the bundled CLI (dist/cli), not from TypeScript sources.
  const helpers = import.meta.url.endsWith(".mjs") && files.length >= PARALLEL_FROM_FILES ? Math.min(availableParallelism() - 1, 3) : 0;
  const shares: number[][] = Array.from({ length: helpers + 1 }, () => []);
  // Round-robin keeps each share's files in argument order, so printing never waits long.
  files.forEach((_, i) => shares[i % shares.length]!.push(i));
  const running = shares.slice(1).map((share) => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { fixforwardTriage: { files: share.map((i) => files[i]), json } } });
    let k = 0;
    worker.on("message", (a: Answer) => settle(share[k++]!, a));
    worker.on("error", reject);
    worker.on("exit", (code) => (k === share.length ? resolve() : reject(new Error(`fixforward: a triage worker stopped with code ${code}`))));
  }));
  for (const i of shares[0]!) settle(i, await answer(files[i]!, json));
  await Promise.all(running);
  return answers as Answer[];
}

if (!isMainThread && parentPort && (workerData as { fixforwardTriage?: unknown })?.fixforwardTriage) {
  const { files, json } = (workerData as { fixforwardTriage: { files: string[]; json: boolean } }).fixforwardTriage;
  for (const file of files) parentPort.postMessage(await answer(file, json));
}
