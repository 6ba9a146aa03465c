// npm run bench [-- --smoke | --full] [--db sqlite,postgres] [--only nps,import,http,digest,start]
//   [--seed N] [--nps-answers N] [--import-rows N] [--http-seconds N] [--rounds N] [--out FILE]
// Builds its own deterministic data, runs every case against its floor (alternating, after a
// warm-up), prints a table and writes bench/results.json (or --out). Exit code 1 only when a case
// could not run, is missing from the table, or its stored count (nps: its figures) was wrong or
// unchecked; missed targets (and HTTP errors) show as FAIL.
import type { Dialect } from "../src/store/sql.ts";
import os from "node:os";
import { parseArgs } from "node:util";
import { runDigestCase } from "./cases/digest.ts";
import { runHttpCases } from "./cases/http.ts";
import { runImportCase } from "./cases/import.ts";
import { runNpsCase } from "./cases/nps.ts";
import { runStartCases } from "./cases/start.ts";
import { incompleteResults } from "./lib/completeness.ts";
import { createBenchDb, seedAnswers } from "./lib/db.ts";
import { renderTable, writeResults, type CaseResult, type Settings } from "./lib/report.ts";

const USAGE = `usage: npm run bench [-- --smoke | --full] [--db sqlite,postgres] [--only nps,import,http,digest,start]
  [--seed N] [--nps-answers N] [--import-rows N] [--http-seconds N] [--rounds N] [--out FILE]
Runs every case against its floor and prints a table (docs/benchmarks.md).\n`;

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        help: { type: "boolean", default: false },
        smoke: { type: "boolean", default: false },
        full: { type: "boolean", default: false },
        db: { type: "string", default: "sqlite,postgres" },
        only: { type: "string" },
        seed: { type: "string", default: "20261128" },
        "nps-answers": { type: "string" },
        "import-rows": { type: "string" },
        "http-seconds": { type: "string" },
        rounds: { type: "string" },
        out: { type: "string" },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
const { values } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const mode: Settings["mode"] = values.smoke ? "smoke" : values.full ? "full" : "default";
const SIZES: Record<Settings["mode"], Omit<Settings, "mode" | "seed" | "providers" | "only">> = {
  smoke: { warmup: 1, npsAnswers: 5_000, npsRounds: 5, importRows: 2_000, importRounds: 1, httpSeconds: 0, httpSmokeRequests: 20, httpRounds: 1,
    httpConnections: 4, digestTeams: 20, digestAnswers: 2_000, digestRounds: 1, startRounds: 1 },
  default: { warmup: 3, npsAnswers: 1_000_000, npsRounds: 15, importRows: 50_000, importRounds: 2, httpSeconds: 5, httpSmokeRequests: 0, httpRounds: 2,
    httpConnections: 10, digestTeams: 200, digestAnswers: 200_000, digestRounds: 3, startRounds: 3 },
  full: { warmup: 5, npsAnswers: 1_000_000, npsRounds: 21, importRows: 1_000_000, importRounds: 2, httpSeconds: 30, httpSmokeRequests: 0, httpRounds: 3,
    httpConnections: 10, digestTeams: 200, digestAnswers: 1_000_000, digestRounds: 3, startRounds: 5 },
};
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v.replace(/_/g, "")));
const base = SIZES[mode];
const settings: Settings = {
  ...base,
  mode,
  seed: num(values.seed, 20261128),
  providers: values.db!.split(",").map((d) => d.trim()).filter((d): d is Dialect => d === "sqlite" || d === "postgres"),
  only: values.only ? values.only.split(",").map((c) => c.trim()) : null,
  npsAnswers: num(values["nps-answers"], base.npsAnswers),
  importRows: num(values["import-rows"], base.importRows),
  httpSeconds: num(values["http-seconds"], base.httpSeconds),
  httpSmokeRequests: values["http-seconds"] ? 0 : base.httpSmokeRequests,
  ...(values.rounds ? { npsRounds: num(values.rounds, 0), importRounds: num(values.rounds, 0), httpRounds: num(values.rounds, 0), digestRounds: num(values.rounds, 0), startRounds: num(values.rounds, 0) } : {}),
};

const log = (m: string) => process.stderr.write(`${m}\n`);
const wants = (c: string) => !settings.only || settings.only.includes(c);
const NPS_PERIODS = ["this month", "this year"];
const results: CaseResult[] = [];
let broken = false;

async function step(label: string, provider: string, run: () => Promise<CaseResult | CaseResult[]>): Promise<void> {
  const t0 = Date.now();
  const load = os.loadavg()[0]!;
  log(`▶ ${label} (${provider}) …`);
  try {
    const out = await run();
    for (const r of Array.isArray(out) ? out : [out]) {
      r.detail = { ...r.detail, loadAvgBefore: load, loadAvgAfter: os.loadavg()[0] };
      results.push(r);
      if (r.detail?.storedCountOk === false || r.detail?.figuresMatch === false) {
        broken = true;
        log(`  correctness check failed: ${r.note}`);
      }
      log(`  ${r.case}: ${r.kundepuls?.toFixed(2)} ${r.unit} vs ${r.baseline?.toFixed(2) ?? "—"} → ${r.pass === null ? "report" : r.pass ? "PASS" : "FAIL"}`);
    }
  } catch (error) {
    broken = true;
    const message = (error as Error).message ?? String(error);
    log(`  ${label} failed: ${message}`);
    results.push({ case: label, id: label, database: provider, size: "—", kundepuls: null, baseline: null, unit: "", ratio: null,
      target: "runs", pass: false, note: `could not run: ${message.split("\n")[0]!.slice(0, 300)}` });
  }
  log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

const started = Date.now();
log(`Kundepuls bench: ${mode} mode, databases ${settings.providers.join(" + ")}, seed ${settings.seed}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}`);
for (const provider of settings.providers) {
  if (wants("nps")) {
    const db = await createBenchDb(provider, "nps");
    try {
      log(`▶ seeding ${settings.npsAnswers.toLocaleString("en-US")} answers (${provider}) …`);
      await seedAnswers(db, settings.seed, settings.npsAnswers);
      for (const period of NPS_PERIODS) await step(`/nps ${period}`, provider, () => runNpsCase(settings, provider, db, period, settings.npsAnswers));
    } finally {
      await db.drop();
    }
  }
  if (wants("import")) await step("CSV import", provider, () => runImportCase(settings, provider, log));
  if (wants("http")) await step("POST /api/responses", provider, () => runHttpCases(settings, provider, [1, 100], log));
  if (wants("digest")) await step("digest", provider, () => runDigestCase(settings, provider));
  if (wants("start")) await step("cold start", provider, () => runStartCases(settings, provider, log));
}

const table = renderTable(results);
process.stdout.write(`\n${table}\n`);
const incomplete = incompleteResults(settings, results);
for (const problem of incomplete) log(`  incomplete run: ${problem}`);
if (incomplete.length > 0) broken = true;
const file = writeResults(settings, results, values.out);
log(`wrote ${file} · ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
process.exit(broken ? 1 : 0);
