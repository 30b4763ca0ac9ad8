import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { derivePatch, openAiCompatibleModel } from ".";

// A local server speaking OpenAI's chat-completions shape: it answers what each test sets, and records the request.
let server: Server;
let baseUrl: string;
let reply: { status: number; content: string } = { status: 200, content: "" };
const seen: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.url !== "/v1/chat/completions" || req.method !== "POST") return res.writeHead(404).end();
    seen.push({ auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString()) });
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(reply.status === 200 ? JSON.stringify({ id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }] }) : JSON.stringify({ error: { message: "overloaded" } }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

const ops = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n";
const files: Record<string, string> = { "calc/ops.py": ops, "calc/__init__.py": "", "setup.py": "setup()\n" };
const failure = {
  flaky: false,
  readFile: async (p: string) => files[p] ?? null,
  lines: ["calc/ops.py:2: in add", "    return a - b", "E   assert -1 == 3", "FAILED tests/test_ops.py::test_add - assert -1 == 3"],
  locations: [{ file: "calc/ops.py", line: 2 }],
  summary: "test_add failed: assert -1 == 3",
};
const model = () => openAiCompatibleModel({ baseUrl, apiKey: "sk-test", model: "local-model", timeoutMs: 5_000 });
const fence = (diff: string) => `Here is the fix:\n\n\`\`\`diff\n${diff}\`\`\`\n`;

describe("patches from an OpenAI-compatible model", () => {
  it("accepts a diff that applies exactly (even with miscounted line numbers) and edits only the failing file", async () => {
    reply = { status: 200, content: fence("--- a/calc/ops.py\n+++ b/calc/ops.py\n@@ -7,2 +7,2 @@\n def add(a, b):\n-    return a - b\n+    return a + b\n") };
    const patch = await derivePatch({ ...failure, model: model() });
    expect(patch).toMatchObject({ status: "proposed", source: "llm" });
    if (patch.status !== "proposed") return;
    expect(patch.files).toEqual([{ path: "calc/ops.py", content: ops.replace("return a - b", "return a + b") }]);
    // The model was shown the excerpt and the file region, with our key and model name.
    expect(seen).toHaveLength(1);
    expect(seen[0]!.auth).toBe("Bearer sk-test");
    expect(seen[0]!.body.model).toBe("local-model");
    expect(seen[0]!.body.messages[1]!.content).toContain("E   assert -1 == 3");
    expect(seen[0]!.body.messages[1]!.content).toContain("    2|     return a - b");
  });

  it("refuses a diff whose context is ambiguous, does not match, or edits files away from the failure", async () => {
    const cases: [string, RegExp][] = [
      ["--- a/calc/ops.py\n+++ b/calc/ops.py\n@@ -9,1 +9,1 @@\n-    return a - b\n+    return a + b\n", /matches more than one place/],
      ["--- a/calc/ops.py\n+++ b/calc/ops.py\n@@ -1,2 +1,2 @@\n def add(x, y):\n-    return x - y\n+    return x + y\n", /does not match the file/],
      ["--- a/setup.py\n+++ b/setup.py\n@@ -1 +1 @@\n-setup()\n+setup(name='x')\n", /edits setup.py, which is neither in nor near the failure/],
      ["--- /dev/null\n+++ b/calc/new.py\n@@ -0,0 +1 @@\n+x = 1\n", /creates or deletes a file/],
    ];
    for (const [diff, why] of cases) {
      reply = { status: 200, content: fence(diff) };
      const patch = await derivePatch({ ...failure, model: model() });
      expect(patch.status).toBe("none");
      expect(patch.rationale).toMatch(why);
    }
    // A sibling in the same directory is "near" the failure.
    reply = { status: 200, content: fence("--- a/calc/__init__.py\n+++ b/calc/__init__.py\n@@ -1 +1 @@\n-\n+from .ops import add\n") };
    expect((await derivePatch({ ...failure, model: model() })).status).toBe("proposed");
  });

  it("says why when the model answers without a diff, fails, or is unreachable", async () => {
    reply = { status: 200, content: "I think you should add the numbers instead." };
    expect((await derivePatch({ ...failure, model: model() })).rationale).toMatch(/holds no unified diff/);
    reply = { status: 503, content: "" };
    expect((await derivePatch({ ...failure, model: model() })).rationale).toMatch(/answered 503/);
    const down = openAiCompatibleModel({ baseUrl: "http://127.0.0.1:9/v1", timeoutMs: 2_000 });
    expect((await derivePatch({ ...failure, model: down })).rationale).toMatch(/did not answer/);
  });

  it("is not asked when the compiler already suggests the fix, when the failure is flaky, or names no file", async () => {
    const tsc = { flaky: false, readFile: async () => 'const n = names.lenght;\n', lines: ["src/a.ts(1,17): error TS2551: Property 'lenght' does not exist on type 'string[]'. Did you mean 'length'?"], locations: [{ file: "src/a.ts", line: 1 }] };
    expect(await derivePatch({ ...tsc, model: model() })).toMatchObject({ status: "proposed", source: "tsc-did-you-mean" });
    expect(await derivePatch({ ...failure, flaky: true, model: model() })).toMatchObject({ status: "rerun" });
    expect(await derivePatch({ ...failure, locations: [], model: model() })).toMatchObject({ status: "none", rationale: expect.stringMatching(/names no file/) });
    expect(seen).toHaveLength(0);
  });
});
