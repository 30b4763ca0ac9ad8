// The dashboard in real Chromium (Debian's, through playwright-core) against the locally started
// Worker (wrangler dev) and Pages (wrangler pages dev, service binding), with the GitHub stand-in.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helpers shared with the benchmarks and `npm start`
import { freePort } from "../../bench/_dev-worker.mjs";
// @ts-expect-error plain ESM module shared with `npm start`
import { startGithubStandin } from "../github-server/server.mjs";

const OAUTH_CLIENT_ID = "Iv1.fixforwardtest";
const OAUTH_CLIENT_SECRET = "oauth-test-secret";
const children: ChildProcess[] = [];
let browser: Browser;
let worker = "";
let dashboard = "";
let standin: { url: string; close(): Promise<void> };
const state = mkdtempSync(join(tmpdir(), "fixforward-browser-"));
mkdirSync("test-results", { recursive: true });

function start(script: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err = (err + d).slice(-4000)));
  (child as ChildProcess & { lastError: () => string }).lastError = () => err;
  children.push(child);
  return child;
}
async function waitUntil(url: string, ok: (r: Response) => boolean, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (ok(await fetch(url))) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`fixforward: ${what} did not come up at ${url}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
async function deliver(event: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const response = await fetch(`${worker}/webhooks/github`, {
    method: "POST", body,
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${createHmac("sha256", "development-secret").update(body).digest("hex")}` },
  });
  expect(response.status).toBe(202);
}
/** A pull request big enough to need approval; resolves to its id once its run waits at the gate. */
async function openRiskyPullRequest(number: number, headSha: string): Promise<number> {
  const pr = scenario("01-pull_request.opened.json").payload;
  pr.number = pr.pull_request.number = number;
  pr.pull_request.head.sha = headSha;
  Object.assign(pr.pull_request, { additions: 2400, deletions: 300, changed_files: 40 });
  await deliver("pull_request", pr);
  let prId = 0;
  await expect.poll(async () => {
    const list = (await (await fetch(`${worker}/prs?state=all`)).json()) as { pullRequests: { id: number; number: number; latestRun: { status: string } | null }[] };
    const found = list.pullRequests.find((p) => p.number === number);
    prId = found?.id ?? 0;
    return found?.latestRun?.status;
  }, { timeout: 30_000 }).toBe("waiting_approval");
  return prId;
}
const scenario = (name: string) => JSON.parse(readFileSync(join("examples/failing-ci", name), "utf8")) as { event: string; payload: any };

beforeAll(async () => {
  standin = await startGithubStandin({ dataDir: "examples/failing-ci/github", oauthApps: { [OAUTH_CLIENT_ID]: OAUTH_CLIENT_SECRET } });
  const [wp, wi, dp, di] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  worker = `http://127.0.0.1:${wp}`;
  dashboard = `http://127.0.0.1:${dp}`;
  start("scripts/dev-worker.mjs", ["--port", String(wp), "--inspector-port", String(wi), "--persist-to", state, "--var", `GITHUB_API_URL:${standin.url}`, "--var", "LOCAL_MODE:true"]);
  await waitUntil(`${worker}/health`, (r) => r.ok, "the Worker");
  start("scripts/dev-dashboard.mjs", ["--port", String(dp), "--inspector-port", String(di)]);
  await waitUntil(`${dashboard}/`, (r) => r.status === 200, "the dashboard");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  // SIGTERM first: the dev scripts then stop wrangler's own process groups (SIGKILL would leave them running).
  const signal = (name: NodeJS.Signals) => {
    for (const child of children) {
      try {
        process.kill(-child.pid!, name);
      } catch {}
    }
  };
  signal("SIGTERM");
  await new Promise((r) => setTimeout(r, 4000));
  signal("SIGKILL");
  await standin?.close();
  rmSync(state, { recursive: true, force: true });
});

