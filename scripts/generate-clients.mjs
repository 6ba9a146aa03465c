// Runs after `npm ci`/`npm install`: generates the Prisma client for SQLite and for PostgreSQL.
// Offline-safe: prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at a local file, so the CLI
// does not try to download an engine that `generate` never uses.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
for (const kind of ["sqlite", "postgres"]) {
  execFileSync(process.execPath, [cli, "generate", "--schema", `prisma/${kind}/schema.prisma`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
}
console.log("kundepuls: Prisma clients generated for sqlite and postgres");
