// Vitest globalSetup for the workerd tests: the GitHub stand-in on the port vitest.config.ts chose
// (and gave the Worker as GITHUB_API_URL), serving the bundled failing-CI example.
// @ts-expect-error plain ESM module shared with `npm start`
import { startGithubStandin } from "./server.mjs";

export default async function setup() {
  const port = Number(process.env.FIXFORWARD_TEST_GITHUB_PORT);
  const standin = await startGithubStandin({ dataDir: "examples/failing-ci/github", port });
  return async () => standin.close();
}
