// A local HTTP server that speaks the parts of GitHub's REST API fixforward uses. It serves one
// example repository from a directory (PR files, workflow jobs, job logs behind a redirect, file
// contents, the tree) for any owner/repo, keeps what is written per repository (comments, check
// runs, git objects, refs, pull requests, reruns, protection-rule answers), issues App installation
// tokens to RS256 JWTs it verifies, and can be told to rate-limit. Used by the Worker tests, the
// benches and `npm start`'s demo.
//
// Test controls (never part of GitHub's API):
//   GET  /_standin/requests[?repo=o/r]   every write (and App token request) received
//   GET  /_standin/state?repo=o/r        what a repository holds now
//   POST /_standin/seed                  { repo, defaultBranch?, pulls?: {n: {head:{ref,sha,repo?}, state?}}, runs?: {id: {run_attempt,status}} }
//   POST /_standin/rate-limit            { path, times, retryAfter? | resetInSeconds? }  next `times` matching requests answer 403
//   POST /_standin/apps                  { appId, publicKey, tokenTtlSeconds? }  register an App's public key (PEM)
//   POST /_standin/reset
import { createHash, createVerify, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize } from "node:path";

export async function startGithubStandin({ dataDir, port = 0, host = "127.0.0.1", apps = {}, oauthApps = {}, oauthLogin = "octocat" }) {
  const requests = [];
  const repos = new Map();
  const registeredApps = new Map(Object.entries(apps).map(([id, publicKey]) => [String(id), { publicKey, tokenTtlSeconds: 3600 }]));
  const tokens = new Map(); // installation token → { installationId, expiresAt }
  const rateLimits = [];
  const oauthCodes = new Map(); // code → client_id
  const oauthTokens = new Set();
  let nextId = 1000;
  const repoState = (fullName) => {
    if (!repos.has(fullName)) {
      repos.set(fullName, { defaultBranch: "main", pulls: {}, runs: {}, comments: [], checkRuns: [], objects: {}, refs: {}, createdPulls: [], reruns: [], protectionAnswers: [] });
    }
    return repos.get(fullName);
  };
  const read = (...parts) => {
    const file = normalize(join(dataDir, ...parts));
    return file.startsWith(normalize(dataDir)) && existsSync(file) ? readFileSync(file) : null;
  };
  const sha = (...parts) => createHash("sha1").update(parts.join("\0")).digest("hex");

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${host}`);
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? safeJson(text) : undefined;
    const json = (status, value, headers = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999", ...headers });
      res.end(value === undefined ? "" : JSON.stringify(value));
    };
    const path = url.pathname;
    const repoMatch = /^\/repos\/([^/]+)\/([^/]+)/.exec(path);
    const fullName = repoMatch ? `${repoMatch[1]}/${repoMatch[2]}` : null;
    const auth = req.headers.authorization ?? null;
    if (!path.startsWith("/_")) {
      if (req.method !== "GET" || path.startsWith("/app/")) requests.push({ method: req.method, path, repo: fullName, body, auth: auth ? auth.replace(/^(\S+ .{8}).*$/, "$1…") : null });
    }
    let m;

    // ---- test controls
    if (path === "/_standin/requests") return json(200, requests.filter((r) => !url.searchParams.get("repo") || r.repo === url.searchParams.get("repo")));
    if (path === "/_standin/state") return json(200, repoState(url.searchParams.get("repo") ?? ""));
    if (path === "/_standin/reset" && req.method === "POST") return requests.splice(0), repos.clear(), tokens.clear(), rateLimits.splice(0), json(200, { ok: true });
    if (path === "/_standin/seed" && req.method === "POST") {
      const state = repoState(body.repo);
      if (body.defaultBranch) state.defaultBranch = body.defaultBranch;
      Object.assign(state.pulls, body.pulls ?? {});
      Object.assign(state.runs, body.runs ?? {});
      return json(200, { ok: true });
    }
    if (path === "/_standin/rate-limit" && req.method === "POST") return rateLimits.push({ ...body }), json(200, { ok: true });
    if (path === "/_standin/apps" && req.method === "POST") return registeredApps.set(String(body.appId), { publicKey: body.publicKey, tokenTtlSeconds: body.tokenTtlSeconds ?? 3600 }), json(200, { ok: true });

    // ---- rate limiting, as GitHub does it: 403 with retry-after, or with an exhausted quota and its reset time
    const limit = rateLimits.find((l) => l.times > 0 && path.startsWith(l.path));
    if (limit) {
      limit.times -= 1;
      const headers = limit.retryAfter !== undefined
        ? { "retry-after": String(limit.retryAfter) }
        : { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + (limit.resetInSeconds ?? 1)) };
      return json(403, { message: "API rate limit exceeded", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" }, headers);
    }

    // ---- OAuth web flow (the dashboard's sign-in): the user "approves" at once
    if (path === "/login/oauth/authorize" && req.method === "GET") {
      const clientId = url.searchParams.get("client_id");
      const redirect = url.searchParams.get("redirect_uri");
      if (!oauthApps[clientId] || !redirect) return json(404, { message: "Not Found" });
      const code = randomBytes(10).toString("hex");
      oauthCodes.set(code, clientId);
      const back = new URL(redirect);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (path === "/login/oauth/access_token" && req.method === "POST") {
      const form = typeof body === "object" ? body : Object.fromEntries(new URLSearchParams(text));
      if (oauthApps[form.client_id] !== form.client_secret) return json(200, { error: "incorrect_client_credentials", error_description: "The client_id and/or client_secret passed are incorrect." });
      if (oauthCodes.get(form.code) !== form.client_id) return json(200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
      oauthCodes.delete(form.code);
      const token = `gho_${randomBytes(16).toString("hex")}`;
      oauthTokens.add(token);
      return json(200, { access_token: token, token_type: "bearer", scope: "read:user" });
    }
    if (path === "/user" && req.method === "GET") {
      if (!oauthTokens.has(auth?.replace(/^(Bearer|token) /i, "") ?? "")) return json(401, { message: "Requires authentication" });
      return json(200, { login: oauthLogin, id: 583231, type: "User" });
    }

    // ---- App authentication
    if ((m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path)) && req.method === "POST") {
      const claims = verifyJwt(auth?.replace(/^Bearer /, "") ?? "", registeredApps);
      if (typeof claims === "string") return json(401, { message: `A JSON web token could not be decoded: ${claims}`, documentation_url: "https://docs.github.com/rest" });
      const app = registeredApps.get(String(claims.iss));
      const token = `ghs_${randomBytes(18).toString("hex")}`;
      const expiresAt = new Date(Date.now() + app.tokenTtlSeconds * 1000);
      tokens.set(token, { installationId: Number(m[1]), expiresAt: expiresAt.getTime() });
      return json(201, { token, expires_at: expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"), permissions: { contents: "write", pull_requests: "write", checks: "write", actions: "write" }, repository_selection: "all" });
    }
    const presented = auth?.replace(/^(token|Bearer) /i, "");
    if (presented?.startsWith("ghs_")) {
      const issued = tokens.get(presented);
      if (!issued || issued.expiresAt <= Date.now()) return json(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    }

    // ---- reads served from the example directory (any owner/repo)
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/.exec(path))) return json(200, JSON.parse(read("files.json") ?? "[]"));
    if ((m = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(path))) {
      const content = read("contents", decodeURIComponent(m[1]));
      if (!content) return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content" });
      return json(200, { type: "file", encoding: "base64", path: m[1], name: m[1].split("/").pop(), sha: sha("blob", content), size: content.length, content: content.toString("base64") });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/git\/trees\/[^/]+$/.exec(path)) && req.method === "GET") {
      const tree = JSON.parse(read("tree.json") ?? "[]").map((p) => ({ path: p, type: "blob", mode: "100644", sha: sha("path", p) }));
      return json(200, { sha: sha("tree", ...tree.map((t) => t.path)), tree, truncated: false });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/commits$/.exec(path))) return json(200, JSON.parse(read("commits.json") ?? "[]"));
    if ((m = /^\/repos\/[^/]+\/[^/]+\/actions\/runs$/.exec(path))) {
      // Runs are derived from the example's jobs: one run per run_id, failed if one of its jobs failed.
      const jobs = JSON.parse(read("jobs.json") ?? '{"jobs":[]}').jobs.filter((j) => !url.searchParams.get("head_sha") || j.head_sha === url.searchParams.get("head_sha"));
      const runs = [...new Set(jobs.map((j) => j.run_id))].map((id) => {
        const mine = jobs.filter((j) => j.run_id === id);
        return { id, name: "CI", head_sha: mine[0].head_sha, status: "completed", conclusion: mine.some((j) => j.conclusion === "failure") ? "failure" : "success", run_attempt: mine[0].run_attempt ?? 1, html_url: mine[0].html_url.replace(/\/job\/\d+$/, "") };
      });
      return json(200, { total_count: runs.length, workflow_runs: runs });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/jobs$/.exec(path))) {
      // The example's jobs, as jobs of whichever run is asked for.
      const listing = JSON.parse(read("jobs.json") ?? '{"total_count":0,"jobs":[]}');
      return json(200, { ...listing, jobs: listing.jobs.map((j) => ({ ...j, run_id: Number(m[1]) })) });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/actions\/jobs\/(\d+)\/logs$/.exec(path))) {
      // GitHub answers with a redirect to a short-lived blob URL; expired logs are 410 Gone.
      if (!read("logs", `${m[1]}.log`)) return json(410, { message: "Gone" });
      res.writeHead(302, { location: `http://${host}:${server.address().port}/_blob/logs/${m[1]}` });
      return res.end();
    }
    if ((m = /^\/_blob\/logs\/(\d+)$/.exec(path))) {
      const log = read("logs", `${m[1]}.log`);
      res.writeHead(log ? 200 : 404, { "content-type": "text/plain" });
      return res.end(log ?? "");
    }

    if (!fullName) return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
    const state = repoState(fullName);
    const [owner, name] = fullName.split("/");
    const rest = path.slice(`/repos/${fullName}`.length);

    // ---- repository, pull requests
    if (rest === "" && req.method === "GET") return json(200, { id: 1, name, full_name: fullName, owner: { login: owner }, default_branch: state.defaultBranch, private: false });
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && req.method === "GET") {
      const pull = state.pulls[m[1]];
      if (!pull) return json(404, { message: "Not Found" });
      return json(200, { number: Number(m[1]), state: pull.state ?? "open", head: { ref: pull.head.ref, sha: pull.head.sha, repo: { full_name: pull.head.repo ?? fullName } }, base: { ref: pull.base ?? state.defaultBranch, repo: { full_name: fullName } } });
    }
    if (rest === "/pulls" && req.method === "GET") {
      const head = url.searchParams.get("head");
      return json(200, state.createdPulls.filter((p) => !head || `${owner}:${p.head}` === head));
    }
    if (rest === "/pulls" && req.method === "POST") {
      if (!state.refs[`refs/heads/${body.head}`]) return json(422, { message: "Validation Failed", errors: [{ resource: "PullRequest", field: "head", code: "invalid" }] });
      const number = nextId++;
      const pull = { number, title: body.title, body: body.body, head: body.head, base: body.base, html_url: `https://github.com/${fullName}/pull/${number}` };
      state.createdPulls.push(pull);
      return json(201, pull);
    }

    // ---- issue comments
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      if (req.method === "GET") {
        const all = state.comments.filter((c) => c.issue === Number(m[1]));
        const perPage = Number(url.searchParams.get("per_page") ?? 30);
        const page = Number(url.searchParams.get("page") ?? 1);
        return json(200, all.slice((page - 1) * perPage, page * perPage));
      }
      const id = nextId++;
      const comment = { id, issue: Number(m[1]), body: body?.body, html_url: `https://github.com/${fullName}/pull/${m[1]}#issuecomment-${id}` };
      state.comments.push(comment);
      return json(201, comment);
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && req.method === "PATCH") {
      const comment = state.comments.find((c) => c.id === Number(m[1]));
      if (!comment) return json(404, { message: "Not Found" });
      comment.body = body?.body;
      return json(200, comment);
    }

    // ---- check runs (annotations accumulate across requests, as on GitHub)
    if (rest === "/check-runs" && req.method === "POST") {
      if ((body.output?.annotations?.length ?? 0) > 50) return json(422, { message: "Only 50 annotations are allowed per request" });
      const id = nextId++;
      const run = { id, ...body, output: { ...body.output, annotations: undefined }, annotations: [...(body.output?.annotations ?? [])], html_url: `https://github.com/${fullName}/runs/${id}` };
      state.checkRuns.push(run);
      return json(201, run);
    }
    if ((m = /^\/check-runs\/(\d+)$/.exec(rest)) && req.method === "PATCH") {
      const run = state.checkRuns.find((r) => r.id === Number(m[1]));
      if (!run) return json(404, { message: "Not Found" });
      if ((body.output?.annotations?.length ?? 0) > 50) return json(422, { message: "Only 50 annotations are allowed per request" });
      const { output, ...fields } = body;
      Object.assign(run, fields);
      if (output) {
        run.annotations.push(...(output.annotations ?? []));
        run.output = { ...output, annotations: undefined };
      }
      return json(200, run);
    }
    if ((m = /^\/commits\/([0-9a-f]{7,40})$/.exec(rest)) && req.method === "GET") {
      const commit = JSON.parse(read("commits.json") ?? "[]").find((c) => c.sha.startsWith(m[1]));
      return commit ? json(200, commit) : json(422, { message: `No commit found for SHA: ${m[1]}` });
    }
    if ((m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest)) && req.method === "GET") {
      // Every Actions job is also a check run (same id) on GitHub; written check runs come after.
      const jobs = JSON.parse(read("jobs.json") ?? '{"jobs":[]}').jobs.map((j) => ({ id: j.id, name: j.name, head_sha: j.head_sha, status: j.status, conclusion: j.conclusion, html_url: j.html_url }));
      const runs = [...jobs, ...state.checkRuns].filter((r) => r.head_sha === m[1] && (!url.searchParams.get("check_name") || r.name === url.searchParams.get("check_name")));
      return json(200, { total_count: runs.length, check_runs: runs });
    }

    // ---- workflow runs: rerun, protection rules
    if ((m = /^\/actions\/runs\/(\d+)$/.exec(rest)) && req.method === "GET") {
      const run = (state.runs[m[1]] ??= { run_attempt: 1, status: "completed", conclusion: "failure" });
      return json(200, { id: Number(m[1]), ...run, html_url: `https://github.com/${fullName}/actions/runs/${m[1]}` });
    }
    if ((m = /^\/actions\/runs\/(\d+)\/rerun-failed-jobs$/.exec(rest)) && req.method === "POST") {
      const run = (state.runs[m[1]] ??= { run_attempt: 1, status: "completed", conclusion: "failure" });
      if (run.status !== "completed") return json(403, { message: "This workflow is already running" });
      run.run_attempt += 1;
      run.status = "queued";
      state.reruns.push(Number(m[1]));
      return json(201, {});
    }
    if ((m = /^\/actions\/runs\/(\d+)\/deployment_protection_rule$/.exec(rest)) && req.method === "POST") {
      if (state.protectionAnswers.some((a) => a.runId === Number(m[1]) && a.environment_name === body.environment_name)) return json(422, { message: "This deployment protection rule has already been answered" });
      state.protectionAnswers.push({ runId: Number(m[1]), ...body });
      return json(204);
    }

    // ---- git data: blobs, trees, commits, refs (a ref is created once; it is never moved here)
    if ((m = /^\/git\/commits\/([0-9a-f]{7,40})$/.exec(rest)) && req.method === "GET") {
      const known = state.objects[m[1]];
      return json(200, known?.type === "commit" ? known : { sha: m[1], tree: { sha: sha("tree-of", m[1]) }, parents: [], message: "example head commit" });
    }
    if (rest === "/git/blobs" && req.method === "POST") {
      const blob = { type: "blob", sha: sha("blob", body.content), content: body.content, encoding: body.encoding };
      state.objects[blob.sha] = blob;
      return json(201, { sha: blob.sha, url: `${url.origin}${path}/${blob.sha}` });
    }
    if (rest === "/git/trees" && req.method === "POST") {
      if (body.tree.some((entry) => entry.sha && !state.objects[entry.sha])) return json(422, { message: "Invalid tree info" });
      const tree = { type: "tree", sha: sha("tree", body.base_tree, JSON.stringify(body.tree)), base_tree: body.base_tree, tree: body.tree };
      state.objects[tree.sha] = tree;
      return json(201, { sha: tree.sha, tree: body.tree });
    }
    if (rest === "/git/commits" && req.method === "POST") {
      if (!state.objects[body.tree]) return json(422, { message: "Tree SHA does not exist" });
      const commit = { type: "commit", sha: sha("commit", body.tree, body.message, ...body.parents), tree: { sha: body.tree }, parents: body.parents.map((p) => ({ sha: p })), message: body.message };
      state.objects[commit.sha] = commit;
      return json(201, commit);
    }
    if (rest === "/git/refs" && req.method === "POST") {
      if (state.refs[body.ref]) return json(422, { message: "Reference already exists" });
      if (!state.objects[body.sha]) return json(422, { message: "Object does not exist" });
      state.refs[body.ref] = body.sha;
      return json(201, { ref: body.ref, object: { sha: body.sha, type: "commit" } });
    }
    return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address();
  return { url: `http://${host}:${actual}`, requests, close: () => new Promise((r) => server.close(r)) };
}

