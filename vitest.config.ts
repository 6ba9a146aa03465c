import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that need PostgreSQL make their own schema; files can run in parallel.
    pool: "forks",
  },
});
