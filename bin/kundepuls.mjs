#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx (no build step), so `npx kundepuls` works
// right after `npm ci` on a fresh clone.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
