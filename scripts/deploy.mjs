#!/usr/bin/env node
// `npm run deploy -- --env staging|production [--only worker|dashboard]`
// D1 migrations (remote), the Worker, then the dashboard on Pages. Needs CLOUDFLARE_API_TOKEN (or `wrangler login`).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root, wrangler } from "./prepare-local.mjs";

const argv = process.argv.slice(2);
const envName = argv[argv.indexOf("--env") + 1];
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined;
if (!argv.includes("--env") || !["staging", "production"].includes(envName)) {
  console.error("usage: npm run deploy -- --env staging|production [--only worker|dashboard]");
  process.exit(2);
}
const run = (cmd, args) => {
  console.log(`$ ${[cmd, ...args].join(" ")}`);
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
};

if (only !== "dashboard") {
  run(wrangler, ["d1", "migrations", "apply", "DB", "--remote", "--env", envName]);
  run(wrangler, ["deploy", "--env", envName]);
}
if (only !== "worker") {
  run("npm", ["run", "build:dashboard"]);
  const output = join(root, "build", "client");
  if (!existsSync(output)) {
    console.error("fixforward: dashboard build output build/client is missing");
    process.exit(1);
  }
  const project = envName === "production" ? "fixforward-dashboard" : "fixforward-dashboard-staging";
  run(wrangler, ["pages", "deploy", output, "--project-name", project, "--branch", envName === "production" ? "main" : "staging"]);
}
