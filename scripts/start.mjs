#!/usr/bin/env node
// `npm start`: the whole thing locally with no accounts — Worker API on :8787, dashboard on :8788.
// Ctrl-C stops every child process (each runs in its own process group).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { prepareLocal, root } from "./prepare-local.mjs";
import { spawnGroup, stopAllOnSignals } from "./process-group.mjs";

const WORKER_PORT = Number(process.env.FIXFORWARD_WORKER_PORT ?? 8787);
const GITHUB_STANDIN_PORT = Number(process.env.FIXFORWARD_GITHUB_STANDIN_PORT ?? 8790);
const DASHBOARD_PORT = Number(process.env.FIXFORWARD_DASHBOARD_PORT ?? 8788);

prepareLocal();
const stop = stopAllOnSignals();
// The local GitHub stand-in the example .dev.vars points GITHUB_API_URL at (reads only; writes stay dry-run).
const standin = spawnGroup(process.execPath, [join(root, "test", "github-server", "server.mjs"), "--port", String(GITHUB_STANDIN_PORT), "--data", join(root, "examples", "failing-ci", "github")], { cwd: root });
standin.on("exit", (code) => stop(code ?? 1));
const worker = spawnGroup(process.execPath, [join(root, "scripts", "dev-worker.mjs"), "--port", String(WORKER_PORT), "--inspector-port", String(WORKER_PORT + 1000)], { cwd: root });
worker.on("exit", (code) => stop(code ?? 1));

const dashboardScript = join(root, "scripts", "dev-dashboard.mjs");
if (existsSync(dashboardScript)) {
  const dashboard = spawnGroup(process.execPath, [dashboardScript, "--port", String(DASHBOARD_PORT), "--inspector-port", String(DASHBOARD_PORT + 1000)], { cwd: root });
  dashboard.on("exit", (code) => stop(code ?? 1));
}

console.log(`
fixforward is starting (dry-run: no GitHub account needed)
  Worker API  http://127.0.0.1:${WORKER_PORT}   (health: /health)
  Dashboard   http://127.0.0.1:${DASHBOARD_PORT}
  GitHub      http://127.0.0.1:${GITHUB_STANDIN_PORT}   (local stand-in serving examples/failing-ci/github)
  Try it:     npx fixforward replay examples/failing-ci --url http://127.0.0.1:${WORKER_PORT}
Ctrl-C stops everything.
`);
