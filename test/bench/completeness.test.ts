// The bench's own check of a run (bench/lib/completeness.ts): `npm run bench -- --smoke` runs in
// .ci/run after `npm test` and exits 1 when a case is missing from its table or went unchecked.
import { describe, expect, it } from "vitest";
import { CASES_BY_GROUP, incompleteResults } from "../../bench/lib/completeness.ts";
import { renderTable, type CaseResult } from "../../bench/lib/report.ts";

function result(id: string, database: string, detail: Record<string, unknown> = {}): CaseResult {
  const checked = id === "import" || id.startsWith("http-") ? { storedCountOk: true } : id.startsWith("nps-") ? { figuresMatch: true } : {};
  return { case: `case ${id}`, id, database, size: "1", kundepuls: 1, baseline: 1, unit: "ms", ratio: 1, target: "≤ 1.5×", pass: true, detail: { ...checked, ...detail } };
}
const ALL = Object.values(CASES_BY_GROUP).flat();
const complete = (databases: string[]) => databases.flatMap((db) => ALL.map((id) => result(id, db)));
const settings = { providers: ["sqlite", "postgres"] as ("sqlite" | "postgres")[], only: null };

describe("a bench run's completeness", () => {
  it("a run with every case on every database, measured and checked, is complete", () => {
    expect(ALL).toHaveLength(8);
    expect(incompleteResults(settings, complete(["sqlite", "postgres"]))).toEqual([]);
  });

  it("names a case missing on one database, one not measured, and counts or figures not confirmed", () => {
    const results = complete(["sqlite", "postgres"]).filter((r) => !(r.id === "digest" && r.database === "postgres"));
    const at = (id: string, db: string) => results.find((r) => r.id === id && r.database === db)!;
    at("cold-start", "sqlite").kundepuls = null;
    at("import", "postgres").detail = { storedCountOk: false };
    at("http-batch1", "sqlite").detail = {};
    at("nps-this-year", "postgres").detail = { figuresMatch: false };
    expect(incompleteResults(settings, results)).toEqual([
      "http-batch1 (sqlite): stored count not confirmed",
      "cold-start (sqlite): not measured",
      "nps-this-year (postgres): figures not confirmed against the floor's counts",
      "import (postgres): stored count not confirmed",
      "digest (postgres): not in the table",
    ]);
  });

  it("expects only the databases and groups that were asked for", () => {
    const only = complete(["sqlite"]).filter((r) => r.id === "import" || r.id.startsWith("nps-"));
    expect(incompleteResults({ providers: ["sqlite"], only: ["nps", "import"] }, only)).toEqual([]);
    expect(incompleteResults({ providers: ["sqlite"], only: ["nps", "import", "digest"] }, only)).toEqual(["digest (sqlite): not in the table"]);
  });

  it("the printed table has its header and one line per result", () => {
    const results = complete(["sqlite", "postgres"]);
    results[0]!.case = "a | b";
    const table = renderTable(results);
    expect(table).toContain("| case | database | size | Kundepuls median | baseline median | ratio | target | pass/fail |");
    for (const r of results) expect(table).toContain(`| ${r.case.replace(/\|/g, "\\|")} | ${r.database} |`);
  });
});
