#!/usr/bin/env node
// bench/triage: MB/s and peak memory of `fixforward triage` on a generated 100 MB CI log
// (realistic noise, one failure near the end). Prints figures; asserts nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SIZE = Number(process.env.BENCH_TRIAGE_MB ?? 100) * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "fixforward-triage-"));
const file = join(dir, "big.log");

const noise = [
  (i) => `2024-05-01T10:${String(i % 60).padStart(2, "0")}:00.0000000Z [INFO] Downloading https://repo.maven.apache.org/maven2/org/example/lib-${i}/1.0/lib-${i}-1.0.jar (${i % 900} kB)`,
  (i) => `2024-05-01T10:00:00.0000000Z   ✓ renders component ${i} correctly (${i % 50} ms)`,
  (i) => `2024-05-01T10:00:00.0000000Z \x1b[32mPASS\x1b[0m src/module${i % 300}/file${i}.test.ts`,
  (i) => `2024-05-01T10:00:00.0000000Z Receiving objects:  ${i % 100}% (${i}/99999)\rReceiving objects: 100% (99999/99999), done.`,
  (i) => `2024-05-01T10:00:00.0000000Z [${i}] compiling src/pkg/file_${i}.go`,
];
await new Promise((resolve) => {
  const out = createWriteStream(file);
  let written = 0;
  let i = 0;
  const write = () => {
    let ok = true;
    while (ok && written < SIZE) {
      const line = noise[i % noise.length](i) + "\n";
      written += Buffer.byteLength(line);
      i++;
      ok = out.write(line);
    }
    if (written < SIZE) out.once("drain", write);
    else {
      out.write("2024-05-01T10:59:00.0000000Z ##[group]Run npm test\n  ● cart › applies the discount\n    Expected: 90\n    Received: 100\n      at Object.<anonymous> (src/cart.test.ts:14:5)\n##[error]Process completed with exit code 1.\n");
      out.end(resolve);
    }
  };
  write();
});
const bytes = statSync(file).size;

try {
  // Through the real CLI entry point; /usr/bin/time reports the peak resident set size.
  execFileSync(process.execPath, [join(root, "bin", "fixforward.mjs"), "triage", "--help"], { stdio: "ignore" }); // build once
  const t0 = performance.now();
  const res = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, join(root, "bin", "fixforward.mjs"), "triage", "--json", file], { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (res.status !== 0) throw new Error(`fixforward: triage failed: ${res.stderr}`);
  const peakKb = Number(res.stderr.trim().split("\n").pop());
  const result = JSON.parse(res.stdout.trim().split("\n")[0]);
  console.log(`log: ${(bytes / 1024 / 1024).toFixed(0)} MB, ${result.excerpts.length} excerpt(s) ${JSON.stringify(result.excerpts)}, category ${result.category}`);
  console.log(`throughput: ${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(0)} MB/s (${ms.toFixed(0)} ms including node start-up)`);
  console.log(`peak memory (RSS): ${(peakKb / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
