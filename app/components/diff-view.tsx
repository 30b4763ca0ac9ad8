import { highlight } from "./highlight";

type Props = { diff: string; botPr?: { url: string | null; dryRun: boolean } | undefined };

/** A unified diff as GitHub shows one: a header per file, hunk headers, +/− lines with syntax colours. */
export function DiffView({ diff, botPr }: Props) {
  const files: { path: string; lines: string[] }[] = [];
  for (const line of diff.replace(/\n$/, "").split("\n")) {
    if (line.startsWith("--- ")) continue;
    if (line.startsWith("+++ ")) files.push({ path: line.slice(4).replace(/^b\//, ""), lines: [] });
    else (files.at(-1) ?? (files.push({ path: "", lines: [] }), files[0]!)).lines.push(line);
  }
  return (
    <div className="diff-view" data-testid="diff">
      {botPr && (botPr.url
        ? <p><a className="button" href={botPr.url}>Open the bot PR</a></p>
        : <p className="muted">{botPr.dryRun ? "Bot PR recorded in dry-run (not opened)." : "Bot PR not opened."}</p>)}
      {files.map((file, f) => (
        <figure key={f} className="m-0 mb-3 rounded border border-line">
          {file.path && <figcaption className="bg-card px-2 py-1 font-mono text-sm border-b border-line">{file.path}</figcaption>}
          <pre className="diff m-0">{file.lines.map((line, i) => {
            const kind = line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
            const sign = kind === "hunk" ? "" : line.slice(0, 1);
            const body = kind === "hunk" ? line : line.slice(1);
            return (
              <span key={i} className={kind}>
                {kind !== "hunk" && <span className="sign" aria-label={kind === "add" ? "added" : kind === "del" ? "removed" : undefined}>{sign || " "}</span>}
                {kind === "hunk" ? body : highlight(body, file.path).map((t, k) => (t.kind === "text" ? t.text : <span key={k} className={`tok-${t.kind}`}>{t.text}</span>))}
                {"\n"}
              </span>
            );
          })}</pre>
        </figure>
      ))}
    </div>
  );
}
