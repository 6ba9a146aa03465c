// The daily digest for 200 teams: DigestService.run(now, { force, dryRun }) builds every team's
// digest message (figures, comparison, trend, best quote, open cases) without queueing it.
// If the digest builder is absent, the equivalent figures are measured instead and labelled so.
import type { Dialect } from "../../src/store/sql.ts";
import { createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { BENCH_NOW } from "../lib/data.ts";
import { createBenchDb, seedAnswers } from "../lib/db.ts";
import { alternate, median, msSince } from "../lib/measure.ts";
import type { CaseResult, Settings } from "../lib/report.ts";
import { parsePeriod } from "../../src/core/periods.ts";

type DigestRun = (now: Date, opts: { force?: boolean; dryRun?: boolean }) => Promise<{ team: string; message?: unknown }[]>;

export async function runDigestCase(s: Settings, provider: Dialect): Promise<CaseResult> {
  const teams = Array.from({ length: s.digestTeams }, (_, i) => `team-${String(i + 1).padStart(3, "0")}`);
  const db = await createBenchDb(provider, "digest");
  await seedAnswers(db, s.seed, s.digestAnswers, teams);
  const app = await createApp(loadConfig({ DATABASE_URL: db.databaseUrl, LOG_LEVEL: "error" }), silentLogger, { consoleOut: () => {} });
  const digests = (app as unknown as { digests?: { run?: DigestRun } }).digests;
  const real = typeof digests?.run === "function";
  let built = 0;
  const buildAll = async () => {
    const t0 = process.hrtime.bigint();
    if (real) {
      const results = await digests!.run!.call(digests, BENCH_NOW, { force: true, dryRun: true });
      built = results.filter((r) => r.message).length;
    } else {
      const rolling = parsePeriod("last 30 days", BENCH_NOW, app.config.TIME_ZONE);
      if (!rolling.ok) throw new Error("period");
      for (const team of teams) await app.nps.report({ period: rolling.period, team, now: BENCH_NOW });
      built = teams.length;
    }
    return msSince(t0) / teams.length;
  };
  try {
    // No floor to alternate with: the second function is a no-op so the shape stays the same.
    const m = await alternate(s.digestRounds, 1, buildAll, async () => 0);
    const perTeam = median(m.a);
    return {
      case: real ? `digest build (DigestService.run, dry run) for ${teams.length} teams` : `digest figures (report per team) for ${teams.length} teams`,
      id: "digest",
      database: provider,
      size: `${s.digestAnswers.toLocaleString("en-US")} answers`,
      kundepuls: perTeam, baseline: null, unit: "ms/team", ratio: null,
      target: "report time per team",
      pass: built === teams.length ? null : false,
      note: `${(perTeam * teams.length / 1000).toFixed(2)} s for all ${teams.length} teams; ${built} digests built${real ? "" : " (digest builder absent: rolling 30 days + previous 30 days via NpsService.report)"}`,
      detail: { msPerTeam: m.a, built, realDigestBuilder: real },
    };
  } finally {
    await app.close();
    await db.drop();
  }
}
