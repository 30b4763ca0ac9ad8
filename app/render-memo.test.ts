import { describe, expect, it } from "vitest";
import { renderMemo } from "./render-memo";

describe("renderMemo", () => {
  it("renders the memo's headings, lists, tables, folds, code and links", () => {
    const html = renderMemo([
      "## fixforward · ❌ Blocked", "<sub>o/r#2 at `ec26c3e` · run 2</sub>", "", "**test** — Build failed in step “npm test”. ([job log](https://github.com/o/r/actions/runs/1/job/2))",
      "```text", "   13 │ src/a.ts(2,13): error TS2551", "```", "In the job log: [line 13](https://github.com/o/r/runs/2#step:2:6)",
      "<details><summary>Plan</summary>", "", "| step | traffic |", "|---|---|", "| 1 | 5 % |", "", "- `npm test` fails when _x_", "  - nested", "", "</details>",
    ].join("\n"));
    expect(html).toContain("<h2>fixforward · ❌ Blocked</h2>\n<p><sub>o/r#2 at <code>ec26c3e</code> · run 2</sub></p>");
    expect(html).toContain('<a href="https://github.com/o/r/actions/runs/1/job/2" rel="noreferrer">job log</a>');
    expect(html).toContain('<pre data-lang="text"><code>   13 │ src/a.ts(2,13): error TS2551</code></pre>');
    expect(html).toContain("<table><thead><tr><th>step</th><th>traffic</th></tr></thead><tbody>\n<tr><td>1</td><td>5 %</td></tr>\n</tbody></table>");
    expect(html).toContain("<li><code>npm test</code> fails when <em>x</em></li>\n<ul>\n<li>nested</li>\n</ul>\n</ul>");
    expect(html).toMatch(/<details><summary>Plan<\/summary>[\s\S]*<\/details>$/);
  });

  it("escapes whatever the log or a reviewer wrote, and drops links that are not http(s)", () => {
    const html = renderMemo([
      "```text", "<script>alert(1)</script>", "```",
      "- 👤 approved by <img src=x onerror=alert(1)>: [click](javascript:alert(1))",
      "**<b>bold</b>** `<i>`",
    ].join("\n"));
    expect(html).not.toMatch(/<script|<img|<b>|<i>|href="javascript/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("[click](javascript:alert(1))");
    expect(html).toContain("<code>&lt;i&gt;</code>");
  });
});
