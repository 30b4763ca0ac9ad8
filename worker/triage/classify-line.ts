import type { Category, ClassifiedLine } from "./types";

type Rule = { re: RegExp; weight: number; hint?: Category };

// Root causes: the shapes tools print when something is wrong (not just the word "error").
const errorRules: Rule[] = [
  // compilers and type checkers: file:line:col: error, tsc, rustc, javac, go, swift, maven compiler
  { re: /^\S+?\.\w{1,6}:\d+(?::\d+)?:?\s*(?:fatal )?error\b/i, weight: 10, hint: "build" },
  { re: /^\S+\.\w{1,5}\(\d+,\d+\): error TS\d+/, weight: 10, hint: "build" },
  { re: /^error(?:\[E\d{4}\])?: /, weight: 9, hint: "build" },
  // Elixir / Erlang: ** (CompileError) lib/x.ex:3: …, ** (ArgumentError) …
  { re: /^\*\* \((?:CompileError|SyntaxError|TokenMissingError|MismatchedDelimiterError)\) \S/, weight: 10, hint: "build" },
  { re: /^\*\* \((?:\w+\.)*\w+\) \S/, weight: 9 },
  // BEAM runtime crashes: a process or the VM dying on a bad match / undefined function
  { re: /^System process <[\d.]+> terminated|^=(?:CRASH|ERROR) REPORT|\{(?:badmatch|badarg|undef|function_clause|case_clause|badarith),/, weight: 8 },
  { re: /^\[ERROR\] \/?\S+\.\w+:\[\d+,\d+\]/, weight: 10, hint: "build" },
  // sbt prefixes the compiler's file:line:col with [error]; xcpretty marks errors with ❌
  { re: /^\[error\]\s+\/?\S+\.\w{1,6}:\d+:(?:\d+:)?\s/, weight: 10, hint: "build" },
  { re: /❌\s+\S/, weight: 9 },
  { re: /\b(?:undefined reference to|cannot find symbol|cannot find (?:module|package|name)|has no attribute|is not defined|not defined\b|was not declared|no matching function|unresolved (?:import|reference)|cannot be applied to|type mismatch|incompatible types|does not exist on type|is not assignable to)/i, weight: 8, hint: "build" },
  { re: /^\[(?:error|ERROR)\]\s+\S/, weight: 5 },
  // test runners
  { re: /^\s*(?:--- FAIL:|FAIL[: ]\s*\S|FAILED\b|✕|✗|✖|×\s)/, weight: 9, hint: "test" },
  { re: /^\s*● /, weight: 9, hint: "test" },
  { re: /^[\w.$]+ > .+ FAILED\s*$/, weight: 9, hint: "test" }, // Gradle: Class > method() FAILED
  { re: /^\s*\[-\] \S/, weight: 9, hint: "test" }, // Pester: [-] name -> why
  { re: /^\s*not ok \d+/, weight: 9, hint: "test" },
  { re: /^\s*\d+\) \S/, weight: 6, hint: "test" },
  { re: /\b(?:AssertionError|AssertionFailedError|assert(?:ion)? failed|Expected\b.*\b(?:to|but)\b|expected:? <.*> but was|ComparisonFailure)/i, weight: 9, hint: "test" },
  { re: /^E\s{2,}\S/, weight: 9, hint: "test" },
  { re: /Tests? run: \d+, Failures: [1-9]|Tests? run: \d+, Failures: \d+, Errors: [1-9]|\b[1-9]\d* (?:failing|failed|failures?)\b/i, weight: 6, hint: "test" },
  { re: /panicked at|thread '.*' panicked/, weight: 9, hint: "test" },
  { re: /\bfailed on line \d+|^Reason: \S/, weight: 8, hint: "test" },
  { re: /XCTAssert\w* failed|: error: -\[\w+ \w+\] :|Test Case '.*' failed/, weight: 9, hint: "test" },
  { re: /^\s*\S+\.\w{1,5}:\d+:\d+: \S/, weight: 8, hint: "lint" },
  { re: /\b(?:Unexpected token|SyntaxError|ParseError|Parse error|parse error)\b/, weight: 8, hint: "build" },
  // YAML parsers (libyaml, PyYAML, Psych, snakeyaml): a config or front-matter file that does not parse
  { re: /found character that cannot start any token|mapping values are not allowed|did not find expected (?:key|node|<document start>|'-' indicator)|found undefined tag handle|could not find expected ':'/, weight: 8, hint: "configuration" },
  { re: /\baborted!\s*$|^\w+ aborted\b/, weight: 8 },
  { re: /\[FAIL\]\s*$|^\s*Assert\.\w+\(\) Failure|^Failed \d+\/\d+ subtests|^Dubious, test returned [1-9]|^# Failed test|^\s*Failed:? \d+, Passed:|^Tests: \d+ failed/, weight: 9, hint: "test" },
  { re: /^\s*(?:Failures|Failed tests|Tests in error):/, weight: 7, hint: "test" },
  // exceptions and runtime errors
  // An exception's name starts with a capital (TypeError:, java.lang.IllegalStateException) — not a
  // test suite called "isHandledError".
  { re: /^\s*(?:[a-z_]\w*\.)*(?:[A-Z]\w*)?(?:Error|Exception)(?::|$)\s?/, weight: 8 },
  { re: /^Traceback \(most recent call last\)/, weight: 8 },
  { re: /\bUncaught\b|\bSegmentation fault\b|\bcore dumped\b/i, weight: 8 },
  // linters and formatters
  { re: /^\S+:\d+:\d+: [A-Z]{1,3}\d{2,4}\b/, weight: 9, hint: "lint" },
  { re: /^\s*\d+:\d+\s+(?:error|warning)\s+.+\s[\w@/-]+$/, weight: 9, hint: "lint" },
  // eslint's compact/unix formats and prettier through eslint: file:line[:col] message (plugin/rule)
  { re: /^\S+\.\w{1,5}:\d+(?::\d+)?:? .+\((?:@?[\w-]+\/)?[\w-]+\)\s*$/, weight: 8, hint: "lint" },
  { re: /\bwould reformat\b|Code style issues found|\bnot formatted\b|files? would be reformatted|Diff in \S+ at line|^Offenses:|^\S+:\d+:\d+: [CWEF]: /i, weight: 9, hint: "lint" },
  // package managers
  { re: /^npm ERR! (?:code (?!ELIFECYCLE)|404|ERESOLVE|peer dep|Could not resolve)/, weight: 9, hint: "dependency" },
  { re: /Could not resolve dependencies|Could not find artifact|Failed to collect dependencies|No matching distribution found|Could not find a version that satisfies|Could not find gem|version solving failed|unable to resolve dependency|ResolutionImpossible|no required module provides package|missing go\.sum entry|failed to select a version|Could not resolve all (?:dependencies|files)|(?:dependencies|artifacts?) could not be resolved/i, weight: 10, hint: "dependency" },
  // infrastructure
  { re: /No space left on device|out of memory|OOMKilled|^Killed\b|\bKilled (?:process|signal)|signal 9\b|exit code 137|The operation was canceled|has exceeded the maximum execution time|timed out after|\btimeout of \d+m?s exceeded|Connection (?:refused|reset|timed out)|Could not resolve host|Temporary failure in name resolution|rate limit|API rate limit exceeded|503 Service Unavailable/i, weight: 8, hint: "infrastructure" },
  // configuration
  { re: /(?:secret|token|credential|env(?:ironment)? variable)s? .*(?:is )?(?:not set|missing|undefined|empty)|Input required and not supplied|Invalid workflow file|Unrecognized named-value|permission denied \(publickey\)|bad credentials|authentication failed/i, weight: 9, hint: "configuration" },
  // generic but shaped: a line that starts with an error word and a colon
  { re: /^\s*(?:fatal|FATAL|error|ERROR|Error)(?:\s*\[[^\]]*\])?\s*:/, weight: 7 },
  { re: /^##\[error\](?!Process completed with exit code)/, weight: 8 },
  { re: /^::error\b/, weight: 9 },
  { re: /\b(?:command not found|No such file or directory|Permission denied|cannot open|failed to|unable to|could not)\b/i, weight: 4 },
];

// The tail that tools print after the real error: useful as a marker, not as the explanation.
const epilogue = /^(?:npm ERR! (?:code ELIFECYCLE|errno|Exit status|Failed at|This is probably|A complete log|\s*$|npm ERR!)|npm ERR!\s+\S+@\S+ [\w:.-]+: |npm ERR!\s+\/\S+-debug(?:-\d+)?\.log$|error Command failed with exit code|info Visit https:\/\/yarnpkg|Error! The '.*' .*non-zero exit code|\(See full trace by running task with --trace\)|make(?:\[\d+\])?: \*\*\* |\[ERROR\] (?:-> \[Help|To see the full|Re-run Maven|For more information|\[Help \d\]|$)|\[INFO\] BUILD FAILURE|BUILD FAILURE|FAILURE: Build failed|\* What went wrong:|\* Try:|Finished: FAILURE|Build step '.*' marked build as failure|##\[error\]Process completed with exit code|Error: Process completed with exit code|Process completed with exit code|The command ".*" (?:failed|exited) with|Command failed with status|ELIFECYCLE|Test failed\. See above for more details\.|error: Recipe `|Script .* handling the .* event returned with error code|Exited with code)/;

const marker = /^(?:The command ".*" (?:failed and )?exited with [1-9]\d*|.*" (?:failed and )?exited with [1-9]\d*\.?$|##\[error\]Process completed with exit code [1-9]|Error: Process completed with exit code [1-9]|Process completed with exit code [1-9]|Finished: FAILURE|Build step '.*' marked build as failure|ERROR: Job failed|Exited with code [1-9]|\[INFO\] BUILD FAILURE|BUILD FAILED|FAILURE: Build failed with an exception)/;

const step = /^(?:travis_fold:start:|##\[group\]|section_start:\d+:|\$ \S|\[Pipeline\] (?:stage|sh)|\+ \S|\[INFO\] --- \S+ \S+ @ )/;

const noise = /^(?:\s*$|travis_(?:time|fold):|##\[(?:endgroup|group)\]|section_end:|\[INFO\]|\[DEBUG\]|Downloading|Downloaded|Progress|Receiving objects|Resolving deltas|remote: |Unpacking objects|Get:\d|Fetched |Reading package|Building dependency tree|Setting up |Selecting previously|Preparing to unpack|Collecting |Requirement already|  Downloading|Using cached|Installing collected|Successfully installed|\s*at (?:Module\._compile|Object\.<anonymous>|node:internal)|\s*\[?\d{1,3}%\]?\s)/;

const warningLevel = /^(?:\[(?:WARNING|WARN|warning|warn)\]|WARNING:|Warning:|warning:|npm WARN|##\[warning\]|::warning)/;

// Numbers of errors that are zero, or flags that contain the word, are not errors.
const benign = /\b0 (?:errors?|failures?|failed)\b|\bno errors?\b|-Werror|error_reporting|errors?\.(?:go|py|ts|js|rb|rs|h|c)\b|ignore-errors|--?fail-fast|Failures: 0, Errors: 0|\bwarnings? as errors\b|continue-on-error|ERRORLEVEL/i;

// Cheap prefilter: most log lines contain none of these and need no further matching. Line starts
// are tested apart: anchored alternatives inside an unanchored search cost a test at every position.
const interestingStart = /^(?:\s*\[-\] |\*\* \(|E {2}|\s*\d+\) |\+ |\$ |##\[|::)/;
const interesting = /err|fail|style issues|❌|exception|assert|expect|mapping values|\.\w{1,5}:\d+ |terminated|badmatch|badarg|undef|_clause|fatal|panic|traceback|denied|not found|no such file|cannot|could not|unable|undefined|not defined|killed|time[d ]?out|no space|memory|✕|✗|✖|×|●|not ok|:\d+:\d+: |\(\d+,\d+\)|offen[cs]e|reformat|formatted|rate limit|refused|secret|token|credential|required|invalid|missing|segmentation|dubious|cancel|diff in|resolve|mismatch|travis_fold|section_start|\[pipeline\]|\[info\] ---|finished:|exited|exit code|status/i;
const passing = /\.{3,}\s*ok\b|^\s*ok \d+\b|\bPASS(?:ED)?\b|✓|✔|\b0 failures\b/;

export function classifyLine(line: string): ClassifiedLine {
  if (!line.trim() || line.startsWith("travis_")) return { kind: "noise", weight: 0 };
  // Every marker has one of these literals; includes() is far cheaper than the anchored regex with `.*"`.
  if ((line.includes("xit") || line.includes("FAIL") || line.includes("marked build") || line.includes("Job failed")) && marker.test(line)) return { kind: "marker", weight: 0 };
  if (epilogue.test(line)) return { kind: "epilogue", weight: 1 };
  if (!interestingStart.test(line) && !interesting.test(line)) return step.test(line) ? { kind: "step", weight: 0 } : { kind: "text", weight: 0 };
  if (passing.test(line) && !/\bfail/i.test(line)) return { kind: "text", weight: 0 };
  if (step.test(line) && !line.startsWith("+ ")) return { kind: "step", weight: 0 };
  const trimmed = line.trimStart();
  const indented = trimmed.length !== line.length;
  if (noise.test(line) && !/\b(?:error|fail)/i.test(line)) return { kind: "noise", weight: 0 };
  let best: Rule | undefined;
  for (const rule of errorRules) {
    if (rule.re.test(trimmed) || (indented && rule.re.test(line))) {
      if (!best || rule.weight > best.weight) best = rule;
      if (rule.weight >= 9) break;
    }
  }
  // A line the tool itself marks as a warning is not why the job failed, whatever words it holds
  // ("[WARNING] Could not transfer metadata …", "npm WARN … could not resolve").
  if (best && warningLevel.test(trimmed)) return { kind: "text", weight: 0 };
  if (best && !(best.weight < 8 && benign.test(line))) {
    return best.hint ? { kind: "error", weight: best.weight, hint: best.hint } : { kind: "error", weight: best.weight };
  }
  if (line.startsWith("+ ")) return { kind: "step", weight: 0 };
  return { kind: "text", weight: 0 };
}

/** A passing test's line ("✓ name", "[+] name", "ok 3", "PASSED"): never part of a failure's block. */
export function isPassingLine(line: string): boolean {
  return (passing.test(line) || /^\s*\[\+\] /.test(line)) && !/\bfail/i.test(line);
}

/** A line that can introduce an error as its context: not blank, not progress or fold noise, not a passing result. */
export function isContextLine(line: string): boolean {
  return line.trim() !== "" && !noise.test(line) && !passing.test(line) && !/^\s*\[\+\] /.test(line);
}

/** A line that continues the block above it: stack frames, carets, indented detail, diff lines. */
export function isContinuation(line: string): boolean {
  return /^(?:Expected|Actual)\s*:|^at \S.*, \S.*:\d+$|^\S+:\d+:in `|^\s+(?:at |File "|\^|~+|\||-->|\d+ \||in \S|from \S|\.\.\.|Caused by|expected|received|actual|- |\+ |Expected|Received|Actual|note:|help:)|^\s{2,}\S|^\s*\^+\s*$|^Caused by:|^\s*\|/.test(line);
}

/** The step name from a step-start line, when the CI system names it. */
export function stepName(line: string): string | undefined {
  const m = /^(?:##\[group\](?:Run )?|\$ |section_start:\d+:[\w-]+\r?\[0K|\[Pipeline\] (?:stage|sh)\s*\(?|travis_fold:start:)(.+)$/.exec(line);
  return m?.[1]?.trim().slice(0, 200);
}
