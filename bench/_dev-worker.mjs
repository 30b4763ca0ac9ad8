// Starts `npm run dev:worker` on a free port with its own throwaway state, for benchmarks.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { freePort } from "../scripts/free-port.mjs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export { freePort };

/** `vars`: extra Worker vars (wrangler `--var KEY:VALUE`), e.g. fault injection for reliability tests. */
export async function startDevWorker({ vars = {} } = {}) {
  // Reads go to a GitHub stand-in of our own, never to whatever .dev.vars points at.
  const { startGithubStandin } = await import("../test/github-server/server.mjs");
  const standin = await startGithubStandin({ dataDir: join(root, "examples", "failing-ci", "github") });
  vars = { GITHUB_API_URL: standin.url, GITHUB_WEBHOOK_SECRET: "development-secret", ...vars };
  const port = await freePort();
  const inspector = await freePort();
  const state = mkdtempSync(join(tmpdir(), "fixforward-bench-"));
  const child = spawn(process.execPath, [join(root, "scripts", "dev-worker.mjs"), "--port", String(port), "--inspector-port", String(inspector), "--persist-to", state,
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`])], {
    cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  // Only the tail is kept: a busy dev server can print far more than a string can hold.
  // Counted as they pass: how often the queue consumer asked for a retry (its "will retry" warnings).
  let consumerRetries = 0;
  let failedSends = 0;
  const keep = (d) => {
    consumerRetries += String(d).match(/will retry/g)?.length ?? 0;
    failedSends += String(d).match(/enqueue failed/g)?.length ?? 0;
    log = (log + d).slice(-65_536);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`fixforward: dev worker did not start:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () => {
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
    setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch {} }, 2000).unref();
    rmSync(state, { recursive: true, force: true });
    standin.close();
  };
  // Benches talk to the Worker's own workerd, as deployed; BENCH_VIA_PROXY=1 goes through wrangler's proxy.
  const viaProxy = process.env.BENCH_VIA_PROXY === "1";
  const benchUrl = async () => (viaProxy ? url : findDirectUrl(port));
  return { url, viaProxy, benchUrl, consumerRetries: () => consumerRetries, failedSends: () => failedSends, stop };
}

// wrangler dev puts a proxy Worker (its own workerd) in front of the user Worker, for live reload;
// production has no such hop. This finds the user Worker's own workerd socket: another loopback
// port, owned by a different workerd, that answers /health.
async function findDirectUrl(proxyPort) {
  const { execSync } = await import("node:child_process");
  const lines = execSync("ss -ltnpH", { encoding: "utf8" }).split("\n").filter((l) => l.includes('"workerd"'));
  const proxyPid = lines.find((l) => l.includes(`127.0.0.1:${proxyPort} `))?.match(/pid=(\d+)/)?.[1];
  for (const line of lines) {
    const port = line.match(/127\.0\.0\.1:(\d+)/)?.[1];
    if (!port || line.includes(`pid=${proxyPid},`)) continue;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok && (await response.json()).ok) return `http://127.0.0.1:${port}`;
    } catch {}
  }
  throw new Error("fixforward: could not find the user Worker's own workerd port (found with `ss -ltnp`); BENCH_VIA_PROXY=1 measures through wrangler's dev proxy instead");
}
