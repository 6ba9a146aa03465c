// Prisma CLI configuration. Only `prisma generate` (and validate/format) is used by Kundepuls:
// migrations are applied by our own runner (src/store/migrate.ts), see README "Migrations offline".
import { defineConfig } from "prisma/config";

// The CLI downloads a native schema engine unless one is named. `generate` never runs it, so
// pointing at any existing file keeps the CLI offline. A real engine set by the user wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= new URL("./package.json", import.meta.url).pathname;

export default defineConfig({
  schema: process.env.KUNDEPULS_PRISMA_SCHEMA ?? "prisma/sqlite/schema.prisma",
});
