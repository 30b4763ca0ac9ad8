import { describe, expect, it } from "vitest";
import { conventionalTests, selectTests } from ".";

describe("test selection", () => {
  it("maps sources to tests by convention per ecosystem", () => {
    expect(conventionalTests("src/cart.ts")).toContain("src/cart.test.ts");
    expect(conventionalTests("pkg/parse/x.go")).toEqual(["pkg/parse/x_go".replace("_go", "_test.go")]);
    expect(conventionalTests("src/calc.py")).toContain("tests/test_calc.py");
    expect(conventionalTests("lib/shop/cart.rb")).toContain("spec/shop/cart_spec.rb");
    expect(conventionalTests("src/main/java/a/B.java")).toEqual(["src/test/java/a/BTest.java"]);
  });

  it("uses the config map, conventions and CI failures, with reasons, and lists what it skipped", () => {
    const s = selectTests({
      changedFiles: [{ path: "src/cart.ts" }, { path: "src/price.ts" }, { path: "README.md" }, { path: "src/old.ts", status: "removed" }, { path: "src/util.test.ts" }],
      repoFiles: ["src/cart.ts", "test/cart.test.ts", "src/price.ts", "src/util.test.ts", "vitest.config.ts"],
      testMap: [{ source: "src/(.*)\\.ts", tests: "test/$1.test.ts" }],
      failedTests: [{ name: "checkout › totals", file: "test/checkout.test.ts" }],
    });
    expect(s.selected.map((t) => t.test)).toEqual(["src/util.test.ts", "test/cart.test.ts", "test/checkout.test.ts"]);
    expect(s.selected.find((t) => t.test === "test/cart.test.ts")!.reasons[0]).toMatch(/tests\.map/);
    expect(s.skipped).toEqual([
      { path: "src/price.ts", reason: "no test found for this file" },
      { path: "README.md", reason: "not code (docs, config or assets)" },
      { path: "src/old.ts", reason: "removed file" },
    ]);
    expect(s.runner).toBe("vitest");
    expect(s.command).toBe("npx vitest run src/util.test.ts test/cart.test.ts test/checkout.test.ts");
    expect(s.coverage).toBe(0.5);
  });

  it("says when it could not check that a guessed test exists", () => {
    const s = selectTests({ changedFiles: [{ path: "pkg/x.go" }] });
    expect(s.selected[0]).toMatchObject({ test: "pkg/x_test.go", confidence: "likely" });
    expect(s.command).toBe("go test ./pkg");
  });

  it("adds tests whose failures correlate with the touched paths, only from two pull requests on", () => {
    const selection = selectTests({
      changedFiles: [{ path: "src/cart.ts" }, { path: "src/old.ts", status: "removed" }],
      repoFiles: ["src/cart.ts"],
      failureHistory: [
        { path: "src/cart.ts", test: "checkout › applies discounts", pullRequests: 3 },
        { path: "src/cart.ts", test: "checkout › rounds totals", pullRequests: 1 },
        { path: "src/old.ts", test: "legacy › still works", pullRequests: 5 },
      ],
    });
    expect(selection.selected).toEqual([{ test: "checkout › applies discounts", reasons: ["failed on 3 earlier pull requests that also changed src/cart.ts"], confidence: "likely" }]);
  });
});
