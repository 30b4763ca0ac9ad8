export type CommitDetail = { sha: string; message: string; parentSha: string | null; files: { path: string; status: string; patch?: string }[] };

export type Revert =
  | { status: "revert"; commit: { sha: string; message: string }; diff: string; files: { path: string; content: string }[]; rationale: string }
  | { status: "none"; rationale: string };

/**
 * When no fix can be derived: revert the pull request's most likely offending commit — the newest one
 * that touched a file the failure names, else the newest. Only a commit whose files were merely
 * modified, and not touched again by a later commit, is reverted (by restoring its parent's content);
 * otherwise the suggestion stays a sentence.
 */
export async function proposeRevert(input: {
  /** Newest first. */
  commits: CommitDetail[];
  failureFiles: string[];
  readFileAt: (path: string, ref: string) => Promise<string | null>;
}): Promise<Revert> {
  const [newest] = input.commits;
  if (!newest) return { status: "none", rationale: "no commits of this pull request could be read to suggest a revert" };
  const index = Math.max(0, input.commits.findIndex((c) => c.files.some((f) => input.failureFiles.includes(f.path))));
  const suspect = input.commits[index]!;
  const why = index === 0 && !suspect.files.some((f) => input.failureFiles.includes(f.path))
    ? "the newest commit (no commit touched the files the failure names)"
    : `the newest commit touching ${suspect.files.find((f) => input.failureFiles.includes(f.path))!.path}`;
  const label = `${suspect.sha.slice(0, 7)} “${suspect.message}”`;
  const sentence = (reason: string): Revert => ({ status: "none", rationale: `no safe patch found; consider reverting ${label}, ${why} — not offered as a bot PR because ${reason}` });
  if (!suspect.parentSha) return sentence("its parent is unknown");
  if (suspect.files.length === 0 || suspect.files.length > 20) return sentence(`it touches ${suspect.files.length} files`);
  const reshaped = suspect.files.find((f) => f.status !== "modified");
  if (reshaped) return sentence(`it ${reshaped.status} ${reshaped.path}`);
  const later = input.commits.slice(0, index).find((c) => c.files.some((f) => suspect.files.some((s) => s.path === f.path)));
  if (later) return sentence(`the later commit ${later.sha.slice(0, 7)} changed the same files`);
  const files: { path: string; content: string }[] = [];
  for (const f of suspect.files) {
    const content = await input.readFileAt(f.path, suspect.parentSha);
    if (content === null) return sentence(`${f.path} is not readable at its parent`);
    files.push({ path: f.path, content });
  }
  const diff = suspect.files.map((f) => reverseFilePatch(f.path, f.patch)).join("");
  return { status: "revert", commit: { sha: suspect.sha, message: suspect.message }, diff, files, rationale: `no safe patch found; reverting ${label}, ${why}, restores its parent's version of ${files.map((f) => f.path).join(", ")}` };
}

/** GitHub's per-file patch of a commit, turned around (+ ↔ -, old ↔ new ranges) into the revert's diff. */
function reverseFilePatch(path: string, patch: string | undefined): string {
  if (!patch) return `--- a/${path}\n+++ b/${path}\n(restored to the parent commit's version; GitHub gave no patch text)\n`;
  const lines = patch.split("\n").map((line) => {
    const hunk = /^@@ -(\S+) \+(\S+) @@(.*)$/.exec(line);
    if (hunk) return `@@ -${hunk[2]} +${hunk[1]} @@${hunk[3]}`;
    if (line.startsWith("+")) return `-${line.slice(1)}`;
    if (line.startsWith("-")) return `+${line.slice(1)}`;
    return line;
  });
  // Within a hunk, removals are conventionally listed before additions.
  const out: string[] = [];
  const adds: string[] = [];
  for (const line of lines) {
    if (line.startsWith("+")) adds.push(line);
    else if (line.startsWith("-")) out.push(line);
    else out.push(...adds.splice(0), line);
  }
  out.push(...adds);
  return `--- a/${path}\n+++ b/${path}\n${out.join("\n")}\n`;
}
