// The `fixforward` command: dispatches to one module per sub-command.
// Each command module exports `run(argv: string[]): Promise<number>` (exit code).
type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  triage: { summary: "find why a CI job failed in its log (--json for one JSON object per file)", load: () => import("./triage") },
  slo: { summary: "evaluate SLO burn rates against Prometheus (--prometheus URL --config FILE [--at T] [--json])", load: () => import("./slo") },
  replay: { summary: "send signed webhook deliveries to a running Worker (FILE... --url URL [--secret S])", load: () => import("./replay") },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ["usage: fixforward <command> [options]", "", "commands:", ...rows].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`fixforward: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(rest);
}