describe("dashboard", () => {
  it("shows a replayed failing-CI run: verdict, timeline of the ten nodes, excerpt and patch", async () => {
    const page = await browser.newPage();
    await page.goto(`${dashboard}/`);
    await page.getByText("live", { exact: true }).waitFor();
    for (const f of ["01-pull_request.opened.json", "02-workflow_job.completed.json", "03-workflow_run.completed.json"]) await deliver(scenario(f).event, scenario(f).payload);
    // The overview's live activity fills in from /stream without a reload.
    await page.getByText("run.finished").first().waitFor({ timeout: 30_000 });
    await page.goto(`${dashboard}/prs`);
    await page.getByRole("link", { name: "Codertocat/Hello-World#2" }).click();
    await expect.poll(() => page.getByTestId("verdict").innerText(), { timeout: 30_000 }).toMatch(/Blocked/);
    const timeline = page.getByTestId("timeline");
    await expect.poll(() => timeline.locator('li[data-state="finished"]').count(), { timeout: 30_000 }).toBe(10);
    await expect.poll(() => page.getByTestId("excerpt").innerText()).toMatch(/13 │ src\/greeting\.ts\(2,13\): error TS2551/);
    expect(await page.locator("pre.diff").innerText()).toContain("+  if (names.length === 0)");
    expect(await page.getByTestId("diff").locator("figcaption").first().innerText()).toBe("src/greeting.ts");
    expect(await page.getByTestId("diff").innerText()).toMatch(/Bot PR recorded in dry-run/);
    expect(await page.getByTestId("memo-rendered").locator("h2").first().innerText()).toMatch(/Blocked/);
    expect(await page.getByTestId("memo-rendered").locator("a", { hasText: "job log" }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/run-viewer.png", fullPage: true });
    await page.close();
  });

  it("fills in a new run live, and after a reload shows the same run from the server", async () => {
    const page = await browser.newPage();
    await page.goto(`${dashboard}/prs/1`);
    await page.getByText("live", { exact: true }).waitFor();
    const before = await page.locator("h2#timeline-h").innerText();
    const started = (await (await fetch(`${worker}/prs/1/orchestrate`, { method: "POST" })).json()) as { agentRunId: number };
    await expect.poll(() => page.locator("h2#timeline-h").innerText(), { timeout: 30_000 }).toContain(`Run ${started.agentRunId}`);
    expect(before).not.toContain(`Run ${started.agentRunId}`);
    await expect.poll(() => page.getByTestId("timeline").locator('li[data-state="finished"]').count(), { timeout: 30_000 }).toBe(10);
    await page.reload();
    await expect.poll(() => page.getByTestId("timeline").locator('li[data-state="finished"]').count()).toBe(10);
    await page.screenshot({ path: "test-results/run-viewer-live.png", fullPage: true });
    await page.close();
  });

  it("approves a run that waits at the gate, and shows the memo", async () => {
    const prId = await openRiskyPullRequest(4242, "c".repeat(40));
    const page = await browser.newPage();
    await page.goto(`${dashboard}/prs/${prId}`);
    await expect.poll(() => page.getByTestId("verdict").innerText()).toMatch(/Waiting for approval/);
    expect(await page.locator('li[data-node="approval"]').getAttribute("data-state")).toBe("waiting");
    await page.getByLabel("Reason").fill("watched the canary");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => page.getByTestId("verdict").innerText(), { timeout: 30_000 }).toMatch(/Allowed — approved by dashboard \(no sign-in\)/);
    expect(await page.getByTestId("memo").textContent()).toMatch(/approved by dashboard \(no sign-in\) at .*: watched the canary/);
    await page.screenshot({ path: "test-results/approved.png", fullPage: true });
    await page.close();
  });

  it("lists repositories and leads from one to its pull requests", async () => {
    const page = await browser.newPage();
    await page.goto(`${dashboard}/repos`);
    await page.getByRole("link", { name: "Codertocat/Hello-World" }).click();
    await expect.poll(() => page.url()).toContain("/prs?repo=Codertocat%2FHello-World");
    await page.getByRole("link", { name: "Codertocat/Hello-World#2" }).waitFor();
    await page.close();
  });

  it("replays a delivery from the deliveries log (local mode)", async () => {
    const page = await browser.newPage();
    await page.goto(`${dashboard}/deliveries`);
    const row = page.locator("tr", { hasText: "workflow_run.completed" }).first();
    await row.getByRole("button", { name: /Replay delivery/ }).click();
    await expect.poll(() => page.getByTestId("replay-result").innerText()).toMatch(/queued again/);
    await page.close();
  });

  it("says clearly when the API is unreachable, and offers demo data that is always labelled", async () => {
    const [port, inspector] = await Promise.all([freePort(), freePort()]);
    start("scripts/dev-dashboard.mjs", ["--port", String(port), "--inspector-port", String(inspector), "--api-service", "fixforward-not-running"]);
    await waitUntil(`http://127.0.0.1:${port}/`, (r) => r.status === 200, "the second dashboard");
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/prs`);
    await expect.poll(() => page.getByRole("alert").first().innerText()).toMatch(/API unreachable/);
    expect(await page.getByTestId("demo-banner").count()).toBe(0);
    await page.getByRole("link", { name: /demo data/ }).click();
    await page.getByTestId("demo-banner").waitFor();
    await page.goto(`http://127.0.0.1:${port}/prs`);
    await page.getByRole("link", { name: "Codertocat/Hello-World#2" }).click();
    expect(await page.getByTestId("demo-banner").innerText()).toMatch(/Demo data\..*not your repositories, not live/);
    await expect.poll(() => page.getByTestId("verdict").innerText()).toMatch(/Blocked/);
    await page.screenshot({ path: "test-results/demo-mode.png", fullPage: true });
    await page.getByRole("link", { name: "Back to live data" }).click();
    await expect.poll(() => page.getByRole("alert").first().innerText()).toMatch(/API unreachable/);
    expect(await page.getByTestId("demo-banner").count()).toBe(0);
    await page.close();
  });
});

describe("dashboard with GitHub sign-in", () => {
  let signed = "";
  beforeAll(async () => {
    const [port, inspector] = await Promise.all([freePort(), freePort()]);
    signed = `http://127.0.0.1:${port}`;
    start("scripts/dev-dashboard.mjs", ["--port", String(port), "--inspector-port", String(inspector),
      "--var", `GITHUB_OAUTH_CLIENT_ID:${OAUTH_CLIENT_ID}`, "--var", `GITHUB_OAUTH_CLIENT_SECRET:${OAUTH_CLIENT_SECRET}`, "--var", "SESSION_SECRET:browser-test-session-secret",
      "--var", `GITHUB_OAUTH_URL:${standin.url}`, "--var", `GITHUB_API_URL:${standin.url}`]);
    await waitUntil(`${signed}/sse/stream`, (r) => r.status === 401, "the signed-in dashboard");
  }, 180_000);

  it("refuses pages, data and streams without a session, and a callback with a forged state", async () => {
    const page = await fetch(`${signed}/prs`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/oauth/login?returnTo=%2Fprs");
    expect((await fetch(`${signed}/sse/stream`)).status).toBe(401);
    expect((await fetch(`${signed}/prs?_data=routes%2Fprs._index`)).status).toBe(401);
    const forged = await fetch(`${signed}/oauth/callback?code=abc&state=forged`, { headers: { cookie: "ff_oauth_state=real-state|/" }, redirect: "manual" });
    expect(forged.status).toBe(400);
    const login = await fetch(`${signed}/oauth/login?returnTo=//evil.example`, { redirect: "manual" });
    const authorize = new URL(login.headers.get("location")!);
    expect(authorize.origin + authorize.pathname).toBe(`${standin.url}/login/oauth/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe(OAUTH_CLIENT_ID);
    expect(login.headers.get("set-cookie")).toMatch(/^ff_oauth_state=[0-9a-f]{48}%7C%2F; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it("signs in through GitHub, records the login with an approval, and signs out", async () => {
    const prId = await openRiskyPullRequest(4343, "d".repeat(40));

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${signed}/prs/${prId}`);
    // Through the stand-in's authorize page and back to the page asked for.
    await expect.poll(() => page.url()).toBe(`${signed}/prs/${prId}`);
    expect(await page.getByTestId("viewer").innerText()).toBe("@octocat");
    const session = (await context.cookies()).find((c) => c.name === "ff_session")!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await page.getByLabel("Reason").fill("signed-in approval");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => page.getByTestId("verdict").innerText(), { timeout: 30_000 }).toMatch(/approved by octocat/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Signed out" }).waitFor();
    await expect.poll(async () => (await context.cookies()).some((c) => c.name === "ff_session" && c.value)).toBe(false);
    expect((await page.request.get(`${signed}/sse/stream`, { maxRedirects: 0 })).status()).toBe(401);
    // A tampered session cookie is not a session.
    await context.clearCookies();
    await context.addCookies([{ ...session, value: session.value.replace(/^[^.]+/, btoa(JSON.stringify({ login: "mallory", exp: Date.now() + 3_600_000 })).replace(/=+$/, "")) }]);
    const tampered = await page.request.get(`${signed}/sse/stream`, { maxRedirects: 0 });
    expect(tampered.status()).toBe(401);
    await context.close();
  });
});
