import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { freePort } from "./scripts/free-port.mjs";

// The GitHub stand-in (test/github-server) listens on this port during the workerd tests; the Worker
// reaches it as GITHUB_API_URL; its port is chosen below because bindings are fixed when the config is read.

// Three kinds of test, told apart by file name:
//   *.test.ts          Node (pure analysis code, CLI, real Prometheus, local GitHub server)
//   *.worker.test.ts   inside workerd (real D1, Queues, Durable Objects)
//   *.browser.test.ts  real Chromium through playwright-core against `npm start`
export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  process.env.FIXFORWARD_TEST_GITHUB_PORT ??= String(await freePort());
  const githubApiUrl = `http://127.0.0.1:${process.env.FIXFORWARD_TEST_GITHUB_PORT}`;
  return {
    test: {
      projects: [
        {
          test: {
            name: "node",
            environment: "node",
            include: ["{worker,cli,test,bench,scripts,app}/**/*.test.ts"],
            exclude: ["**/*.worker.test.ts", "**/*.browser.test.ts", "**/node_modules/**"],
            testTimeout: 60_000,
          },
        },
        {
          plugins: [
            cloudflareTest({
              main: "./worker/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  GITHUB_WEBHOOK_SECRET: "test-secret",
                  GITHUB_WEBHOOK_SECRET_PREVIOUS: "previous-secret",
                  QUEUE_RETRY_BASE_SECONDS: "0",
                  FAULT_INJECT_DELIVERY_PREFIX: "fault-",
                  FAULT_INJECT_RANDOM_PREFIX: "chaos-",
                  FAULT_INJECT_RANDOM_RATE: "0.1",
                  // Pinned so a developer's .dev.vars (read by wrangler) never changes what tests see.
                  LOCAL_MODE: "true",
                  // Actions are sent, to the GitHub stand-in below (the executor's own tests cover dry-run).
                  GITHUB_TOKEN: "ghp_fixforward-test",
                  GITHUB_API_URL: githubApiUrl,
                  GITHUB_APP_ID: "",
                  GITHUB_APP_PRIVATE_KEY: "",
                  PROMETHEUS_URL: "",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["{worker,test}/**/*.worker.test.ts"],
            setupFiles: ["./test/worker/apply-migrations.ts"],
            globalSetup: ["./test/github-server/global-setup.ts"],
            provide: { githubApiUrl },
            testTimeout: 60_000,
          },
        },
        {
          test: {
            name: "browser",
            environment: "node",
            include: ["{app,test}/**/*.browser.test.ts"],
            testTimeout: 120_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
