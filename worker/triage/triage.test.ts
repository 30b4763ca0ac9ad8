import { describe, expect, it } from "vitest";
import { createTriage, triageLog } from ".";

// Small logs written for each tool family (not copies of the development set).
const gha = (lines: string[]) => lines.map((l, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, "0")}.1234567Z ${l}`).join("\n") + "\n";
const lineOf = (log: string, needle: string) => log.split("\n").findIndex((l) => l.includes(needle)) + 1;
const covered = (r: ReturnType<typeof triageLog>, n: number) => r.excerpts.some((e) => e.start <= n && n <= e.end);

describe("triage by tool family", () => {
  it("tsc: points at the compiler error in the failing step", () => {
    const log = gha(["##[group]Run npm ci", "added 200 packages", "##[endgroup]", "##[group]Run npx tsc --noEmit",
      "src/app.ts(12,5): error TS2551: Property 'lenght' does not exist on type 'string[]'. Did you mean 'length'?",
      "Found 1 error in src/app.ts:12", "##[endgroup]", "##[error]Process completed with exit code 2."]);
    const r = triageLog(log);
    expect(covered(r, lineOf(log, "TS2551"))).toBe(true);
    expect(r.category).toBe("build");
    expect(r.failingStep).toBe("npx tsc --noEmit");
    expect(r.locations[0]).toEqual({ file: "src/app.ts", line: 12, column: 5 });
    expect(r.summary).toMatch(/Build failed in step “npx tsc --noEmit”: src\/app\.ts\(12,5\): error TS2551/);
  });

  it("mix / ExUnit: an Elixir exception with its section header and first frame", () => {
    const log = ["==> app (compile)", "Compiling 12 files (.ex)", "", "== Compilation error in file lib/app/cart.ex ==",
      "** (CompileError) lib/app/cart.ex:14: undefined function totl/1 (expected App.Cart to define such a function)",
      "    (elixir 1.15.7) lib/kernel/parallel_compiler.ex:347: anonymous fn/5 in Kernel.ParallelCompiler.spawn_workers/8",
      "make: *** [test] Error 1", 'The command "mix test" exited with 2.'].join("\n") + "\n";
    const r = triageLog(log);
    expect(r.excerpts).toEqual([{ start: 4, end: 6 }]);
    expect(r.category).toBe("build");
    expect(r.locations[0]).toEqual({ file: "lib/app/cart.ex", line: 14 });
  });

  it("a log cut short without an exit marker: a shell error on its last lines still counts", () => {
    const log = ["Downloading toolchain.tgz", "", "saved [63294462/63294462]", "", "./ci/install.sh: line 40: cd: ./vendor/tools: No such file or directory"].join("\n") + "\n";
    const r = triageLog(log);
    expect(r.excerpts).toEqual([{ start: 5, end: 5 }]);
    expect(r.summary).toMatch(/No such file or directory/);
  });

  it("mocha: a passing suite named like an error is not one; the failing test is", () => {
    const log = ["  handleAPIError", "    ✓ returns handled error data (4ms)", "  isHandledError", "    ✓ returns a boolean", "", "  40 passing (1s)", "  1 failing", "",
      "  1) cart", "       adds items:", "     Error: expected 2 to equal 3", "      at Context.<anonymous> (test/cart.test.js:12:5)", "", 'The command "npm test" exited with 1.'].join("\n") + "\n";
    const r = triageLog(log);
    expect(r.excerpts[0]!.start).toBeGreaterThan(lineOf(log, "returns a boolean"));
    expect(covered(r, lineOf(log, "Error: expected 2 to equal 3"))).toBe(true);
    expect(covered(r, lineOf(log, "isHandledError"))).toBe(false);
  });

  it("YAML: starts at the parser's message about the file", () => {
    const log = ["$ ruby scripts/check_front_matter.rb", "(./docs/guide.md): mapping values are not allowed in this context at line 3 column 8",
      "FAILURE! 1 file could not be parsed", 'The command "rake test" exited with 1.'].join("\n") + "\n";
    const r = triageLog(log);
    expect(r.excerpts[0]!.start).toBe(2);
    expect(r.category).toBe("configuration");
  });

  it("Erlang/BEAM: a runtime crash in a log cut short, above make's cascade", () => {
    const log = ["make[2]: Entering directory 'app/emulator'", " GEN\tversion.mk",
      "System process <0.0.0> terminated: {{badmatch,{error,enoent}},[{app_boot,start,0,[]}]}", "", "Crash dump is being written to: erl_crash.dump...done",
      "make[2]: *** [obj/opt/boot] Error 1", "make[1]: *** [opt] Error 2", "make: *** [emulator] Error 2", "*** Failed ***"].join("\n") + "\n";
    const r = triageLog(log);
    expect(covered(r, 3)).toBe(true);
    expect(covered(r, 8)).toBe(false);
  });

  it("Pester: a failed test with its expected/actual and stack", () => {
    const log = ["Describing Cart", "    [+] adds items 11ms (5ms|6ms)", "    [-] totals the cart -> Expected and actual values differ!",
      "Expected: 3", "Actual  : 2", "at Verify-Equal, /build/src/Verify-Equal.ps1:16", "at <ScriptBlock>, /build/tests/Cart.Tests.ps1:12",
      "Tests Passed: 1, Failed: 1, Skipped: 0", 'The command "pwsh ./build.ps1" exited with 1.'].join("\n") + "\n";
    const r = triageLog(log);
    expect(r.excerpts[0]!.start).toBe(3);
    expect(covered(r, 5)).toBe(true);
    expect(r.category).toBe("test");
  });

  it("eslint (unix format) with prettier: file:line message (rule), before later unrelated errors", () => {
    const log = ["$ npm run lint", "src/registry.js:635 Replace `a·&&·b` with `⏎··a·&&·b` (prettier/prettier)", "src/registry.js:636 Insert `;` (prettier/prettier)",
      'The command "npm run lint" exited with 1.', "$ ./upload-artifacts.sh", "ERROR: failed to upload: out/app.tar.gz", 'The command "./upload-artifacts.sh" exited with 1.'].join("\n") + "\n";
    const r = triageLog(log);
    expect(r.excerpts[0]).toEqual({ start: 2, end: 3 });
    expect(r.category).toBe("lint");
  });

  it("rustc: keeps the error with its location and help", () => {
    const log = ["$ cargo build", "   Compiling demo v0.1.0", "error[E0425]: cannot find value `conut` in this scope", " --> src/main.rs:4:20",
      "  |", "4 |     println!(\"{}\", conut);", "  |                    ^^^^^ help: a local variable with a similar name exists: `count`",
      "error: could not compile `demo` due to previous error", "The command \"cargo build\" exited with 101."].join("\n");
    const r = triageLog(log);
    expect(covered(r, 3)).toBe(true);
    expect(r.locations).toContainEqual({ file: "src/main.rs", line: 4, column: 20 });
    expect(r.category).toBe("build");
  });

  it("jest: finds the failing test and its assertion", () => {
    const log = gha(["##[group]Run npm test", "PASS src/a.test.ts", "FAIL src/sum.test.ts", "  ● sum › adds numbers", "",
      "    expect(received).toBe(expected) // Object.is equality", "", "    Expected: 3", "    Received: 4", "",
      "      at Object.<anonymous> (src/sum.test.ts:5:17)", "", "Tests:       1 failed, 3 passed, 4 total", "##[error]Process completed with exit code 1."]);
    const r = triageLog(log);
    expect(covered(r, lineOf(log, "● sum › adds numbers"))).toBe(true);
    expect(r.category).toBe("test");
    expect(r.failingTests).toContain("sum › adds numbers");
  });

  it("pytest: short test summary and the E lines", () => {
    const log = ["$ pytest", "tests/test_calc.py .F.", "=================================== FAILURES ===================================",
      "_________________________________ test_divide __________________________________", "    def test_divide():",
      ">       assert divide(1, 0) == 0", "E       ZeroDivisionError: division by zero", "", "calc.py:3: ZeroDivisionError",
      "=========================== short test summary info ============================", "FAILED tests/test_calc.py::test_divide - ZeroDivisionError",
      "The command \"pytest\" exited with 1."].join("\n");
    const r = triageLog(log);
    expect(covered(r, 7)).toBe(true);
    expect(r.category).toBe("test");
    expect(r.failingTests).toContain("tests/test_calc.py::test_divide");
  });

  it("go test: --- FAIL with file:line", () => {
    const log = ["$ go test ./...", "ok  \texample.com/a\t0.01s", "--- FAIL: TestParse (0.00s)", "    parse_test.go:14: got 3, want 4", "FAIL",
      "FAIL\texample.com/parse\t0.02s", "The command \"go test ./...\" exited with 1."].join("\n");
    const r = triageLog(log);
    expect(covered(r, 3)).toBe(true);
    expect(r.failingTests).toContain("TestParse");
    expect(r.category).toBe("test");
  });

  it("eslint and flake8: lint category with locations", () => {
    const eslint = gha(["##[group]Run npx eslint .", "/home/runner/work/app/app/src/x.js", "  3:7  error  'unused' is assigned a value but never used  no-unused-vars",
      "", "✖ 1 problem (1 error, 0 warnings)", "##[error]Process completed with exit code 1."]);
    expect(triageLog(eslint).category).toBe("lint");
    const flake8 = ["$ flake8", "app/models.py:10:80: E501 line too long (88 > 79 characters)", "The command \"flake8\" exited with 1."].join("\n");
    const r = triageLog(flake8);
    expect(r.category).toBe("lint");
    expect(r.locations[0]).toMatchObject({ file: "app/models.py", line: 10 });
  });

  it("npm dependency resolution", () => {
    const log = gha(["##[group]Run npm ci", "npm ERR! code ERESOLVE", "npm ERR! ERESOLVE unable to resolve dependency tree", "npm ERR! Could not resolve dependency:",
      "npm ERR! peer react@\"^17\" from react-dom@17.0.2", "##[error]Process completed with exit code 1."]);
    const r = triageLog(log);
    expect(r.category).toBe("dependency");
    expect(covered(r, lineOf(log, "code ERESOLVE"))).toBe(true);
  });

  it("maven: a plugin that cannot be resolved, not the warnings about mirrors before it", () => {
    const log = ["[INFO] Scanning for projects...",
      "[WARNING] Could not transfer metadata org.acme:acme-maven-plugin:2.0-SNAPSHOT/maven-metadata.xml from/to snapshots (https://repo.acme.org/snapshots): Connection timed out",
      "[WARNING] Failed to retrieve plugin descriptor for org.acme:acme-maven-plugin:2.0-SNAPSHOT: Plugin org.acme:acme-maven-plugin:2.0-SNAPSHOT or one of its dependencies could not be resolved",
      "[INFO] Building shop 1.0", "[INFO] BUILD FAILURE", "[INFO] Total time:  2.1 s",
      "[ERROR] Plugin org.acme:acme-maven-plugin:2.0-SNAPSHOT or one of its dependencies could not be resolved: Failed to read artifact descriptor for org.acme:acme-maven-plugin:jar:2.0-SNAPSHOT",
      "[ERROR] -> [Help 1]", "Build step 'Execute shell' marked build as failure", "Finished: FAILURE"].join("\n");
    const r = triageLog(log);
    expect(covered(r, 7)).toBe(true);
    for (const n of [2, 3]) expect(covered(r, n)).toBe(false);
    expect(r.category).toBe("dependency");
  });

  it("surefire: an exception logged by a test class that passed is not the failure; the failing class is", () => {
    const log = ["[INFO] --- maven-surefire-plugin:2.22.2:test (default-test) @ shop ---",
      "[INFO] Running shop.RetryTest", "java.lang.IllegalStateException: simulated outage", "\tat shop.Retry.call(Retry.java:31)", "\tat shop.RetryTest.retriesOnce(RetryTest.java:18)",
      "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.2 s - in shop.RetryTest",
      "[INFO] Running shop.CartTest",
      "[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 s <<< FAILURE! - in shop.CartTest",
      "[ERROR] appliesDiscount(shop.CartTest)  Time elapsed: 0.01 s  <<< FAILURE!", "org.opentest4j.AssertionFailedError: expected: <90> but was: <100>",
      "\tat shop.CartTest.appliesDiscount(CartTest.java:21)", "[INFO] BUILD FAILURE", "Build step 'Execute shell' marked build as failure"].join("\n");
    const r = triageLog(log);
    for (const n of [3, 4]) expect(covered(r, n)).toBe(false);
    for (const n of [9, 10]) expect(covered(r, n)).toBe(true);
    expect(r.category).toBe("test");
  });

  it("infrastructure: out of disk, even in a build step", () => {
    const log = ["$ make", "cc -c a.c", "fatal error: error writing to /tmp/ccX.s: No space left on device", "make: *** [a.o] Error 1",
      "The command \"make\" exited with 2."].join("\n");
    const r = triageLog(log);
    expect(r.category).toBe("infrastructure");
    expect(covered(r, 3)).toBe(true);
  });

  it("configuration: a missing secret", () => {
    const log = gha(["##[group]Run ./deploy.sh", "Error: environment variable DEPLOY_TOKEN is not set", "##[error]Process completed with exit code 1."]);
    expect(triageLog(log).category).toBe("configuration");
  });

  it("PHPUnit: a numbered failure keeps its message, diff and the frames after the blank line", () => {
    const log = ["$ vendor/bin/phpunit", "Time: 1.2 seconds, Memory: 12.00MB", "", "There was 1 failure:", "",
      "1) CartTest::test_total", "Failed asserting that two integers are equal.", "--- Expected", "+++ Actual", "@@ @@", "-12", "+11", "",
      "/home/ci/app/tests/CartTest.php:41", "", "FAILURES!", "Tests: 40, Assertions: 90, Failures: 1.",
      'The command "vendor/bin/phpunit" exited with 1.'].join("\n");
    const r = triageLog(log);
    for (const n of [6, 7, 12, 14]) expect(covered(r, n)).toBe(true);
    expect(covered(r, 16)).toBe(false);
    expect(r.category).toBe("test");
  });

  it("mocha: every failure of the list, across blank lines, and none of the passing tests", () => {
    const log = ["$ npm test", "  ✓ adds (2ms)", "", "  1 passing (20ms)", "  2 failing", "",
      "  1) cart", "       totals:", "     AssertionError: expected 11 to equal 12", "      at Context.<anonymous> (test/cart.js:9:20)", "",
      "  2) cart", "       discounts:", "     AssertionError: expected 0 to equal 5", "      at Context.<anonymous> (test/cart.js:19:20)", "",
      "npm ERR! Test failed.  See above for more details.", 'The command "npm test" exited with 1.'].join("\n");
    const r = triageLog(log);
    for (const n of [7, 9, 10, 12, 14, 15]) expect(covered(r, n)).toBe(true);
    expect(covered(r, 2)).toBe(false);
    expect(r.failingTests.length).toBeGreaterThan(0);
  });

  it("maven: the compiler error and the closing 'Failed to execute goal' summary that names the plugin", () => {
    const log = ["[INFO] --- maven-compiler-plugin:3.8.1:compile (default-compile) @ shop ---", "[ERROR] COMPILATION ERROR : ",
      "[ERROR] /ci/shop/src/main/java/shop/Cart.java:[14,9] cannot find symbol", "  symbol:   method totl()", "[INFO] 1 error",
      "[INFO] BUILD FAILURE", "[INFO] Total time:  4.4 s",
      "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project shop: Compilation failure",
      "[ERROR] /ci/shop/src/main/java/shop/Cart.java:[14,9] cannot find symbol", "[ERROR] -> [Help 1]", "Build step 'Execute shell' marked build as failure",
      "Finished: FAILURE"].join("\n");
    const r = triageLog(log);
    for (const n of [3, 4, 8, 9]) expect(covered(r, n)).toBe(true);
    expect(covered(r, 7)).toBe(false);
    expect(r.locations[0]).toMatchObject({ file: "/ci/shop/src/main/java/shop/Cart.java", line: 14 });
  });

  it("gradle: a failed test's header with its exception; with nothing error-shaped, what Gradle says went wrong", () => {
    const tests = gha(["##[group]Run ./gradlew test", "> Task :app:test", "", "CartTest > appliesDiscount() FAILED",
      "    org.opentest4j.AssertionFailedError at CartTest.java:21", "", "12 tests completed, 1 failed", "",
      "FAILURE: Build failed with an exception.", "* What went wrong:", "Execution failed for task ':app:test'.", "> There were failing tests.",
      "BUILD FAILED in 9s", "##[error]Process completed with exit code 1."]);
    const t = triageLog(tests);
    for (const n of [4, 5]) expect(covered(t, n)).toBe(true);
    expect(covered(t, 11)).toBe(false);
    expect(t.failingTests).toEqual(["CartTest > appliesDiscount()"]);
    const lint = gha(["##[group]Run ./gradlew check", "> Task :app:compileJava", "> Task :app:checkstyleMain FAILED", "",
      "FAILURE: Build failed with an exception.", "", "* What went wrong:", "> Task :app:jar", "Execution failed for task ':app:checkstyleMain'.",
      "> Checkstyle rule violations were found. See the report at: file:///w/app/build/reports/checkstyle/main.html", "", "* Try:",
      "> Run with --stacktrace option to get the stack trace.", "BUILD FAILED in 4s", "##[error]Process completed with exit code 1."]);
    const l = triageLog(lint);
    expect(l.excerpts).toEqual([{ start: 9, end: 10 }]);
    expect(l.category).toBe("lint");
  });

  it("reads `gh run view --log` output: job and step names before each line's timestamp", () => {
    const log = ["build\tRun npx tsc\t2024-05-01T10:00:00.1000000Z ##[group]Run npx tsc --noEmit",
      "build\tRun npx tsc\t2024-05-01T10:00:01.1000000Z src/app.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "build\tRun npx tsc\t2024-05-01T10:00:01.2000000Z ##[error]Process completed with exit code 2."].join("\n");
    const r = triageLog(log);
    expect(r.excerpts).toEqual([{ start: 2, end: 2 }]);
    expect(r.failingStep).toBe("npx tsc --noEmit");
  });

  it("a tool that prints no error shape: the last thing it said before failing, with its command", () => {
    const log = ["$ ./check.sh", "checking 12 files", "Please commit all generated changes", "The command \"./check.sh\" exited with 1."].join("\n");
    expect(triageLog(log).excerpts).toEqual([{ start: 1, end: 3 }]);
    const long = ["$ ./build.sh", ...Array.from({ length: 20 }, (_, i) => `step ${i} done`), "", "built 20 steps", "Please commit all generated changes",
      "The command \"./build.sh\" exited with 1."].join("\n");
    expect(triageLog(long).excerpts).toEqual([{ start: 23, end: 24 }]);
  });

  it("prettier --check: the unformatted file and the message, not npm's epilogue", () => {
    const log = ["$ npm run lint:css", "Checking formatting...", "src/layout.css", "Code style issues found in the above file(s). Forgot to run Prettier?",
      "npm ERR! code ELIFECYCLE", "npm ERR! errno 1", "npm ERR! app@1.0.0 lint:css: `prettier --check \"**/*.css\"`", "npm ERR! Exit status 1",
      "npm ERR! A complete log of this run can be found in:", "npm ERR!     /home/ci/.npm/_logs/2024-05-01T10_00_00_000Z-debug.log",
      'The command "npm run lint:css" exited with 1.'].join("\n");
    const r = triageLog(log);
    expect(r.excerpts).toEqual([{ start: 3, end: 4 }]);
    expect(r.category).toBe("lint");
  });

  it("a multi-line command echoed in Travis's exit line is not the tool's output", () => {
    const log = ["$ ./ci.sh", "running checks", "Please commit the regenerated lockfile", 'The command "if [ -n \"$CI\" ]; then', "  ./ci.sh", "fi", '" exited with 1.'].join("\n");
    expect(triageLog(log).excerpts).toEqual([{ start: 1, end: 3 }]);
  });

  it("weak words long before the exit did not stop the tool: the exit line says which command failed", () => {
    const log = ["$ test/run", "bash: xxx: command not found", ...Array.from({ length: 80 }, (_, i) => `(${i}/80) [EXECUTE] case ${i}`),
      "Success/Total: 79/80", 'The command "test/run" exited with 1.'].join("\n");
    expect(triageLog(log).excerpts).toEqual([{ start: 84, end: 84 }]);
  });

  it("prefers the first root error over the cascade after it", () => {
    const log = ["$ make test", "src/a.c:3:10: error: 'x' undeclared (first use in this function)", "make: *** [a.o] Error 1",
      "The command \"make test\" exited with 2.", "$ make docs", "Error: docs depend on the build", "The command \"make docs\" exited with 2."].join("\n");
    const r = triageLog(log);
    expect(covered(r, 2)).toBe(true);
    expect(covered(r, 6)).toBe(false);
  });
});

