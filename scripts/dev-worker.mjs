#!/usr/bin/env node
// `npm run dev:worker -- --port P [--inspector-port Q] [--persist-to DIR]`: the Worker API alone, under wrangler dev.
import { portArg, prepareLocal, root, wrangler } from "./prepare-local.mjs";
import { spawnGroup, stopAllOnSignals } from "./process-group.mjs";

const argv = process.argv.slice(2);
const port = portArg(argv, "--port", 8787);
const inspector = portArg(argv, "--inspector-port", port + 10_000 > 65535 ? 9229 : port + 10_000);
const persistIndex = argv.indexOf("--persist-to");
const persistTo = persistIndex >= 0 ? argv[persistIndex + 1] : undefined;
// Pass-through of `--var KEY:VALUE` pairs to wrangler.
const extraVars = argv.flatMap((a, i) => (a === "--var" && argv[i + 1] ? ["--var", argv[i + 1]] : []));

prepareLocal({ persistTo });
const stop = stopAllOnSignals();
const child = spawnGroup(
  wrangler,
  ["dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false", "--test-scheduled",
    ...(persistTo ? ["--persist-to", persistTo] : []), ...extraVars],
  { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
child.on("exit", (code) => stop(code ?? 1));

// wrangler dev does not fire cron triggers; deployed, Cloudflare runs ours every minute (it re-enqueues
// deliveries whose queue send failed, and evaluates SLO policies). Locally this does the same, through
// the /__scheduled route that --test-scheduled adds.
const cron = setInterval(() => {
  fetch(`http://127.0.0.1:${port}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(() => {
    // not up yet, or restarting: the next minute tries again
  });
}, 60_000);
cron.unref();
