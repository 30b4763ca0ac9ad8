// A real Prometheus for tests: history generated per scenario, backfilled with `promtool tsdb
// create-blocks-from openmetrics`, served on a free loopback port, stopped (process group) afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { freePort } from "../../scripts/free-port.mjs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const STEP_SECONDS = 60;
export const SPAN_SECONDS = 31 * 86_400;

/** Requests and errors per minute at a given time (seconds before the end). */
export type Scenario = { job: string; perMinute: (secondsBeforeEnd: number) => { total: number; errors: number } };

export type Series = { job: string; times: number[]; total: number[]; errors: number[] };

export { freePort };

/** Cumulative counters per scenario, one sample per minute over SPAN_SECONDS ending at `end`. */
export function generate(scenarios: Scenario[], end: number): Series[] {
  return scenarios.map((s) => {
    const times: number[] = [];
    const total: number[] = [];
    const errors: number[] = [];
    let t = 0;
    let e = 0;
    for (let ts = end - SPAN_SECONDS; ts <= end; ts += STEP_SECONDS) {
      const rate = s.perMinute(end - ts);
      t += rate.total;
      e += rate.errors;
      times.push(ts);
      total.push(t);
      errors.push(e);
    }
    return { job: s.job, times, total, errors };
  });
}

export async function writeOpenMetrics(file: string, series: Series[]): Promise<void> {
  const out = createWriteStream(file);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write("# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n");
  for (const s of series) {
    // Successes and errors as separate series, like code="200" / code="500"; written in large pieces.
    for (const code of ["200", "500"]) {
      let piece = "";
      for (let i = 0; i < s.times.length; i++) {
        const value = code === "500" ? s.errors[i]! : s.total[i]! - s.errors[i]!;
        piece += `http_requests_total{job="${s.job}",code="${code}"} ${value} ${s.times[i]}\n`;
        if (piece.length > 1 << 20) (await write(piece), (piece = ""));
      }
      await write(piece);
    }
  }
  await write("# EOF\n");
  await new Promise<void>((r) => out.end(r));
}

export type RunningPrometheus = { url: string; stop(): void };

export async function startPrometheus(series: Series[]): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "fixforward-prom-"));
  const metrics = join(dir, "metrics.om");
  await writeOpenMetrics(metrics, series);
  const data = join(dir, "data");
  const backfill = spawnSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=768h", metrics, data], { encoding: "utf8" });
  if (backfill.status !== 0) throw new Error(`fixforward: promtool backfill failed: ${backfill.stderr}`);
  writeFileSync(join(dir, "prometheus.yml"), "global:\n  scrape_interval: 1h\nscrape_configs: []\n");
  const port = await freePort();
  const child: ChildProcess = spawn("prometheus", [
    `--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`,
    "--storage.tsdb.retention.time=400d", "--log.level=warn",
  ], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stop);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`fixforward: prometheus did not become ready: ${stderr.slice(-1000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}

/** Error ratio over the last `windowSeconds` before `end`, from the generated counters (independent of Prometheus). */
export function expectedRatio(s: Series, end: number, windowSeconds: number): number {
  const at = (ts: number) => s.times.findIndex((t) => t >= ts);
  const i1 = at(end);
  const i0 = at(end - windowSeconds);
  const total = s.total[i1]! - s.total[i0]!;
  const errors = s.errors[i1]! - s.errors[i0]!;
  return errors / total;
}
