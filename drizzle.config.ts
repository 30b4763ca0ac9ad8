import { defineConfig } from "drizzle-kit";

// SQL migrations generated from worker/db/schema.ts; wrangler applies them (`npm run db:migrate:local`).
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
