// The house's two structural rules, checked on every file under src/ (docs/architecture.md):
//  1. Layers point down: core ← messages ← store/ingest ← services ← jobs/faces/server ← app/cli.
//     Every import counts: static, re-exports, dynamic import("…"), type-only and import("…").Type.
//  2. Only store/ holds the database: no other file imports Prisma (@prisma/*, the generated
//     clients, the client type Db) or calls a model's API (x.answer.findMany, $transaction …).
//     app.ts is the composition root: it opens the database and builds the repositories from it.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SRC = path.join(ROOT, "src");

/** How far up a layer is; an import may point to a lower rank, within its own layer, or a SIDEWAYS pair. */
const RANK: Record<string, number> = { core: 0, messages: 1, store: 2, ingest: 2, services: 3, jobs: 4, faces: 4, server: 4, "app.ts": 5, cli: 5 };
/** Shared leaves: importable by every layer but the pure core; they import nothing from src/. */
const LEAVES = new Set(["config.ts", "logger.ts", "types"]);
/** Same-rank imports that are allowed: the faces plug their routes into the one HTTP server; the CLI runs the app. */
const SIDEWAYS = new Set(["faces→server", "cli→app.ts"]);
/** Imports allowed against the ranks: none. Keep it that way; move the shared type down instead. */
const EXCEPTIONS = new Set<string>([]);

/** The files allowed to hold the Prisma client: store/ and the composition root. */
const mayHoldDatabase = (file: string) => file.startsWith("store/") || file === "app.ts";

const MODEL_METHODS = new Set([
  "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "create", "createMany", "createManyAndReturn",
  "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany", "count", "aggregate", "groupBy",
]);
const CLIENT_METHODS = /^\$(transaction|queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|connect|disconnect|extends|on)$/;

function modelDelegates(): Set<string> {
  const schema = fs.readFileSync(path.join(ROOT, "prisma/sqlite/schema.prisma"), "utf8");
  return new Set([...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1)));
}

export interface FileImport {
  specifier: string;
  /** names imported from it (named imports and re-exports) */
  names: string[];
}

/** Every module a source text refers to: import/export … from, import "x", import("x"), import("x").T, import x = require("x"). */
export function importsOf(fileName: string, text: string): FileImport[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: FileImport[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
      if (bindings && (ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
      found.push({ specifier: node.moduleSpecifier.text, names });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push({ specifier: node.arguments[0].text, names: [] });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, names: node.qualifier ? [ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.right.text] : [] });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ specifier: node.moduleReference.expression.text, names: [] });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Calls of a Prisma model's API (`<anything>.<model>.<method>(`) and of the client's `$` methods. */
