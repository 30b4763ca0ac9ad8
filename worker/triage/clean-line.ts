// Log lines as a person sees them in a terminal: colours removed, only the last state of a `\r`
// progress line, CI timestamp prefixes dropped, very long lines cut.

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>]/g;
const GHA_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
const GH_CLI_PREFIX = /^[^\t]{1,300}\t[^\t]{1,300}\t(?=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/;
const MAX_LINE = 2_000;

export function cleanLine(raw: string): string {
  // The terminal shows the last non-empty rewrite of a `\r` line — found before cutting a long line,
  // whose last state is at its end.
  let line = raw;
  const cr = raw.indexOf("\r");
  // A CRLF line's only `\r` is its last character: no rewrite to look for.
  if (cr >= 0) line = cr === raw.length - 1 ? raw.slice(0, cr) : lastRewrite(raw);
  if (line.length > MAX_LINE * 2) line = line.slice(0, MAX_LINE * 2);
  if (line.includes("\x1b")) line = line.replace(ANSI, "");
  // `gh run view --log` prefixes each line with the job and step names, tab-separated.
  if (line.includes("\t")) line = line.replace(GH_CLI_PREFIX, "");
  if (line.length > 20 && line.charCodeAt(4) === 45 && line.charCodeAt(10) === 84) line = line.replace(GHA_TIMESTAMP, "");
  return line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
}

/** The last `\r`-separated part with something visible in it, without splitting the whole line. */
function lastRewrite(line: string): string {
  for (let end = line.length; end > 0; ) {
    const start = line.lastIndexOf("\r", end - 1) + 1;
    const part = line.slice(start, end);
    if (VISIBLE.test(part.includes("\x1b") ? part.replace(ANSI, "") : part)) return part;
    end = start - 1;
  }
  return "";
}

const VISIBLE = /\S/;
