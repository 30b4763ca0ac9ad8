// `fixforward triage` as a user runs it: the bundled CLI in a child process, on logs written here.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../bin/fixforward.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "fixforward-triage-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const tscLog = (n: number) =>
  [`$ npx tsc --noEmit`, `src/file${n}.ts(${n},5): error TS2551: Property 'lenght' does not exist on type 'string[]'.`, `The command "npx tsc --noEmit" exited with 2.`].join("\n");

async function triage(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, "triage", ...args], { maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("fixforward triage", () => {
  it("prints one JSON object per file, in argument order, and answers the others when one is missing or empty", async () => {
    const good = write("good.log", tscLog(12));
    const empty = write("empty.log", "");
    const missing = join(dir, "missing.log");
    const { code, stdout, stderr } = await triage(["--json", good, missing, empty]);
    expect(code).toBe(1);
    const rows = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((r) => r.file)).toEqual([good, missing, empty]);
    expect(rows[0]).toMatchObject({ category: "build", excerpts: [{ start: 2, end: 2 }], locations: [{ file: "src/file12.ts", line: 12, column: 5 }] });
    expect(rows[1].error).toMatch(/cannot read .*missing\.log: no such file/);
    expect(rows[2].error).toMatch(/empty/);
    expect(stderr).toMatch(/no such file/);
  }, 60_000);

  it("keeps argument order with many files (shared out to worker threads)", async () => {
    const files = Array.from({ length: 40 }, (_, i) => write(`many-${i}.log`, tscLog(i + 1)));
    const { code, stdout } = await triage(["--json", ...files]);
    expect(code).toBe(0);
    const rows = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((r) => r.file)).toEqual(files);
    rows.forEach((r, i) => expect(r.locations[0]).toEqual({ file: `src/file${i + 1}.ts`, line: i + 1, column: 5 }));
  }, 60_000);

  it("prints a readable report with the excerpt without --json", async () => {
    const { code, stdout } = await triage([write("report.log", tscLog(3))]);
    expect(code).toBe(0);
    expect(stdout).toContain("build: Build failed");
    expect(stdout).toMatch(/2 │ src\/file3\.ts\(3,5\): error TS2551/);
  }, 60_000);
});
