import { describe, expect, it } from "vitest";
import { highlight } from "./highlight";

describe("highlight", () => {
  it("colours keywords, strings, numbers and comments, and keeps every character", () => {
    const line = `  if (names.length === 0) return "Hello, nobody!"; // none`;
    const tokens = highlight(line, "src/greeting.ts");
    expect(tokens.map((t) => t.text).join("")).toBe(line);
    expect(tokens.filter((t) => t.kind !== "text")).toEqual([
      { kind: "keyword", text: "if" }, { kind: "number", text: "0" }, { kind: "keyword", text: "return" },
      { kind: "string", text: '"Hello, nobody!"' }, { kind: "comment", text: "// none" },
    ]);
  });

  it("uses # comments where the language does", () => {
    expect(highlight("x = 1  # why", "calc/ops.py").at(-1)).toEqual({ kind: "comment", text: "# why" });
    expect(highlight("a # b", "src/a.ts").some((t) => t.kind === "comment")).toBe(false);
  });
});