describe("log structure", () => {
  it("strips ANSI colours and keeps the last state of \\r progress lines", () => {
    const log = "$ npm test\nDownloading 10%\rDownloading 100%\n\x1b[31mError: boom\x1b[0m\nThe command \"npm test\" exited with 1.\n";
    const r = triageLog(log);
    expect(r.lines).toEqual([{ n: 3, text: "Error: boom" }]);
    // A long progress line (here 20,000 characters) ends in its last state, which is what counts.
    const progress = Array.from({ length: 2_000 }, (_, i) => `Progress ${i}`).join("\r") + "\rError: checksum mismatch for app.tar\r   \r";
    const long = triageLog(`$ ./fetch.sh\n${progress}\nThe command "./fetch.sh" exited with 1.\n`);
    expect(long.lines).toEqual([{ n: 2, text: "Error: checksum mismatch for app.tar" }]);
  });

  it("gives the same result for any chunking, including a UTF-8 character split across chunks", () => {
    const log = "$ run\nnoise ✓ ok\nError: ünïcödé failure 🙂\n    at f (a.js:1:2)\nThe command \"run\" exited with 1.\n";
    const whole = triageLog(log);
    const bytes = new TextEncoder().encode(log);
    for (const size of [1, 2, 3, 5, 7]) {
      const t = createTriage();
      for (let i = 0; i < bytes.length; i += size) t.push(bytes.slice(i, i + size));
      const { stats: _s, ...chunked } = t.finish();
      const { stats: _w, ...expected } = whole;
      expect(chunked).toEqual(expected);
    }
  });

  it("keeps raw line numbers when the history is trimmed between chunks (a long log in small chunks)", () => {
    const noise = Array.from({ length: 4_500 }, (_, i) => `step ${i}: compiling module_${i}.c`);
    const log = ["$ make", ...noise, "src/app.c:12:5: error: 'count' undeclared", "make: *** [app] Error 1", 'The command "make" exited with 2.', ...noise.slice(0, 1_500), 'The command "make test" exited with 1.', ""].join("\n");
    const { stats: _w, ...whole } = triageLog(log);
    expect(whole.lines).toContainEqual({ n: 4_502, text: "src/app.c:12:5: error: 'count' undeclared" });
    for (const size of [1_000, 4_096, 65_536]) {
      const t = createTriage();
      for (let i = 0; i < log.length; i += size) t.push(log.slice(i, i + size));
      const { stats: _s, ...chunked } = t.finish();
      expect(chunked).toEqual(whole);
    }
  });

  it("reads latin1 text (one char per byte) and decodes only the lines it shows", () => {
    const log = "$ run\nnoise ✓ ok\nError: ünïcödé failure 🙂\n    at f (a.js:1:2)\nThe command \"run\" exited with 1.\n";
    const { stats: _w, ...expected } = triageLog(log);
    const binary = Buffer.from(log, "utf8").toString("latin1");
    const t = createTriage({ decodeBinaryLine: (line) => Buffer.from(line, "latin1").toString("utf8") });
    t.push(binary);
    const { stats: _s, ...result } = t.finish();
    expect(result).toEqual(expected);
    expect(result.summary).toContain("ünïcödé failure 🙂");
  });

  it("says so when nothing failed", () => {
    const r = triageLog("$ true\nall good\n");
    expect(r.excerpts).toEqual([]);
    expect(r.category).toBe("unknown");
    expect(r.summary).toMatch(/No failure found/);
  });

  it("handles a very long line without a newline", () => {
    const r = triageLog("x".repeat(3_000_000));
    expect(r.stats.lines).toBe(1);
  });
});

describe("fingerprint", () => {
  const failure = (time: string, tmp: string, sha: string) =>
    gha([`##[group]Run npm test`, `Error: snapshot mismatch in ${tmp}/jest-cache/abc.snap at ${time} (${sha})`, "##[error]Process completed with exit code 1."]);
  it("is stable across timestamps, temp dirs and ids, and differs for a different failure", () => {
    const a = triageLog(failure("10:00:01", "/tmp/tmp.AbC123", "deadbeef1"));
    const b = triageLog(failure("23:59:59", "/tmp/tmp.ZzZ999", "cafebabe2"));
    expect(a.fingerprint).toBe(b.fingerprint);
    const c = triageLog(gha(["##[group]Run npm test", "Error: connection refused to db", "##[error]Process completed with exit code 1."]));
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});
