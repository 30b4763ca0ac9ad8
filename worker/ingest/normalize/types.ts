import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db";

/** A pull request the event asks fixforward to look at (one agent run per delivery and PR). */
export type RunTrigger = {
  repositoryId: number;
  prNumber: number;
  headSha: string;
  trigger: string; // "<event>.<action>"
  protectionRule?: { deliveryId: string; environment: string };
};

export type Normalized = { statements: BatchItem<"sqlite">[]; triggers: RunTrigger[] };

export type NormalizeContext = { db: Db; deliveryId: string; event: string; action: string | null };

export type Normalizer = (ctx: NormalizeContext, payload: Record<string, unknown>) => Normalized;
