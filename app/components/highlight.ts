// A small tokenizer for colouring code in diffs (comments, strings, keywords, numbers) — enough to
// read a patch at a glance, without shipping a full grammar to the browser.

export type Token = { kind: "text" | "comment" | "string" | "keyword" | "number"; text: string };

const KEYWORDS = new Set(("if else for while return function const let var class import export from new try catch finally throw await async def fn pub use mod struct impl match " +
  "package func go defer type interface public private protected static void int string bool true false null nil None True False self this end do then elif lambda yield").split(" "));

const hashComments = /\.(py|rb|sh|ya?ml|toml|ex|exs|pl|r)$/i;

export function highlight(line: string, path: string): Token[] {
  const comment = hashComments.test(path) ? /#.*$/ : /\/\/.*$|\/\*.*?(\*\/|$)/;
  const pattern = new RegExp(`(${comment.source})|("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|\`(?:[^\`\\\\]|\\\\.)*\`)|\\b(\\d+(?:\\.\\d+)?)\\b|\\b([A-Za-z_]\\w*)\\b`, "g");
  const tokens: Token[] = [];
  let last = 0;
  for (const m of line.matchAll(pattern)) {
    const kind: Token["kind"] | null = m[1] ? "comment" : m[3] ? "string" : m[4] ? "number" : m[5] && KEYWORDS.has(m[5]) ? "keyword" : null;
    if (!kind) continue;
    if (m.index! > last) tokens.push({ kind: "text", text: line.slice(last, m.index) });
    tokens.push({ kind, text: m[0] });
    last = m.index! + m[0].length;
  }
  if (last < line.length) tokens.push({ kind: "text", text: line.slice(last) });
  return tokens;
}
