#!/usr/bin/env node
// `node scripts/renumber-splitlines-labels.mjs DATA_DIR OUT_DIR`: a copy of a triage data set whose
// labels are renumbered from Python `str.splitlines()` lines to newline-separated lines.
//
// Why: the CiDiff labels count every bare `\r` (progress rewrites), `\v`, `\f`, `\x1c-\x1e`, `\x85`,
// U+2028/9 as a line break, while the scorer, the logs' viewers and our excerpts number lines by `\n`.
// In such a log every label after the first bare `\r` points below the line it means (in 11 of the 43
// CiDiff logs, past the end of the file). OUT_DIR gets labels.json and a `logs` link to DATA_DIR/logs.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const [dataDir, outDir] = process.argv.slice(2);
if (!dataDir || !outDir) {
  console.error("usage: renumber-splitlines-labels.mjs DATA_DIR OUT_DIR");
  process.exit(2);
}

// The line breaks of Python's str.splitlines(); `\r\n` is one break.
const BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** For each splitlines line (1-based index), the newline-separated line it lies on. */
function splitlinesToNewlineLines(text) {
  const map = [0];
  let newlineLine = 1;
  map.push(newlineLine);
  for (const match of text.matchAll(BREAK)) {
    if (match[0].includes("\n")) newlineLine++;
    map.push(newlineLine);
  }
  return map;
}

const labels = JSON.parse(readFileSync(join(dataDir, "labels.json"), "utf8"));
let moved = 0;
const cases = labels.cases.map((c) => {
  const map = splitlinesToNewlineLines(readFileSync(join(dataDir, c.log), "utf8"));
  const lines = [...new Set(c.lines.map((n) => map[n] ?? n))].sort((a, b) => a - b);
  if (lines.join() !== c.lines.join()) moved++;
  return { ...c, lines };
});
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "labels.json"), JSON.stringify({ ...labels, cases }, null, 1));
rmSync(join(outDir, "logs"), { force: true });
symlinkSync(resolve(dataDir, "logs"), join(outDir, "logs"));
console.log(`${cases.length} cases, labels renumbered in ${moved}; written to ${outDir}`);
