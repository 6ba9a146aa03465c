// CSV import: `kundepuls import FILE` as a child process (check, spool, store) against
// the floor (bench/baseline/import-raw.mjs: one csv-parse read + raw INSERTs in one transaction,
// or COPY), each into a fresh empty database. Rows/s from wall time; peak RSS from VmHWM.
import type { Dialect } from "../../src/store/sql.ts";
import path from "node:path";
import { writeCsv } from "../lib/data.ts";
import { createBenchDb, storedCount, tmpRoot } from "../lib/db.ts";
import { alternate, BIN, median, ROOT, runNode } from "../lib/measure.ts";
import type { CaseResult, Settings } from "../lib/report.ts";

const RAW = path.join(ROOT, "bench", "baseline", "import-raw.mjs");

export async function runImportCase(s: Settings, provider: Dialect, log: (m: string) => void): Promise<CaseResult> {
  const rows = s.importRows;
  const file = path.join(tmpRoot, `import-${s.seed}-${rows}.csv`);
  await writeCsv(file, s.seed, rows);
  const peaks: number[] = [];
  const baselinePeaks: number[] = [];
  const problems: string[] = [];
  const once = async (kundepuls: boolean): Promise<number> => {
    const db = await createBenchDb(provider, kundepuls ? "imp" : "raw");
    try {
      const run = kundepuls
        ? await runNode([BIN, "import", file, "--source", "bench", "--lang", "en"], { DATABASE_URL: db.databaseUrl, LOG_LEVEL: "warn" })
        : await runNode([RAW, file, db.databaseUrl, "bench"], {});
      if (run.code !== 0) throw new Error(`${kundepuls ? "kundepuls import" : "baseline"} failed (${run.code}): ${run.stderr.slice(-1500)}`);
      const stored = await storedCount(db, "bench");
      if (stored !== rows) problems.push(`${kundepuls ? "kundepuls" : "baseline"} stored ${stored} of ${rows}`);
      if (kundepuls && !run.stdout.includes(`created ${rows} · updated 0 · unchanged 0 · invalid 0`)) problems.push(`unexpected summary: ${run.stdout.trim()}`);
      (kundepuls ? peaks : baselinePeaks).push(run.peakMb);
      const rate = rows / (run.ms / 1000);
      log(`  import ${provider} ${kundepuls ? "kundepuls" : "baseline "} ${Math.round(rate)} rows/s, ${run.ms.toFixed(0)} ms, peak ${run.peakMb.toFixed(0)} MB`);
      return rate;
    } finally {
      await db.drop();
    }
  };
  const m = await alternate(s.importRounds, 0, () => once(true), () => once(false));
  const k = median(m.a);
  const b = median(m.b);
  const peak = Math.max(...peaks);
  const share = k / b;
  return {
    case: "CSV import, check + store (kundepuls import)",
    id: "import",
    database: provider,
    size: `${rows.toLocaleString("en-US")} rows`,
    kundepuls: k, baseline: b, unit: "rows/s", ratio: share,
    target: "≥ 0.50 of baseline rows/s, peak RSS < 250 MB",
    pass: share >= 0.5 && peak < 250 && problems.length === 0,
    note: `peak RSS ${peak.toFixed(0)} MB (baseline ${Math.max(...baselinePeaks).toFixed(0)} MB); stored count ${problems.length ? "MISMATCH: " + problems.join("; ") : "= rows"}`,
    detail: { rowsPerSecKundepuls: m.a, rowsPerSecBaseline: m.b, peakRssMb: peaks, baselinePeakRssMb: baselinePeaks, storedCountOk: problems.length === 0, problems },
  };
}