export function modelApiUses(fileName: string, text: string, models: Set<string>): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const uses: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      const owner = node.expression;
      if (MODEL_METHODS.has(name) && ts.isPropertyAccessExpression(owner) && models.has(owner.name.text)) uses.push(`.${owner.name.text}.${name}`);
      if (CLIENT_METHODS.test(name)) uses.push(`.${name}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** The layer of a path relative to src/: its first folder, or the file itself at the top. */
const layerOf = (rel: string) => rel.split("/")[0]!;

/** Why an import from `from` to `to` (both relative to src/) breaks the layering; null when it is fine. */
export function upwardReason(from: string, to: string): string | null {
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === b || EXCEPTIONS.has(`${from} → ${to}`)) return null;
  if (LEAVES.has(a)) return `${a} is a shared leaf and imports nothing from src/`;
  if (LEAVES.has(b)) return a === "core" ? "core is pure: no configuration, no logging" : null;
  const ra = RANK[a];
  const rb = RANK[b];
  if (ra === undefined) return `${a} is no known layer (add it to docs/architecture.md and this test)`;
  if (rb === undefined) return `${b} is no known layer`;
  if (rb < ra || SIDEWAYS.has(`${a}→${b}`)) return null;
  return rb > ra ? `${a} (${ra}) imports ${b} (${rb})` : `${a} and ${b} are siblings (${ra}) and do not import each other`;
}

/** Breaks of the Prisma rule in one file (relative to src/). */
export function databaseReasons(rel: string, imports: FileImport[], uses: string[]): string[] {
  if (mayHoldDatabase(rel)) return [];
  const reasons: string[] = [];
  for (const i of imports) {
    const target = i.specifier.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), i.specifier)) : i.specifier;
    if (/^@prisma\//.test(i.specifier) || i.specifier === "prisma" || target.startsWith("store/generated/")) reasons.push(`imports ${i.specifier}`);
    if (target === "store/database.ts" && i.names.includes("Db")) reasons.push("imports the Prisma client type Db");
  }
  for (const use of uses) reasons.push(`calls the Prisma client (${use})`);
  return reasons;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === path.join(SRC, "store", "generated") ? [] : sourceFiles(full);
    return /\.(ts|mts|cts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** A relative specifier → the file it names, relative to src/ (null: a package, or outside src/). */
function resolveRelative(fromRel: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), specifier));
  return target.startsWith("..") ? null : target;
}

function checkTree(): { upward: string[]; database: string[]; files: number; imports: number } {
  const models = modelDelegates();
  const upward: string[] = [];
  const database: string[] = [];
  let imports = 0;
  const files = sourceFiles(SRC);
  for (const file of files) {
    const rel = path.relative(SRC, file).split(path.sep).join("/");
    const text = fs.readFileSync(file, "utf8");
    const found = importsOf(rel, text);
    imports += found.length;
    for (const i of found) {
      const to = resolveRelative(rel, i.specifier);
      if (i.specifier.startsWith(".") && to === null) upward.push(`${rel} → ${i.specifier}: reaches outside src/`);
      const reason = to && upwardReason(rel, to);
      if (reason) upward.push(`${rel} → ${to}: ${reason}`);
    }
    for (const reason of databaseReasons(rel, found, modelApiUses(rel, text, models))) database.push(`${rel}: ${reason}`);
  }
  return { upward, database, files: files.length, imports };
}

describe("the checker itself", () => {
  it("finds every kind of import, type-only and dynamic ones too", () => {
    const text = [
      'import { a } from "./a.ts";',
      'import type { B } from "../services/b.ts";',
      'export { c } from "./c.ts";',
      'import "./d.ts";',
      'const e = await import("../faces/e.ts");',
      'let f: import("../cli/f.ts").F;',
      'type G = typeof import("./g.ts");',
    ].join("\n");
    expect(importsOf("store/x.ts", text).map((i) => i.specifier)).toEqual(["./a.ts", "../services/b.ts", "./c.ts", "./d.ts", "../faces/e.ts", "../cli/f.ts", "./g.ts"]);
  });

  it("tells up from down, siblings and leaves", () => {
    expect(upwardReason("store/outbox.ts", "services/outbox/deliverer.ts")).toMatch(/store \(2\) imports services \(3\)/);
    expect(upwardReason("messages/binding.ts", "services/binding-service.ts")).not.toBeNull();
    expect(upwardReason("ingest/http-route.ts", "server/http-server.ts")).not.toBeNull();
    expect(upwardReason("ingest/x.ts", "store/audit.ts")).toMatch(/siblings/);
    expect(upwardReason("store/customer-data.ts", "ingest/normalized-answer.ts")).toMatch(/siblings/);
    expect(upwardReason("server/metrics.ts", "faces/slack/face.ts")).toMatch(/siblings/);
    expect(upwardReason("core/nps.ts", "config.ts")).toMatch(/pure/);
    expect(upwardReason("logger.ts", "core/nps.ts")).toMatch(/leaf/);
    expect(upwardReason("services/nps-service.ts", "store/answers.ts")).toBeNull();
    expect(upwardReason("faces/slack/face.ts", "server/http-server.ts")).toBeNull();
    expect(upwardReason("store/answers.ts", "ingest/normalized-answer.ts")).toMatch(/siblings/);
    expect(upwardReason("services/x.ts", "logger.ts")).toBeNull();
  });

  it("sees the Prisma client outside store/, and allows it inside store/ and in app.ts", () => {
    const models = new Set(["detractorCase", "team"]);
    const text = 'import type { Db } from "../store/database.ts";\nawait this.prisma.detractorCase.findMany({});\nawait db.$transaction(async () => {});\nawait this.teams.all();';
    const imports = importsOf("services/x.ts", text);
    const uses = modelApiUses("services/x.ts", text, models);
    expect(uses).toEqual([".detractorCase.findMany", ".$transaction"]);
    expect(databaseReasons("services/x.ts", imports, uses)).toHaveLength(3);
    expect(databaseReasons("faces/x.ts", importsOf("faces/x.ts", 'import { PrismaClient } from "@prisma/client";'), [])).toHaveLength(1);
    expect(databaseReasons("store/cases.ts", imports, uses)).toEqual([]);
    expect(databaseReasons("app.ts", imports, uses)).toEqual([]);
  });
});

describe("src/", () => {
  const tree = checkTree();

  it("reads the whole tree", () => {
    expect(tree.files).toBeGreaterThan(100);
    expect(tree.imports).toBeGreaterThan(500);
  });

  it("imports point down the layers only", () => {
    expect(tree.upward, `imports that point up or sideways:\n${tree.upward.join("\n")}`).toEqual([]);
  });

  it("only store/ (and app.ts, the composition root) touches the Prisma client", () => {
    expect(tree.database, `Prisma outside store/:\n${tree.database.join("\n")}`).toEqual([]);
  });
});
