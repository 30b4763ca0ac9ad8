#!/usr/bin/env node
// Entry of the `fixforward` command. The CLI is TypeScript under cli/; Node 20
// cannot run it directly, so it is bundled once with esbuild into dist/ and
// rebuilt whenever a source file is newer than the bundle.
import { existsSync, statSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "cli", "main.mjs");

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(bundle) || newestSource(join(root, "cli")) > statSync(bundle).mtimeMs || newestSource(join(root, "worker")) > statSync(bundle).mtimeMs;
if (stale) {
  const { buildCli } = await import("../scripts/build-cli.mjs");
  await buildCli();
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
