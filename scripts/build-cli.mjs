// Bundles cli/main.ts into dist/cli.mjs (one file, fast start-up for `fixforward`).
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildCli() {
  await build({
    entryPoints: [join(root, "cli", "main.ts")],
    outfile: join(root, "dist", "cli.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    logLevel: "warning",
    // Keep runtime-only packages external: they resolve from node_modules.
    packages: "external",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