/** The JWT's claims if it is an RS256 token signed by a registered App and valid now; otherwise why not. */
function verifyJwt(jwt, registeredApps) {
  const [header, payload, signature] = jwt.split(".");
  if (!header || !payload || !signature) return "not a JWT";
  let claims;
  try {
    if (JSON.parse(Buffer.from(header, "base64url").toString()).alg !== "RS256") return "alg must be RS256";
    claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  } catch {
    return "malformed";
  }
  const app = registeredApps.get(String(claims.iss));
  if (!app) return `unknown App id ${claims.iss}`;
  const valid = createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(app.publicKey, Buffer.from(signature, "base64url"));
  if (!valid) return "signature does not verify";
  const now = Math.floor(Date.now() / 1000);
  if (!(claims.iat <= now + 60) || !(claims.exp > now) || claims.exp - claims.iat > 660) return "'Expiration time' claim ('exp') is too far in the future, or the token expired";
  return claims;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// `node test/github-server/server.mjs --port 8790 --data examples/failing-ci/github`
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
  const standin = await startGithubStandin({ dataDir: arg("--data", "examples/failing-ci/github"), port: Number(arg("--port", "8790")) });
  console.log(`fixforward: local GitHub stand-in on ${standin.url} (serving ${arg("--data", "examples/failing-ci/github")})`);
}
