// The run-time build (scripts/build.mjs): the CLI bundled into a folder of its own runs — help,
// migrations read from prisma/, the generated Prisma client with its query compiler — with stack
// traces that name src/*.ts and the chat SDKs still loaded lazily; a stale build is noticed and
// rebuilt; bin/kundepuls.mjs runs the bundle, or the sources through tsx when told to.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, runNode } from "./support/cli.ts";

interface BuildModule {
  STAMP: string;
  staleReason(options: { outdir: string; inputs: string[] }): string | null;
  ensureBuilt(options: { outdir: string; inputs: string[] }): Promise<string>;
}
const buildModule = async () => (await import(pathToFileURL(path.join(ROOT, "scripts", "build.mjs")).href)) as BuildModule;

let tmp: string;
let out: string;
let inputs: string;
// A change less than 100 ms before a build started counts as newer than it (file-system clock slack).
const settle = () => new Promise((r) => setTimeout(r, 200));
const stamp = () => JSON.parse(fs.readFileSync(path.join(out, ".build-stamp.json"), "utf8")) as { startedAt: number; files: string[] };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-build-"));
  // Packages stay imports in the bundle: from this folder they resolve through this link.
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tmp, "node_modules"), "dir");
  inputs = path.join(tmp, "inputs");
  fs.mkdirSync(inputs);
  fs.writeFileSync(path.join(inputs, "a.ts"), "export {};\n");
  await settle();
  out = path.join(tmp, "dist");
  const built = await runNode([path.join(ROOT, "scripts", "build.mjs"), "--outdir", out], {});
  expect(built.stderr).toBe("");
  expect(built.code).toBe(0);
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("scripts/build.mjs", () => {
  it("writes main.js, lazy chunks, source maps and a stamp listing them", () => {
    const files = stamp().files;
    expect(files).toContain("main.js");
    expect(files).toContain("main.js.map");
    for (const file of files) expect(fs.existsSync(path.join(out, file))).toBe(true);
    const map = JSON.parse(fs.readFileSync(path.join(out, "main.js.map"), "utf8")) as { sources: string[] };
    const sources = map.sources.map((s) => path.resolve(out, s));
    expect(sources).toContain(path.join(ROOT, "src", "cli", "main.ts"));
    expect(sources).toContain(path.join(ROOT, "src", "store", "migrate.ts"));
  });

  it("keeps the Slack SDK, botbuilder and the Prisma clients out of what main.js loads at start", () => {
    const staticImports = (file: string) =>
      [...fs.readFileSync(path.join(out, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?(?:from\s*)?"([^"]+)";?$/gm)].map((m) => m[1]!);
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const spec of staticImports(file)) {
        if (spec.startsWith("./")) visit(spec.slice(2));
        else packages.add(spec);
      }
    };
    visit("main.js");
    expect([...packages]).toEqual(expect.arrayContaining(["zod", "better-sqlite3"]));
    expect([...packages].filter((p) => /^(@slack\/|botbuilder|@prisma\/)/.test(p))).toEqual([]);
    const lazy = stamp().files.filter((f) => f.endsWith(".js") && !loaded.has(f));
    const lazyText = lazy.map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("\n");
    expect(lazyText).toContain('from "@slack/bolt"');
    expect(lazyText).toContain('from "botbuilder"');
    expect(lazyText).toContain('from "@prisma/client/runtime/client"');
  });

  it("runs from its own folder: help, migrations from prisma/, a query through the generated client", async () => {
    const main = path.join(out, "main.js");
    const help = await runNode([main, "--help", "--lang", "en"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: kundepuls <command>");

    const env = { DATABASE_URL: `file:${path.join(tmp, "db", "kundepuls.db")}` };
    const migrated = await runNode([main, "migrate"], env);
    expect(migrated.stderr).toBe("");
    expect(migrated.code).toBe(0);
    const nps = await runNode([main, "nps", "2026", "--json"], env);
    expect(nps.stderr).toBe("");
    expect(JSON.parse(nps.stdout)).toMatchObject({ responses: 0, nps: null });
  });

  it("maps stack traces to the TypeScript sources", async () => {
    // A database path that is a folder: better-sqlite3 throws inside the migration runner.
    const result = await runNode(["--enable-source-maps", path.join(out, "main.js"), "migrate"], { DATABASE_URL: `file:${tmp}`, LOG_LEVEL: "debug" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(ROOT, "src", "store", "migrate.ts")}:`);
    expect(result.stderr).toContain(`${path.join(ROOT, "src", "cli", "main.ts")}:`);
    expect(result.stderr).not.toMatch(/dist[/\\]main\.js/);
  });

  it("notices a stale build (changed, added or removed input, missing output) and ensureBuilt rebuilds it", async () => {
    const { staleReason, ensureBuilt } = await buildModule();
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBeNull();
    expect(await ensureBuilt({ outdir: out, inputs: [inputs] })).toBe(path.join(out, "main.js"));
    const before = stamp().startedAt;

    fs.writeFileSync(path.join(inputs, "a.ts"), "export const a = 1;\n");
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBe(`${path.join(inputs, "a.ts")} changed`);
    // Files of an earlier build are kept for a day (a running process may still load them), then removed.
    const old = path.join(out, "chunk-OLDBUILD.js");
    const recent = path.join(out, "chunk-RECENT.js");
    fs.writeFileSync(old, "");
    fs.writeFileSync(recent, "");
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
    await settle();
    await ensureBuilt({ outdir: out, inputs: [inputs] });
    expect(stamp().startedAt).toBeGreaterThan(before);
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBeNull();
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);

    fs.rmSync(path.join(inputs, "a.ts")); // shows as its folder's change
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBe(`${inputs} changed`);
    await settle();
    await ensureBuilt({ outdir: out, inputs: [inputs] });
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBeNull();
    const chunk = stamp().files.find((f) => f.startsWith("chunk-"))!;
    fs.rmSync(path.join(out, chunk));
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBe("incomplete build");
    fs.rmSync(path.join(out, ".build-stamp.json"));
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBe("no build yet");
    await ensureBuilt({ outdir: out, inputs: [inputs] });
    expect(staleReason({ outdir: out, inputs: [inputs] })).toBeNull();
  }, 60_000);
});

describe("bin/kundepuls.mjs", () => {
  it("runs the bundle in dist/ (built or rebuilt when stale), or the sources through tsx with KUNDEPULS_NO_BUILD=1", async () => {
    const bundled = await runNode([BIN, "--help", "--lang", "en"], {});
    expect(bundled.stderr).toBe("");
    expect(bundled.stdout).toContain("usage: kundepuls <command>");
    expect(fs.existsSync(path.join(ROOT, "dist", "main.js"))).toBe(true);
    const sources = await runNode([BIN, "--help", "--lang", "en"], { KUNDEPULS_NO_BUILD: "1" });
    expect(sources.stderr).toBe("");
    expect(sources.stdout).toBe(bundled.stdout);
  }, 60_000);
});
