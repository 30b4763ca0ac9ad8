import { describe, expect, it } from "vitest";
import { applyFileDiff, parseUnifiedDiff, proposeRevert, type CommitDetail } from ".";

const v1 = "export const limit = 10;\nexport const name = 'a';\n";
const v2 = "export const limit = 0;\nexport const name = 'a';\n";
const at: Record<string, Record<string, string>> = { p0: { "src/config.ts": v1, "README.md": "old\n" } };
const readFileAt = async (path: string, ref: string) => at[ref]?.[path] ?? null;
const commit = (sha: string, parentSha: string, files: CommitDetail["files"], message = `commit ${sha}`): CommitDetail => ({ sha: sha.padEnd(40, "0"), message, parentSha, files });
const configChange = { path: "src/config.ts", status: "modified", patch: "@@ -1,2 +1,2 @@\n-export const limit = 10;\n+export const limit = 0;\n export const name = 'a';" };

describe("proposeRevert", () => {
  it("reverts the newest commit touching a file the failure names, restoring its parent's content", async () => {
    const commits = [commit("c2", "c1", [{ path: "README.md", status: "modified" }]), commit("c1", "p0", [configChange], "Lower the limit")];
    const revert = await proposeRevert({ commits, failureFiles: ["src/config.ts"], readFileAt });
    expect(revert).toMatchObject({ status: "revert", commit: { message: "Lower the limit" }, files: [{ path: "src/config.ts", content: v1 }] });
    if (revert.status !== "revert") return;
    expect(revert.rationale).toMatch(/newest commit touching src\/config.ts/);
    // The reversed diff turns the failing version back into the parent's.
    const parsed = parseUnifiedDiff(revert.diff);
    expect("error" in parsed).toBe(false);
    if ("error" in parsed) return;
    expect(applyFileDiff(v2, parsed[0]!)).toBe(v1);
  });

  it("falls back to a sentence when the revert is not a clean restore", async () => {
    const later = [commit("c2", "c1", [{ path: "src/config.ts", status: "modified" }]), commit("c1", "p0", [configChange])];
    expect((await proposeRevert({ commits: later, failureFiles: [], readFileAt })).rationale).toMatch(/newest commit \(no commit touched/);
    const touchedAgain = [commit("c3", "c2", [{ path: "src/config.ts", status: "modified" }]), commit("c2", "c1", [{ path: "README.md", status: "modified" }]), commit("c1", "p0", [configChange, { path: "README.md", status: "modified" }])];
    expect((await proposeRevert({ commits: touchedAgain.slice(1), failureFiles: ["src/config.ts"], readFileAt })).rationale).toMatch(/later commit c200000 changed the same files/);
    const added = [commit("c1", "p0", [{ path: "src/new.ts", status: "added" }])];
    expect(await proposeRevert({ commits: added, failureFiles: ["src/new.ts"], readFileAt })).toMatchObject({ status: "none", rationale: expect.stringMatching(/consider reverting c100000 .*because it added src\/new.ts/) });
    expect(await proposeRevert({ commits: [], failureFiles: [], readFileAt })).toMatchObject({ status: "none" });
  });
});
