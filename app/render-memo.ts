// The decision memo's Markdown (worker/workflow/nodes/memo.ts) as HTML for the dashboard. Only the
// subset the memo uses, and every character of content escaped: the memo quotes CI logs and
// reviewers' reasons, which are not ours to trust. Links are kept only for http(s) URLs.

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function inline(text: string): string {
  const codes: string[] = [];
  // Code spans first, so nothing inside them is read as emphasis or links.
  let out = escape(text).replace(/`([^`]+)`/g, (_, code: string) => `\u0000${codes.push(code) - 1}\u0000`);
  out = out
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, label: string, href: string) => `<a href="${href}" rel="noreferrer">${label}</a>`)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:])/g, "$1<em>$2</em>");
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => `<code>${codes[Number(i)]}</code>`);
}

export function renderMemo(markdown: string): string {
  const html: string[] = [];
  const lines = markdown.split("\n");
  let list: number | null = null; // open list depth
  let table = false;
  const closeBlocks = () => {
    while (list !== null && list >= 0) (html.push("</ul>"), (list = list === 0 ? null : list - 1));
    if (table) (html.push("</tbody></table>"), (table = false));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^```(\w*)$/.exec(line);
    if (fence) {
      closeBlocks();
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]!);
      html.push(`<pre${fence[1] ? ` data-lang="${escape(fence[1])}"` : ""}><code>${escape(body.join("\n"))}</code></pre>`);
      continue;
    }
    const summary = /^<details><summary>(.*)<\/summary>$/.exec(line);
    if (summary) (closeBlocks(), html.push(`<details><summary>${inline(summary[1]!)}</summary>`));
    else if (line === "</details>") (closeBlocks(), html.push("</details>"));
    else if (/^<sub>.*<\/sub>$/.test(line)) (closeBlocks(), html.push(`<p><sub>${inline(line.slice(5, -6))}</sub></p>`));
    else if (/^#{2,4} /.test(line)) {
      closeBlocks();
      const level = Math.min(4, line.indexOf(" "));
      html.push(`<h${level}>${inline(line.slice(line.indexOf(" ") + 1))}</h${level}>`);
    } else if (/^\s*- /.test(line)) {
      if (table) (html.push("</tbody></table>"), (table = false));
      const depth = Math.floor(line.indexOf("-") / 2);
      if (list === null) (html.push("<ul>"), (list = 0));
      while (list < depth) (html.push("<ul>"), list++);
      while (list > depth) (html.push("</ul>"), list--);
      html.push(`<li>${inline(line.replace(/^\s*- /, ""))}</li>`);
    } else if (/^\|.*\|$/.test(line)) {
      if (/^\|[-| :]+\|$/.test(line)) continue;
      const cells = line.slice(1, -1).split("|").map((c) => inline(c.trim()));
      if (!table) (closeBlocks(), html.push(`<table><thead><tr>${cells.map((c) => `<th>${c}</th>`).join("")}</tr></thead><tbody>`), (table = true));
      else html.push(`<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`);
    } else if (line.trim() === "") closeBlocks();
    else (closeBlocks(), html.push(`<p>${inline(line)}</p>`));
  }
  closeBlocks();
  return html.join("\n");
}
