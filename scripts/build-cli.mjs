// Bundles cli/main.ts into dist/cli/ with code splitting: each command loads only its own code
// (`fixforward triage` never loads zod or Octokit), which keeps start-up fast.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildCli() {
  await build({
    entryPoints: [join(root, "cli", "main.ts")],
    outdir: join(root, "dist", "cli"),
    splitting: true,
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
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
