export const categories = ["build", "test", "lint", "dependency", "infrastructure", "configuration", "unknown"] as const;
export type Category = (typeof categories)[number];

export type Excerpt = { start: number; end: number };
export type Location = { file: string; line: number; column?: number };

export type TriageResult = {
  excerpts: Excerpt[];
  category: Category;
  summary: string;
  failingStep?: string;
  /** Raw-log line where the failing step starts (GitHub numbers a step's lines from there). */
  failingStepLine?: number;
  failingTests: string[];
  locations: Location[];
  fingerprint: string;
  /** The excerpt's lines as displayed (ANSI removed), with raw-log line numbers. */
  lines: { n: number; text: string }[];
  /** Lines read, and whether a CI failure marker (exit code) was found. */
  stats: { lines: number; bytes: number; markers: number };
};

/** What one line is, for the excerpt: a root error, the failure epilogue that follows one, or neither. */
export type LineKind = "error" | "epilogue" | "marker" | "step" | "noise" | "text";
export type ClassifiedLine = { kind: LineKind; weight: number; hint?: Category };
