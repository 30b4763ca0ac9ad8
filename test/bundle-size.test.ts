// The deployable Worker must stay within its bundle budget (Workers limits, cold-start time).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, expect, it } from "vitest";

const BUDGET_GZIP_KIB = 700;
const out = mkdtempSync(join(tmpdir(), "fixforward-bundle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it(`wrangler deploy --dry-run builds the Worker within ${BUDGET_GZIP_KIB} KiB gzip`, { timeout: 300_000 }, () => {
  execFileSync(join("node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
  });
  const files = readdirSync(out).filter((f) => f.endsWith(".js"));
  expect(files.length).toBeGreaterThan(0);
  const raw = files.reduce((sum, f) => sum + readFileSync(join(out, f)).byteLength, 0);
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f))).byteLength, 0);
  console.log(`worker bundle: ${(raw / 1024).toFixed(0)} KiB raw, ${(gzip / 1024).toFixed(0)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB)`);
  expect(gzip / 1024).toBeLessThanOrEqual(BUDGET_GZIP_KIB);
});
