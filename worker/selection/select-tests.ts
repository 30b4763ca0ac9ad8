// Test selection from the changed files: the config's source→test map, naming conventions per
// ecosystem, and the tests that failed in triage. Every selected test says why; skipped files too.

export type ChangedFile = { path: string; status?: string };
export type SelectionInput = {
  changedFiles: ChangedFile[];
  /** Paths known at the head commit; when given, only existing tests are selected. */
  repoFiles?: string[];
  testMap?: { source: string; tests: string }[];
  failedTests?: { name: string; file?: string }[];
  /**
   * Tests that failed on earlier pull requests which touched the same paths: for each (path, test),
   * the number of distinct pull requests. Two or more is taken as a correlation.
   */
  failureHistory?: { path: string; test: string; pullRequests: number }[];
};
export type SelectedTest = { test: string; reasons: string[]; confidence: "certain" | "likely" };
export type Selection = {
  selected: SelectedTest[];
  skipped: { path: string; reason: string }[];
  runner?: string;
  command?: string;
  /** Share of changed source files with at least one selected test (0..1), or null with no source files. */
  coverage: number | null;
};

const TEST_FILE = /(?:^|\/)(?:test_[^/]+\.py|[^/]+_test\.(?:py|go|rb|exs)|[^/]+\.(?:test|spec)\.[cm]?[jt]sx?|[^/]+_spec\.rb|[^/]+Tests?\.(?:java|kt|cs|php|swift))$|(?:^|\/)(?:__tests__|tests?|spec)\//;
const NOT_CODE = /\.(?:md|txt|rst|png|jpe?g|gif|svg|lock|ya?ml|json|toml|ini|cfg)$|^(?:docs?|\.github)\//i;

/** Candidate test paths for a source file, by the conventions of its ecosystem. */
export function conventionalTests(path: string): string[] {
  const m = /^(.*?)([^/]+)\.([a-z]+)$/i.exec(path);
  if (!m) return [];
  const [, dir, name, ext] = m as unknown as [string, string, string, string];
  const js = ["ts", "tsx", "js", "jsx", "mjs", "cjs"];
  if (js.includes(ext)) {
    const base = dir.replace(/^src\//, "");
    return [`${dir}${name}.test.${ext}`, `${dir}${name}.spec.${ext}`, `${dir}__tests__/${name}.test.${ext}`, `test/${base}${name}.test.${ext}`, `tests/${base}${name}.test.${ext}`];
  }
  if (ext === "go") return [`${dir}${name}_test.go`];
  if (ext === "py") {
    const base = dir.replace(/^(?:src\/)?[^/]+\//, "");
    return [`tests/test_${name}.py`, `tests/${base}test_${name}.py`, `${dir}test_${name}.py`, `${dir}${name}_test.py`];
  }
  if (ext === "rb") return [`spec/${dir.replace(/^(?:lib|app)\//, "")}${name}_spec.rb`, `test/${dir.replace(/^(?:lib|app)\//, "")}${name}_test.rb`];
  if (ext === "java" || ext === "kt") return [`${dir.replace("/main/", "/test/")}${name}Test.${ext}`];
  if (ext === "ex") return [`test/${dir.replace(/^lib\//, "")}${name}_test.exs`];
  if (ext === "php") return [`tests/${name}Test.php`, `tests/${dir.replace(/^src\//, "")}${name}Test.php`];
  if (ext === "cs") return [`${dir}${name}Tests.cs`, `${dir.replace(/^src\//, "tests/")}${name}Tests.cs`];
  if (ext === "rs") return [path, `tests/${name}.rs`];
  if (ext === "swift") return [`Tests/${name}Tests.swift`];
  return [];
}

function detectRunner(tests: string[], repoFiles: string[] = []): { runner?: string; command?: string } {
  const has = (re: RegExp) => repoFiles.some((f) => re.test(f));
  const all = tests.join(" ");
  if (tests.every((t) => /\.[cm]?[jt]sx?$/.test(t)) && tests.length) {
    const runner = has(/(?:^|\/)vitest\.config\./) ? "vitest" : has(/(?:^|\/)jest\.config\./) ? "jest" : "vitest";
    return { runner, command: runner === "jest" ? `npx jest ${all}` : `npx vitest run ${all}` };
  }
  if (tests.every((t) => t.endsWith(".go")) && tests.length) return { runner: "go", command: `go test ${[...new Set(tests.map((t) => `./${t.replace(/\/?[^/]+$/, "") || "."}`))].join(" ")}` };
  if (tests.every((t) => t.endsWith(".py")) && tests.length) return { runner: "pytest", command: `pytest ${all}` };
  if (tests.every((t) => t.endsWith("_spec.rb")) && tests.length) return { runner: "rspec", command: `bundle exec rspec ${all}` };
  return {};
}

const MIN_CORRELATED_PULL_REQUESTS = 2;

export function selectTests(input: SelectionInput): Selection {
  const known = input.repoFiles ? new Set(input.repoFiles) : undefined;
  const selected = new Map<string, SelectedTest>();
  const add = (test: string, reason: string, confidence: SelectedTest["confidence"]) => {
    const entry = selected.get(test);
    if (entry) {
      if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
      if (confidence === "certain") entry.confidence = "certain";
    } else selected.set(test, { test, reasons: [reason], confidence });
  };
  const skipped: Selection["skipped"] = [];
  let sources = 0;
  let covered = 0;
  for (const file of input.changedFiles) {
    if (file.status === "removed") {
      skipped.push({ path: file.path, reason: "removed file" });
      continue;
    }
    if (TEST_FILE.test(file.path)) {
      add(file.path, "the test itself changed", "certain");
      continue;
    }
    if (NOT_CODE.test(file.path)) {
      skipped.push({ path: file.path, reason: "not code (docs, config or assets)" });
      continue;
    }
    sources++;
    let found = false;
    for (const rule of input.testMap ?? []) {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${rule.source})$`);
      } catch {
        continue;
      }
      if (!re.test(file.path)) continue;
      const test = file.path.replace(re, rule.tests);
      if (known && !known.has(test)) continue;
      add(test, `mapped from ${file.path} by tests.map`, known ? "certain" : "likely");
      found = true;
    }
    for (const test of conventionalTests(file.path)) {
      if (test === file.path && !/\.rs$/.test(test)) continue;
      if (known ? known.has(test) : false) {
        add(test, `naming convention for ${file.path}`, "certain");
        found = true;
      }
    }
    if (!found && !known) {
      const [guess] = conventionalTests(file.path);
      if (guess) {
        add(guess, `naming convention for ${file.path} (file list unknown: not checked)`, "likely");
        found = true;
      }
    }
    if (found) covered++;
    else skipped.push({ path: file.path, reason: "no test found for this file" });
  }
  for (const t of input.failedTests ?? []) add(t.file ?? t.name, `failed in CI${t.file ? ` (${t.name})` : ""}`, "certain");
  const changed = new Set(input.changedFiles.filter((f) => f.status !== "removed").map((f) => f.path));
  for (const h of input.failureHistory ?? []) {
    if (h.pullRequests >= MIN_CORRELATED_PULL_REQUESTS && changed.has(h.path)) add(h.test, `failed on ${h.pullRequests} earlier pull requests that also changed ${h.path}`, "likely");
  }
  const list = [...selected.values()].sort((a, b) => (a.confidence === b.confidence ? a.test.localeCompare(b.test) : a.confidence === "certain" ? -1 : 1));
  return { selected: list, skipped, ...detectRunner(list.map((s) => s.test).filter((t) => /\.\w+$/.test(t)), input.repoFiles), coverage: sources ? covered / sources : null };
}
