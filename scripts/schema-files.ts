// The two Prisma schema files (one per database kind) and the snapshots that record which
// schema the committed migrations lead to.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROVIDERS = ["sqlite", "postgres"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const MODELS_MARKER = "// ---- models: identical in both schema files below this line ----";

export const schemaPath = (p: ProviderName) => path.join(ROOT, "prisma", p, "schema.prisma");
/** The schema the newest migration brings a database to; written by migration:create. */
export const snapshotPath = (p: ProviderName) => path.join(ROOT, "prisma", p, "migrations", "schema.snapshot.prisma");

export function readSchema(p: ProviderName, file = schemaPath(p)) {
  return { path: file, content: fs.readFileSync(file, "utf8") };
}

/** The models part of a schema file: everything after the marker line. */
export function modelsOf(content: string): string {
  const at = content.indexOf(MODELS_MARKER);
  if (at < 0) throw new Error(`schema file lacks the line "${MODELS_MARKER}"`);
  return content.slice(at);
}
