// Settings for one run and the result table (stdout) / bench/results.json.
import type { Dialect } from "../../src/store/sql.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./measure.ts";

export interface Settings {
  mode: "smoke" | "default" | "full";
  seed: number;
  providers: Dialect[];
  only: string[] | null;
  warmup: number;
  /** /nps */
  npsAnswers: number;
  npsRounds: number;
  /** CSV import */
  importRows: number;
  importRounds: number;
  /** POST /api/responses */
  httpSeconds: number;
  /** smoke: a fixed number of requests per run instead of a calibrated duration */
  httpSmokeRequests: number;
  httpRounds: number;
  httpConnections: number;
  /** digest */
  digestTeams: number;
  digestAnswers: number;
  digestRounds: number;
  /** cold start */
  startRounds: number;
}

export interface CaseResult {
  case: string;
  id: string;
  database: string;
  size: string;
  kundepuls: number | null;
  baseline: number | null;
  unit: string;
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
  detail?: Record<string, unknown>;
}

const fmt = (v: number | null, unit: string) => {
  if (v === null || !Number.isFinite(v)) return "—";
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
};

export function renderTable(results: CaseResult[]): string {
  const head = ["case", "database", "size", "Kundepuls median", "baseline median", "ratio", "target", "pass/fail"];
  const rows = results.map((r) => [
    r.case, r.database, r.size, fmt(r.kundepuls, r.unit), fmt(r.baseline, r.unit),
    r.ratio === null || !Number.isFinite(r.ratio) ? "—" : r.ratio >= 1 ? r.ratio.toFixed(2) : r.ratio.toPrecision(2), r.target,
    r.pass === null ? "report" : r.pass ? "PASS" : "FAIL",
  ]);
  const lines = [head, head.map(() => "---"), ...rows].map((cells) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
  const notes = results.filter((r) => r.note).map((r) => `- ${r.case} (${r.database}): ${r.note}`);
  return lines.join("\n") + (notes.length ? `\n\n${notes.join("\n")}` : "") + "\n";
}

export function writeResults(settings: Settings, results: CaseResult[], file = path.join(ROOT, "bench", "results.json")): string {
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` };
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine, settings, results }, null, 2) + "\n");
  return file;
}
