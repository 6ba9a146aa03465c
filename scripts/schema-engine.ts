// Prisma's own schema engine, compiled to WebAssembly, loaded by hand: it writes migration SQL
// offline (Prisma's CLI would download a native engine for `migrate diff`). Internal and
// unstable API — the version is pinned exactly in package.json to the one @prisma/internals 7.10.0 uses.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));

interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }>;
}

interface SchemaFile { path: string; content: string }
type DiffTarget = { tag: "empty" } | { tag: "schemaDatamodel"; files: SchemaFile[] };
interface Engine {
  diff(params: { from: DiffTarget; to: DiffTarget; script: boolean; exitCode: null; filters: { externalTables: string[]; externalEnums: string[] } }): Promise<{ stdout: string | null }>;
}

interface Bindings {
  SchemaEngine: { new: (o: { datamodels: [string, string][] }, log: (m: string) => void, a: object) => Promise<Engine> };
}

let bindings: Promise<Bindings> | undefined;

function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasm = fs.readFileSync(path.join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg as unknown as Bindings;
  })();
  return bindings;
}

/**
 * The SQL that takes a database from schema `from` (null = empty) to schema `to`.
 * A pure datamodel-to-datamodel diff touches no database; the engine still wants an adapter,
 * so it gets an in-memory SQLite one.
 */
export async function diffSchemas(from: SchemaFile | null, to: SchemaFile): Promise<string> {
  const { SchemaEngine } = await loadBindings();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ":memory:" }));
  const engine = await SchemaEngine.new({ datamodels: [[to.path, to.content]] }, () => {}, adapter);
  const result = await engine.diff({
    from: from ? { tag: "schemaDatamodel", files: [from] } : { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [to] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? "";
}

export function isEmptyMigration(sql: string): boolean {
  return sql.trim() === "" || sql.includes("-- This is an empty migration.");
}
