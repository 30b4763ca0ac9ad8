// Log lines as a person sees them in a terminal: colours removed, only the last state of a `\r`
// progress line, CI timestamp prefixes dropped, very long lines cut.

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>]/g;
const GHA_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
const MAX_LINE = 2_000;

export function cleanLine(raw: string): string {
  let line = raw.length > MAX_LINE * 2 ? raw.slice(0, MAX_LINE * 2) : raw;
  if (line.includes("\x1b")) line = line.replace(ANSI, "");
  if (line.includes("\r")) {
    const parts = line.split("\r");
    // The terminal shows the last non-empty rewrite of the line.
    let last = "";
    for (let i = parts.length - 1; i >= 0; i--) {
      if (parts[i]!.trim()) {
        last = parts[i]!;
        break;
      }
    }
    line = last;
  }
  if (line.length > 20 && line.charCodeAt(4) === 45 && line.charCodeAt(10) === 84) line = line.replace(GHA_TIMESTAMP, "");
  return line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
}
