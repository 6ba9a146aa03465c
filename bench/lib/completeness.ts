// What a bench run must hold to count: every case of every database it was asked for, measured,
// with its correctness check done and passed. run.ts exits 1 otherwise, so the smoke run in
// .ci/run fails when a case drops out of the table or a stored count goes unchecked.
import type { CaseResult, Settings } from "./report.ts";

/** The case ids each `--only` group produces (nps: one per period of run.ts's NPS_PERIODS). */
export const CASES_BY_GROUP: Readonly<Record<string, readonly string[]>> = {
  nps: ["nps-this-month", "nps-this-year"],
  import: ["import"],
  http: ["http-batch1", "http-batch100"],
  digest: ["digest"],
  start: ["cold-start", "idle-rss"],
};

/** What is missing or unchecked, one line each; empty when the run is complete. */
export function incompleteResults(settings: Pick<Settings, "providers" | "only">, results: readonly CaseResult[]): string[] {
  const problems: string[] = [];
  const ids = Object.entries(CASES_BY_GROUP).flatMap(([group, ids]) => (!settings.only || settings.only.includes(group) ? ids : []));
  for (const database of settings.providers) {
    for (const id of ids) {
      const r = results.find((x) => x.id === id && x.database === database);
      if (!r) {
        problems.push(`${id} (${database}): not in the table`);
        continue;
      }
      if (r.kundepuls === null) problems.push(`${id} (${database}): not measured`);
      if ((id === "import" || id.startsWith("http-")) && r.detail?.storedCountOk !== true) problems.push(`${id} (${database}): stored count not confirmed`);
      if (id.startsWith("nps-") && r.detail?.figuresMatch !== true) problems.push(`${id} (${database}): figures not confirmed against the floor's counts`);
    }
  }
  return problems;
}
