#!/usr/bin/env node
// `npm run api-token -- --name NAME [--env staging|production | --local]`
// Creates a bearer token for POST endpoints, stores only its SHA-256 hash in D1, prints the token once.
import { createHash, randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { root, wrangler } from "./prepare-local.mjs";

const argv = process.argv.slice(2);
const name = argv.includes("--name") ? argv[argv.indexOf("--name") + 1] : undefined;
const envName = argv.includes("--env") ? argv[argv.indexOf("--env") + 1] : undefined;
if (!name || !/^[\w.-]{1,64}$/.test(name) || (!envName && !argv.includes("--local"))) {
  console.error("usage: npm run api-token -- --name NAME (--env staging|production | --local)");
  process.exit(2);
}
const token = `ff_${randomBytes(24).toString("base64url")}`;
const hash = createHash("sha256").update(token).digest("hex");
const target = envName ? ["--remote", "--env", envName] : ["--local"];
const { status } = spawnSync(wrangler, ["d1", "execute", "DB", ...target, "--command", `INSERT INTO api_tokens (name, token_hash) VALUES ('${name}', '${hash}')`], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
if (status !== 0) process.exit(status ?? 1);
console.log(`api token "${name}" (shown once, store it now):\n${token}`);
