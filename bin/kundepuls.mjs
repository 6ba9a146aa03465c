#!/usr/bin/env node
// The `kundepuls` executable. Runs the bundle in dist/ (scripts/build.mjs), rebuilding it first
// when a file under src/ or prisma/ is newer than the build (an mtime walk; a rebuild takes well
// under a second), so `npm start` and `npx kundepuls` always run the current sources without
// compiling TypeScript at every start. When the build cannot run (esbuild missing, a build error,
// a read-only install) — or with KUNDEPULS_NO_BUILD=1 — the sources run through tsx instead.
import { pathToFileURL } from "node:url";

process.setSourceMapsEnabled(true); // stack traces name src/*.ts, as with --enable-source-maps

async function builtEntry() {
  if (process.env.KUNDEPULS_NO_BUILD === "1") return null;
  try {
    const { ensureBuilt } = await import("../scripts/build.mjs");
    return await ensureBuilt();
  } catch (error) {
    process.stderr.write(`kundepuls: could not build dist/ (${error?.message ?? error}); running the sources through tsx\n`);
    return null;
  }
}

const entry = await builtEntry();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
