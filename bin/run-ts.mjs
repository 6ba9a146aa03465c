#!/usr/bin/env node
// Runs a TypeScript file of this repository with tsx (used by npm scripts: bench, tools).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: run-ts.mjs FILE [args]\n");
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(file), ...rest];
await import(pathToFileURL(path.resolve(file)).href);
