import { describe, expect, it } from "vitest";
import { applyUnifiedDiff, derivePatch, formatUnifiedDiff } from ".";

const file = 'export function greeting(names: string[]): string {\n  if (names.lenght === 0) return "Hello, nobody!";\n  return names.join(" and ");\n}\n';
const read = (files: Record<string, string>) => async (p: string) => files[p] ?? null;

describe("fix-forward patches", () => {
  it("applies tsc's own suggestion at the line and column it names", async () => {
    const p = await derivePatch({ flaky: false, readFile: read({ "src/greeting.ts": file }),
      lines: ["src/greeting.ts(2,13): error TS2551: Property 'lenght' does not exist on type 'string[]'. Did you mean 'length'?"] });
    expect(p.status).toBe("proposed");
    if (p.status !== "proposed") return;
    expect(p.diff).toContain("-  if (names.lenght === 0)");
    expect(p.diff).toContain("+  if (names.length === 0)");
    expect(p.files[0]!.content).toBe(file.replace("lenght", "length"));
    expect(applyUnifiedDiff(file, p.diff)).toBe(p.files[0]!.content);
  });

  it("uses rustc's help suggestion", async () => {
    const rs = "fn main() {\n    let count = 1;\n    println!(\"{}\", conut);\n}\n";
    const p = await derivePatch({ flaky: false, readFile: read({ "src/main.rs": rs }), lines: [
      "error[E0425]: cannot find value `conut` in this scope", " --> src/main.rs:3:20", "  |",
      "3 |     println!(\"{}\", conut);", "  |                    ^^^^^ help: a local variable with a similar name exists: `count`"] });
    expect(p).toMatchObject({ status: "proposed", source: "rustc-suggestion" });
  });

  it("refuses when the file at the head does not match the log", async () => {
    const p = await derivePatch({ flaky: false, readFile: read({ "src/greeting.ts": file.replace("lenght", "size") }),
      lines: ["src/greeting.ts(2,13): error TS2551: Property 'lenght' does not exist on type 'string[]'. Did you mean 'length'?"] });
    expect(p.status).toBe("none");
  });

  it("re-runs flaky failures and says plainly when nothing is derivable", async () => {
    expect((await derivePatch({ flaky: true, lines: [], readFile: read({}) })).status).toBe("rerun");
    const none = await derivePatch({ flaky: false, lines: ["Error: timeout of 2000ms exceeded"], readFile: read({}) });
    expect(none).toMatchObject({ status: "none" });
    expect(none.rationale).toMatch(/no safe patch found/);
  });

  it("formats and applies diffs that round-trip, and rejects a diff that does not apply", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const after = before.replace("line 3", "LINE 3").replace("line 15", "LINE 15");
    const diff = formatUnifiedDiff("f.txt", before, after);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(applyUnifiedDiff(before, diff)).toBe(after);
    expect(applyUnifiedDiff(before.replace("line 2", "changed"), diff)).toBeNull();
  });
});
