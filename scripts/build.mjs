// Bundles the kundepuls CLI for run time: src/cli/main.ts → dist/main.js (ESM, node20) plus one
// chunk per lazy `import()` (Slack face, Teams runtime, each Prisma client), so those stay lazy.
// Packages stay imports from node_modules; the generated Prisma clients in src/store/generated are
// bundled like any other source file (their query compiler is loaded from @prisma/client at run
// time). Source maps (no embedded sources) let stack traces name the src/*.ts files.
//
// `node scripts/build.mjs [--outdir DIR]` builds (postinstall runs it); bin/kundepuls.mjs calls
// ensureBuilt(), which rebuilds only when a file under src/ or prisma/ (or this script,
// tsconfig.json, package.json) is newer than the last build. esbuild is imported only to build.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DIST = path.join(ROOT, "dist");
export const ENTRY = "main.js";
export const STAMP = ".build-stamp.json";
/** What a build is made from: a file or folder here changed (mtime or ctime) after a build started makes it stale. */
export const INPUTS = ["src", "prisma", "scripts/build.mjs", "tsconfig.json", "package.json"].map((p) => path.join(ROOT, p));
/** Files of an earlier build are kept this long after it, so a running process can still load its lazy chunks. */
export const KEEP_OLD_FILES_MS = 24 * 60 * 60 * 1000;
// Coarse file-system clocks can stamp a write a few ms before Date.now() said the build started.
const CLOCK_SLACK_MS = 100;

/** Why `outdir` needs a (re)build, or null when it is current. Reads only the stamp and mtimes. */
export function staleReason({ outdir = DIST, inputs = INPUTS } = {}) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(outdir, STAMP), "utf8"));
  } catch {
    return "no build yet";
  }
  if (typeof stamp?.startedAt !== "number" || !Array.isArray(stamp.files) || !stamp.files.every((f) => fs.existsSync(path.join(outdir, f))))
    return "incomplete build";
  const newer = newerThan(inputs, stamp.startedAt - CLOCK_SLACK_MS);
  if (!newer) return null;
  const shown = path.relative(ROOT, newer);
  return `${shown && !shown.startsWith("..") ? shown : newer} changed`;
}

/** The first path (depth first) changed after `since`; a deleted or renamed file shows as its folder's change. */
function newerThan(paths, since) {
  for (const p of paths) {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      continue;
    }
    if (Math.max(st.mtimeMs, st.ctimeMs) > since) return p;
    if (st.isDirectory()) {
      const hit = newerThan(fs.readdirSync(p).map((name) => path.join(p, name)), since);
      if (hit) return hit;
    }
  }
  return null;
}

/** Rebuilds `outdir` if it is stale; returns the path of its main.js. */
export async function ensureBuilt({ outdir = DIST, inputs = INPUTS } = {}) {
  if (staleReason({ outdir, inputs }) !== null) await build({ outdir, keepOldFilesMs: KEEP_OLD_FILES_MS });
  return path.join(outdir, ENTRY);
}

/**
 * Builds into `outdir`. Every file is written to a temporary name and renamed, chunks before
 * main.js and the stamp last, so a process starting meanwhile sees the old build or the new one.
 * Chunk names carry a content hash; files no longer produced are removed once older than
 * `keepOldFilesMs`.
 */
export async function build({ outdir = DIST, keepOldFilesMs = 0 } = {}) {
  const startedAt = Date.now();
  outdir = path.resolve(outdir);
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch (error) {
    throw Object.assign(new Error(`esbuild is not installed (${error.message})`), { code: "KUNDEPULS_NO_ESBUILD" });
  }
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [path.join(ROOT, "src", "cli", "main.ts")],
      outdir,
      entryNames: "[name]",
      chunkNames: "[name]-[hash]",
      bundle: true,
      packages: "external",
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "linked",
      sourcesContent: false,
      legalComments: "none",
      write: false,
      logLevel: "silent",
      plugins: [sourceFileUrls(outdir)],
    });
  } catch (error) {
    // One line for the caller (bin/kundepuls.mjs prints it); esbuild's full report as `details`.
    const [first] = error.errors ?? [];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : "";
    const more = (error.errors?.length ?? 0) > 1 ? ` (and ${error.errors.length - 1} more)` : "";
    const details = error.errors?.length ? (await esbuild.formatMessages(error.errors, { kind: "error" })).join("") : String(error.stack ?? error);
    throw Object.assign(new Error(`build failed: ${where}${first?.text ?? error.message}${more}`), { details });
  } finally {
    await esbuild.stop?.(); // no esbuild service process left behind a long-running `start`
  }
  fs.mkdirSync(outdir, { recursive: true });
  const entry = path.join(outdir, ENTRY);
  const last = (file) => (file.path === entry ? 2 : file.path === `${entry}.map` ? 1 : 0);
  const files = [...result.outputFiles].sort((a, b) => last(a) - last(b));
  for (const file of files) writeAtomically(file.path, file.contents);
  const names = files.map((file) => path.relative(outdir, file.path));
  writeAtomically(path.join(outdir, STAMP), `${JSON.stringify({ startedAt, finishedAt: Date.now(), esbuild: esbuild.version, files: names }, null, 2)}\n`);
  pruneOldFiles(outdir, new Set([...names, STAMP]), keepOldFilesMs);
  return { outdir, entry, files: names, ms: Date.now() - startedAt };
}

/**
 * A bundled module no longer sits where its source did, so `import.meta.url` in src (e.g. the
 * migration runner's `new URL("../../prisma/", import.meta.url)`, the generated Prisma client's
 * __dirname) is rewritten to the URL of the source file, relative to the output folder: the code
 * behaves as it does from src/, and a moved checkout still works.
 */
function sourceFileUrls(outdir) {
  const loaders = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "jsx" };
  return {
    name: "kundepuls-source-file-urls",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, "utf8");
        if (!text.includes("import.meta")) return undefined;
        const unsupported = /\bimport\.meta\.(dirname|filename|resolve)\b/.exec(text);
        if (unsupported)
          return { errors: [{ text: `${unsupported[0]} would name dist/, not this file, once bundled: use new URL(…, import.meta.url)` }] };
        const relative = path.relative(outdir, args.path).split(path.sep).join("/");
        const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return { contents: text.replace(/\bimport\.meta\.url\b/g, url), loader: loaders[path.extname(args.path)] ?? "default" };
      });
    },
  };
}

function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

function pruneOldFiles(outdir, current, keepMs) {
  const now = Date.now();
  for (const entry of fs.readdirSync(outdir, { withFileTypes: true })) {
    if (!entry.isFile() || current.has(entry.name) || !/\.(js|js\.map|tmp)$/.test(entry.name)) continue;
    const file = path.join(outdir, entry.name);
    try {
      const keep = entry.name.endsWith(".tmp") ? Math.max(keepMs, 60_000) : keepMs; // a .tmp may be another build's, mid-write
      if (now - fs.statSync(file).mtimeMs >= keep) fs.rmSync(file, { force: true });
    } catch {
      // gone already (another build pruned it)
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const at = process.argv.indexOf("--outdir");
  const outdir = at > 0 ? path.resolve(process.argv[at + 1] ?? "") : DIST;
  try {
    const done = await build({ outdir });
    console.log(`kundepuls: built ${path.relative(process.cwd(), done.entry) || done.entry} (${done.files.length} files, ${done.ms} ms)`);
  } catch (error) {
    process.stderr.write(`kundepuls: ${error.details ?? error.message}\n`);
    process.exitCode = 1;
  }
}
