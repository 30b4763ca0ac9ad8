// A local HTTP server that speaks the parts of GitHub's REST API fixforward uses, serving one
// example repository from a directory (PR files, workflow jobs, job logs behind a redirect, file
// contents, the tree) and recording every write. Used by the Worker tests and by `npm start`'s demo.
// Also: GET /_standin/requests lists what was written; POST /_standin/reset clears it.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize } from "node:path";

export async function startGithubStandin({ dataDir, port = 0, host = "127.0.0.1" }) {
  const requests = [];
  const comments = [];
  const checkRuns = [];
  let nextId = 1000;
  const read = (...parts) => {
    const file = normalize(join(dataDir, ...parts));
    return file.startsWith(normalize(dataDir)) && existsSync(file) ? readFileSync(file) : null;
  };
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
    if (req.method !== "GET" && !path.startsWith("/_standin")) requests.push({ method: req.method, path, body });
    let m;
    if (path === "/_standin/requests") return json(200, requests);
    if (path === "/_standin/reset" && req.method === "POST") return (requests.length = 0), (comments.length = 0), (checkRuns.length = 0), json(200, { ok: true });
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/.exec(path))) return json(200, JSON.parse(read("files.json") ?? "[]"));
    if ((m = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(path))) {
      const content = read("contents", decodeURIComponent(m[1]));
      if (!content) return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content" });
      return json(200, { type: "file", encoding: "base64", path: m[1], name: m[1].split("/").pop(), sha: "0".repeat(40), size: content.length, content: content.toString("base64") });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/git\/trees\/[^/]+$/.exec(path))) {
      const tree = JSON.parse(read("tree.json") ?? "[]").map((p) => ({ path: p, type: "blob", mode: "100644", sha: "0".repeat(40) }));
      return json(200, { sha: "0".repeat(40), tree, truncated: false });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/jobs$/.exec(path))) return json(200, JSON.parse(read("jobs.json") ?? '{"total_count":0,"jobs":[]}'));
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
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      if (req.method === "GET") return json(200, comments.filter((c) => c.issue === Number(m[3])));
      const comment = { id: nextId++, issue: Number(m[3]), body: body?.body, html_url: `https://github.com/${m[1]}/${m[2]}/pull/${m[3]}#issuecomment-${nextId}` };
      comments.push(comment);
      return json(201, comment);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path)) && req.method === "PATCH") {
      const comment = comments.find((c) => c.id === Number(m[1]));
      if (!comment) return json(404, { message: "Not Found" });
      comment.body = body?.body;
      return json(200, comment);
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(path)) && req.method === "POST") {
      const run = { id: nextId++, ...body, html_url: `https://github.com/${m[1]}/${m[2]}/runs/${nextId}` };
      checkRuns.push(run);
      return json(201, run);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path)) && req.method === "PATCH") {
      const run = checkRuns.find((r) => r.id === Number(m[1]));
      return run ? json(200, Object.assign(run, body)) : json(404, { message: "Not Found" });
    }
    if (/^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+\/rerun-failed-jobs$/.test(path) && req.method === "POST") return json(201, {});
    if (/^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+\/deployment_protection_rule$/.test(path) && req.method === "POST") return json(204);
    return json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address();
  return { url: `http://${host}:${actual}`, requests, close: () => new Promise((r) => server.close(r)) };
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
