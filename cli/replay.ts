// `fixforward replay FILE|DIR... --url URL [--secret S] [--event E] [--delivery ID]`
// Sends signed webhook deliveries to a running Worker, exactly as GitHub would, so the whole
// pipeline can be watched without a GitHub account.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { sign } from "@octokit/webhooks-methods";
import { z } from "zod";

const deliveryFileSchema = z.object({
  event: z.string().regex(/^[a-z_]+$/),
  id: z.string().min(1).max(128).optional(),
  payload: z.record(z.string(), z.unknown()),
});

type Options = { url: string; secret: string; event?: string; delivery?: string; form: boolean; files: string[] };

function parseArgs(argv: string[]): Options | string {
  const options: Options = { url: "", secret: process.env.GITHUB_WEBHOOK_SECRET ?? "development-secret", form: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`fixforward: ${arg} needs a value`);
      return v;
    };
    if (arg === "--url") options.url = value();
    else if (arg === "--secret") options.secret = value();
    else if (arg === "--event") options.event = value();
    else if (arg === "--delivery") options.delivery = value();
    else if (arg === "--form") options.form = true;
    else if (arg === "--help" || arg === "-h") return "help";
    else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else options.files.push(arg);
  }
  if (!options.url) return "--url is required (e.g. --url http://127.0.0.1:8787)";
  if (options.files.length === 0) return "give at least one delivery file or directory";
  if (options.delivery && options.files.length > 1) return "--delivery only makes sense with a single file";
  return options;
}

const usage = `usage: fixforward replay FILE|DIR... --url URL [--secret S] [--event E] [--delivery ID] [--form]

Each FILE is either a delivery file {"event": "...", "id"?: "...", "payload": {...}}, or a raw
webhook payload with --event. A DIR replays its *.json files in name order. Without an id, each
delivery gets a fresh one (a file with an id replays as a GitHub redelivery would).`;

function expand(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith(".json")).sort().map((f) => join(p, f)) : [p],
  );
}

export async function run(argv: string[]): Promise<number> {
  let options: Options | string;
  try {
    options = parseArgs(argv);
  } catch (error) {
    options = (error as Error).message;
  }
  if (options === "help") {
    console.log(usage);
    return 0;
  }
  if (typeof options === "string") {
    console.error(`fixforward: ${options.replace(/^fixforward: /, "")}\n\n${usage}`);
    return 2;
  }
  const endpoint = new URL("/webhooks/github", options.url).toString();
  let failures = 0;
  let files: string[];
  try {
    files = expand(options.files);
  } catch (error) {
    console.error(`fixforward: ${(error as Error).message}`);
    return 2;
  }
  for (const file of files) {
    let event: string;
    let id: string;
    let body: string;
    try {
      const json = JSON.parse(readFileSync(file, "utf8")) as unknown;
      const asDelivery = deliveryFileSchema.safeParse(json);
      if (asDelivery.success && !options.event) {
        event = asDelivery.data.event;
        id = options.delivery ?? asDelivery.data.id ?? crypto.randomUUID();
        body = JSON.stringify(asDelivery.data.payload);
      } else if (options.event) {
        event = options.event;
        id = options.delivery ?? crypto.randomUUID();
        body = JSON.stringify(json);
      } else {
        throw new Error("not a delivery file ({event, payload}); pass --event for a raw payload");
      }
    } catch (error) {
      console.error(`${file}: fixforward: ${(error as Error).message}`);
      failures++;
      continue;
    }
    const sent = options.form ? `payload=${encodeURIComponent(body)}` : body;
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
          "x-github-event": event,
          "x-github-delivery": id,
          "x-hub-signature-256": await sign(options.secret, sent),
          "user-agent": "fixforward-replay",
        },
        body: sent,
      });
      const text = await response.text();
      const ok = response.status >= 200 && response.status < 300;
      if (!ok) failures++;
      console.log(`${response.status} ${event} ${id} ${file}${ok ? "" : `  ${text.slice(0, 300)}`}`);
    } catch (error) {
      failures++;
      console.error(`${file}: fixforward: could not reach ${endpoint}: ${(error as Error).message}`);
    }
  }
  return failures === 0 ? 0 : 1;
}
