export type FileDiff = { path: string; hunks: { oldStart: number; oldLines: string[]; newLines: string[] }[] };

/**
 * Splits a (model-written) unified diff into per-file hunks. New files, deleted files and renames are
 * refused: a fix-forward edits the code that failed, it does not reshape the tree.
 */
export function parseUnifiedDiff(diff: string): FileDiff[] | { error: string } {
  const files: FileDiff[] = [];
  const lines = diff.replace(/\r\n/g, "\n").split("\n");
  let file: FileDiff | null = null;
  let hunk: FileDiff["hunks"][number] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("--- ")) {
      const next = lines[i + 1] ?? "";
      if (!next.startsWith("+++ ")) return { error: `a "---" header without "+++" at diff line ${i + 1}` };
      const before = line.slice(4).split("\t")[0]!.trim();
      const after = next.slice(4).split("\t")[0]!.trim();
      if (before === "/dev/null" || after === "/dev/null") return { error: "the diff creates or deletes a file" };
      const strip = (p: string) => p.replace(/^[ab]\//, "");
      if (strip(before) !== strip(after)) return { error: `the diff renames ${strip(before)} to ${strip(after)}` };
      file = { path: strip(after), hunks: [] };
      files.push(file);
      hunk = null;
      i++;
      continue;
    }
    const header = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
    if (header) {
      if (!file) return { error: "a hunk before any file header" };
      hunk = { oldStart: Number(header[1]), oldLines: [], newLines: [] };
      file.hunks.push(hunk);
      continue;
    }
    if (!hunk || line.startsWith("\\")) continue; // preamble, or "\ No newline at end of file"
    if (line.startsWith(" ") || (line === "" && i < lines.length - 1)) {
      hunk.oldLines.push(line.slice(1));
      hunk.newLines.push(line.slice(1));
    } else if (line.startsWith("-")) hunk.oldLines.push(line.slice(1));
    else if (line.startsWith("+")) hunk.newLines.push(line.slice(1));
  }
  if (files.length === 0 || files.every((f) => f.hunks.length === 0)) return { error: "no hunks in the diff" };
  return files;
}

/**
 * Applies one file's hunks strictly: every context and removed line must match the file exactly,
 * at the stated line or — models miscount — at the one and only place where they all match.
 */
export function applyFileDiff(original: string, file: FileDiff): string | { error: string } {
  const out = original.split("\n");
  let offset = 0;
  for (const [n, hunk] of file.hunks.entries()) {
    const matchesAt = (at: number) => at >= 0 && hunk.oldLines.every((l, k) => out[at + k] === l);
    let at = hunk.oldStart - 1 + offset;
    if (!matchesAt(at)) {
      const candidates: number[] = [];
      for (let i = 0; i + hunk.oldLines.length <= out.length; i++) if (matchesAt(i)) candidates.push(i);
      if (candidates.length !== 1) return { error: `hunk ${n + 1} of ${file.path} ${candidates.length === 0 ? "does not match the file" : "matches more than one place"}` };
      at = candidates[0]!;
    }
    out.splice(at, hunk.oldLines.length, ...hunk.newLines);
    offset += hunk.newLines.length - hunk.oldLines.length;
  }
  return out.join("\n");
}
