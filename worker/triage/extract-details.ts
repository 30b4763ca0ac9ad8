import type { Category, Location } from "./types";

// Each pattern with a literal it needs: a cheap includes() spares the regex (which backtracks on
// long lines) on the lines that cannot match.
const locationPatterns: [string, RegExp][] = [
  [":", /(?:^|[\s('"])((?:[\w.@-]+\/)*[\w.@-]+\.[a-zA-Z]{1,6}):(\d+)(?::(\d+))?/],
  ["(", /((?:[\w.@-]+\/)*[\w.@-]+\.[a-zA-Z]{1,6})\((\d+),(\d+)\)/],
  ['File "', /File "([^"]+)", line (\d+)/],
  ["-->", /-->\s+([^\s:]+):(\d+):(\d+)/],
  [":[", /((?:\/?[\w.@-]+\/)*[\w.@-]+\.\w+):\[(\d+),(\d+)\]/],
  ["::error", /::error file=([^,]+),line=(\d+)(?:,col=(\d+))?/],
];

const testPatterns: RegExp[] = [
  /^\s*--- FAIL: (\S+)/,
  /^FAILED (\S+::\S+)/,
  /^\s*(?:✕|✗|×)\s+(.+?)(?:\s+\(\d+\s*m?s\))?$/,
  /^\s*● (.+?)$/,
  /^\s*not ok \d+ (?:- )?(.+)$/,
  /^\s*\d+\) (.+?):?$/,
  /^test (\S+) \.\.\. FAILED$/,
  /^([\w.$]+ > .+?) FAILED\s*$/,
  /^rspec (\.\/\S+:\d+)/,
  /^\s*(\w+)\(([\w.$]+)\)\s+(?:Time elapsed|<<< (?:FAILURE|ERROR))/,
  /^\s*([\w.]+Test(?:s)?\.\w+):\d+/,
];

const URL_LIKE = /^(?:https?|git|ssh):|^\w+\.(?:com|org|io|net)\b/;

export function extractLocations(lines: string[], limit = 20): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const line of lines) {
    for (const [needs, re] of locationPatterns) {
      const m = line.includes(needs) ? re.exec(line) : null;
      if (!m) continue;
      const file = m[1]!.replace(/^\.\//, "");
      if (URL_LIKE.test(file) || /^\d/.test(file)) continue;
      const key = `${file}:${m[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m[3] ? { file, line: Number(m[2]), column: Number(m[3]) } : { file, line: Number(m[2]) });
      break;
    }
    if (out.length >= limit) break;
  }
  return out;
}

export function extractFailingTests(lines: string[], limit = 50): string[] {
  const out = new Set<string>();
  for (const line of lines) {
    for (const re of testPatterns) {
      const m = re.exec(line);
      if (!m) continue;
      out.add(m[2] ? `${m[2]}.${m[1]}` : m[1]!.trim());
      break;
    }
    if (out.size >= limit) break;
  }
  return [...out];
}

const categoryRules: [Category, RegExp][] = [
  ["infrastructure", /No space left on device|out of memory|OOMKilled|\bKilled\b|exit code 137|operation was canceled|cancel+ed|maximum execution time|timed? ?out|Connection (?:refused|reset)|Could not resolve host|name resolution|rate limit|503 Service Unavailable|runner has received a shutdown/i],
  ["configuration", /(?:secret|token|credential|env(?:ironment)? variable)s? .*(?:not set|missing|undefined|empty)|Input required and not supplied|Invalid workflow file|Unrecognized named-value|bad credentials|authentication failed|permission denied \(publickey\)/i],
  ["dependency", /npm ERR! (?:code E(?:RESOLVE|404|TARGET|NOTARGET)|404|peer dep)|Could not resolve dependencies|Could not find artifact|Failed to collect dependencies|No matching distribution|Could not find a version that satisfies|Could not find gem|version solving failed|ResolutionImpossible|missing go\.sum entry|no required module provides|failed to select a version|Could not resolve all|Cannot find module '[^.]/i],
  ["lint", /\beslint\b|prettier|would reformat|Code style issues|not formatted|\bflake8\b|\bruff\b|rubocop|Offenses|gofmt|rustfmt|Diff in \S+ at line|mix format|^\S+:\d+:\d+: [A-Z]{1,3}\d{2,4}\b|\bstylelint\b|checkstyle|spotless|ktlint|detekt|\bpmd\b|\blint(?:er|ing)?\b/im],
  ["test", /--- FAIL|FAILED|✕|✗|● |not ok \d|\d+\) |AssertionError|Assertion|expected|panicked at|Tests? run: .*(?:Failures: [1-9]|Errors: [1-9])|\bfailing\b|\btests? failed\b|^E\s{2,}|rspec|Failures:|spec\b/im],
  ["build", /error(?:\[E\d+\])?:|error TS\d+|cannot find symbol|undefined reference|compil|syntax ?error|is not defined|cannot find (?:module|package|name)|\[ERROR\] \S+\.\w+:\[\d+|BUILD FAILURE|build failed/i],
];

export function categorize(lines: string[], hints: (Category | undefined)[]): Category {
  const counts = new Map<Category, number>();
  for (const h of hints) if (h) counts.set(h, (counts.get(h) ?? 0) + 1);
  // Infrastructure and configuration explain everything after them; otherwise the most hinted family.
  const text = lines.join("\n");
  for (const [category, re] of categoryRules.slice(0, 2)) if (re.test(text)) return category;
  const hinted = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (hinted) return hinted;
  for (const [category, re] of categoryRules.slice(2)) if (re.test(text)) return category;
  return "unknown";
}
