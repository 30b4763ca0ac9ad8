#!/usr/bin/env node
// `node scripts/dev-dashboard.mjs [--port 8788] [--inspector-port P] [--api-service fixforward] [--var KEY:VALUE]`: builds the Remix
// dashboard when its sources changed, then serves it with `wrangler pages dev`, its API binding a service
// binding to the locally running Worker (found through wrangler's dev registry by name).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { portArg, root, wrangler } from "./prepare-local.mjs";
import { spawnGroup, stopAllOnSignals } from "./process-group.mjs";

const argv = process.argv.slice(2);
const port = portArg(argv, "--port", 8788);
const inspector = portArg(argv, "--inspector-port", port + 1000);
const service = argv.includes("--api-service") ? argv[argv.indexOf("--api-service") + 1] : "fixforward";
// `--var KEY:VALUE` (repeatable): a binding for the dashboard, e.g. the OAuth settings in tests.
const vars = argv.flatMap((a, i) => (a === "--var" && argv[i + 1] ? ["--binding", argv[i + 1].replace(":", "=")] : []));

const newest = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
const built = join(root, "build", "server", "index.js");
if (!existsSync(built) || newest(join(root, "app")) > statSync(built).mtimeMs) {
  const { status } = spawnSync(join(root, "node_modules", ".bin", "remix"), ["vite:build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (status !== 0) process.exit(status ?? 1);
}
const stop = stopAllOnSignals();
// Run from dashboard/ so Pages reads its own wrangler.toml (bindings, output dir), not the Worker's.
const child = spawnGroup(wrangler, [
  "pages", "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector),
  ...(service === "fixforward" ? [] : ["--service", `API=${service}`]), ...vars, "--show-interactive-dev-session=false",
], { cwd: join(root, "dashboard"), env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
child.on("exit", (code) => stop(code ?? 1));
