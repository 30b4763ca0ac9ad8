// `fixforward triage [--json] FILE...`: why each CI log failed. One JSON object per file and line
// with --json (the contract in DESIGN.md); a readable report with the excerpt otherwise.
import { createReadStream, readFileSync, statSync } from "node:fs";
import { createTriage, type TriageResult } from "../worker/triage";

const usage = "usage: fixforward triage [--json] FILE...";

async function triageFile(file: string): Promise<TriageResult> {
  // Synchronous: one event-loop turn per file costs more than the stat itself over hundreds of files.
  const info = statSync(file);
  if (!info.isFile()) throw new Error(`fixforward: ${file} is not a file`);
  if (info.size === 0) throw new Error(`fixforward: ${file} is empty`);
  // Node's own UTF-8 decoding (simdutf) is far faster than TextDecoder, and than latin1 on non-ASCII logs.
  // Small files in one read, big ones streamed in 1 MB chunks (StringDecoder keeps characters whole):
  // bigger chunks were no faster and kept more garbage alive (100 MB log: 231 MB RSS with 4 MB, 107 MB with 1 MB).
  const triage = createTriage();
  if (info.size <= 32 << 20) triage.push(readFileSync(file, "utf8"));
  else for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) triage.push(chunk as string);
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
  let failed = 0;
  for (const file of files) {
    try {
      const r = await triageFile(file);
      if (json) {
        const { lines: _lines, stats: _stats, ...fields } = r;
        process.stdout.write(JSON.stringify({ file, ...fields }) + "\n");
      } else process.stdout.write(report(file, r) + "\n");
    } catch (error) {
      failed++;
      const message = ((error as NodeJS.ErrnoException).code === "ENOENT" ? `fixforward: cannot read ${file}: no such file` : (error as Error).message);
      console.error(message);
      if (json) process.stdout.write(JSON.stringify({ file, error: message, excerpts: [], category: "unknown", summary: message }) + "\n");
    }
  }
  return failed ? 1 : 0;
}
