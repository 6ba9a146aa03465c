// `npm run bench -- --smoke` end to end, as a child process: every case runs on both databases,
// the table and bench results JSON list them all, and the stored counts match what was sent.
// Timings are never asserted here (they depend on the machine); the table reports them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runNode } from "../support/cli.ts";

const CASE_IDS = ["nps-this-month", "nps-this-year", "import", "http-batch1", "http-batch100", "digest", "cold-start", "idle-rss"];

interface Result {
  id: string;
  database: string;
  case: string;
  kundepuls: number | null;
  detail?: { storedCountOk?: boolean; figuresMatch?: boolean };
}

function runSmoke(out: string) {
  return runNode([path.join(ROOT, "bin", "run-ts.mjs"), "bench/run.ts", "--smoke", "--out", out], {});
}

describe("npm run bench -- --smoke", () => {
  it("runs every case on SQLite and PostgreSQL and every stored count matches", { timeout: 300_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-bench-smoke-"));
    try {
      const out = path.join(dir, "results.json");
      const run = await runSmoke(out);
      expect(run.code, `${run.stderr.slice(-3000)}\n${run.stdout}`).toBe(0);
      const results = (JSON.parse(fs.readFileSync(out, "utf8")) as { results: Result[] }).results;
      for (const database of ["sqlite", "postgres"]) {
        const ids = results.filter((r) => r.database === database).map((r) => r.id);
        expect(ids.sort()).toEqual([...CASE_IDS].sort());
      }
      for (const r of results) {
        expect(r.kundepuls, `${r.id} ${r.database} measured`).not.toBeNull();
        if (r.id === "import" || r.id.startsWith("http-")) expect(r.detail?.storedCountOk, `${r.id} ${r.database} stored count`).toBe(true);
        if (r.id.startsWith("nps-")) expect(r.detail?.figuresMatch, `${r.id} ${r.database} figures = floor's counts`).toBe(true);
      }
      // The printed table has its header and one line per result.
      expect(run.stdout).toContain("| case | database | size | Kundepuls median | baseline median | ratio | target | pass/fail |");
      for (const r of results) expect(run.stdout).toContain(`| ${r.case.replace(/\|/g, "\\|")} | ${r.database} |`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
