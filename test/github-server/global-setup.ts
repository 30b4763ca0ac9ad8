// Vitest globalSetup for the workerd tests: the GitHub stand-in on the port vitest.config.ts chose
// (and gave the Worker as GITHUB_API_URL), serving the bundled failing-CI example. It also registers
// a test GitHub App whose private key is generated here, by Node, in GitHub's own PKCS#1 format.
import { generateKeyPairSync } from "node:crypto";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM module shared with `npm start`
import { startGithubStandin } from "./server.mjs";

export const TEST_APP_ID = "424242";

export default async function setup(project: TestProject) {
  const port = Number(process.env.FIXFORWARD_TEST_GITHUB_PORT);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const standin = await startGithubStandin({ dataDir: "examples/failing-ci/github", port, apps: { [TEST_APP_ID]: publicKey } });
  project.provide("githubApp", { appId: TEST_APP_ID, privateKeyPkcs1: privateKey, publicKey });
  return async () => standin.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    githubApiUrl: string;
    githubApp: { appId: string; privateKeyPkcs1: string; publicKey: string };
  }
}
