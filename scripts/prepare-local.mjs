// Local set-up shared by `npm start` and `npm run dev:worker`: .dev.vars from the example, D1 migrations applied.
import { copyFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const wrangler = join(root, "node_modules", ".bin", "wrangler");

export function prepareLocal({ persistTo } = {}) {
  const vars = join(root, ".dev.vars");
  if (!existsSync(vars)) {
    copyFileSync(join(root, ".dev.vars.example"), vars);
    console.log("fixforward: created .dev.vars from .dev.vars.example");
  }
  const args = ["d1", "migrations", "apply", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
  const result = spawnSync(wrangler, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "1" }, encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error("fixforward: applying local D1 migrations failed");
  }
  const applied = (result.stdout.match(/✅/g) ?? []).length;
  console.log(`fixforward: local D1 migrations applied${applied ? ` (${applied} new)` : " (up to date)"}`);
}

export function portArg(argv, name, fallback) {
  const i = argv.indexOf(name);
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1];
  const port = Number(raw ?? fallback);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`fixforward: ${name} must be a port number, got "${raw}"`);
  return port;
}
