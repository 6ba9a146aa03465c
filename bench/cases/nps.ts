// `/nps <period> <team>` as a chat face asks it (ChatCommandService.handle: parse → NpsService
// report WITH the 12-bucket trend → message), against one hand-written SQL aggregate that
// computes the same figures (period, previous period, 12 trend buckets) in one index range scan.
import type { Dialect } from "../../src/store/sql.ts";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { createApp, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { parsePeriod, previousPeriod, trendBuckets, type Period } from "../../src/core/periods.ts";
import { BENCH_NOW, TEAMS } from "../lib/data.ts";
import { createBenchDb, seedAnswers, type BenchDb } from "../lib/db.ts";
import { alternate, median, msSince } from "../lib/measure.ts";
import type { CaseResult, Settings } from "../lib/report.ts";

const TIME_ZONE = "Europe/Copenhagen";

/** Every [from, to) the chat answer needs: the period, the previous one, the 12 trend buckets. */
export function periodFor(periodText: string, now: Date): Period {
  const parsed = parsePeriod(periodText, now, TIME_ZONE);
  if (!parsed.ok) throw new Error(`bad period ${periodText}`);
  return parsed.period;
}
export function intervalsFor(periodText: string, now: Date): { from: Date; to: Date }[] {
  const p = periodFor(periodText, now);
  return [p, previousPeriod(p, TIME_ZONE), ...trendBuckets(p, now, TIME_ZONE)];
}

/**
 * The floor: the distinct boundaries cut the span into segments, and ONE statement counts
 * answers per (segment, score) with an index seek each on (teamId, score, answeredAt) — the
 * cheapest plan on these indexes (a GROUP BY over the range sorts every row; see docs/benchmarks.md).
 */
export function baselineQuery(provider: Dialect, intervals: { from: Date; to: Date }[]) {
  const cuts = [...new Set(intervals.flatMap((i) => [i.from.getTime(), i.to.getTime()]))].sort((a, b) => a - b);
  const segs = cuts.slice(1).map((t, k) => [cuts[k]!, t] as const);
  if (provider === "sqlite") {
    const iso = (t: number) => new Date(t).toISOString().replace("Z", "+00:00");
    const sql = `WITH seg(i, f, t) AS (VALUES ${segs.map((_, k) => `(${k}, ?, ?)`).join(", ")}),
      sc(s) AS (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10))
      SELECT seg.i, sc.s, (SELECT COUNT(*) FROM "Answer" WHERE "teamId" = ? AND "score" = sc.s AND "answeredAt" >= seg.f AND "answeredAt" < seg.t) AS n
      FROM seg, sc`;
    return { sql, params: (teamId: number) => [...segs.flatMap(([f, t]) => [iso(f), iso(t)]), teamId] };
  }
  const ts = (t: number) => new Date(t).toISOString().replace("T", " ").replace("Z", "");
  const sql = `SELECT seg.i, sc.s, (SELECT COUNT(*) FROM "Answer" WHERE "teamId" = $3 AND "score" = sc.s AND "answeredAt" >= seg.f AND "answeredAt" < seg.t) AS n
    FROM unnest($1::timestamp(3)[], $2::timestamp(3)[]) WITH ORDINALITY AS seg(f, t, i), generate_series(0, 10) AS sc(s)`;
  return { sql, params: (teamId: number) => [segs.map(([f]) => ts(f)), segs.map(([, t]) => ts(t)), teamId] };
}

export async function runNpsCase(s: Settings, provider: Dialect, db: BenchDb | null, periodText: string, answers: number): Promise<CaseResult> {
  const own = db ?? (await createBenchDb(provider, "nps"));
  if (!db) await seedAnswers(own, s.seed, answers);
  const app = await createApp(loadConfig({ DATABASE_URL: own.databaseUrl, LOG_LEVEL: "error" }), silentLogger);
  const team = TEAMS[0]!;
  const text = `/nps ${periodText} ${team}`;
  const ctx = { platform: "console" as const, channelId: null, userId: "bench", now: BENCH_NOW };
  const q = baselineQuery(provider, intervalsFor(periodText, BENCH_NOW));
  const teamId = TEAMS.indexOf(team) + 1;
  let raw: () => Promise<{ i: number | string; s: number | string; n: number | string }[]>;
  let closeRaw: () => Promise<void>;
  if (provider === "sqlite") {
    const conn = new Sqlite(own.target.url, { readonly: true });
    const stmt = conn.prepare(q.sql);
    raw = async () => stmt.all(...q.params(teamId)) as { i: number; s: number; n: number }[];
    closeRaw = async () => void conn.close();
  } else {
    const pool = new pg.Pool({ connectionString: own.databaseUrl, max: 2 });
    raw = async () => (await pool.query({ name: "bench-nps", text: q.sql, values: q.params(teamId) as unknown[] })).rows;
    closeRaw = () => pool.end();
  }
  let replyOk = true;
  const kundepuls = async () => {
    const t0 = process.hrtime.bigint();
    const reply = await app.commands.handle(text, ctx);
    const ms = msSince(t0);
    if (reply.message.kind !== "npsAnswer") replyOk = false;
    return ms;
  };
  const baseline = async () => {
    const t0 = process.hrtime.bigint();
    await raw();
    return msSince(t0);
  };
  try {
    const figuresMatch = await sameFigures(app, periodText, team, await raw(), provider === "postgres" ? 1 : 0);
    const m = await alternate(s.npsRounds, s.warmup, kundepuls, baseline);
    const k = median(m.a);
    const b = median(m.b);
    const ratio = k / b;
    const absolute = provider === "sqlite" ? k < 50 : true;
    return {
      case: `/nps "${periodText}" ${team} (chat path, 12-bucket trend)`,
      id: `nps-${periodText.replace(/\s+/g, "-")}`,
      database: provider,
      size: `${answers.toLocaleString("en-US")} answers`,
      kundepuls: k, baseline: b, unit: "ms", ratio,
      target: provider === "sqlite" ? "ratio ≤ 1.5, < 50 ms" : "ratio ≤ 1.5",
      pass: ratio <= 1.5 && absolute && replyOk && figuresMatch,
      ...(figuresMatch ? {} : { note: "Kundepuls' figures differ from the floor's counts" }),
      detail: { samplesKundepuls: m.a, samplesBaseline: m.b, replyOk, figuresMatch, sql: q.sql.replace(/\s+/g, " ") },
    };
  } finally {
    await closeRaw();
    await app.close();
    if (!db) await own.drop();
  }
}

/** Correctness: the report's figures (period, previous period, every trend bucket) equal the floor's counts. */
async function sameFigures(app: App, periodText: string, team: string, rows: { i: number | string; s: number | string; n: number | string }[], firstSegment: number): Promise<boolean> {
  const intervals = intervalsFor(periodText, BENCH_NOW);
  const cuts = [...new Set(intervals.flatMap((i) => [i.from.getTime(), i.to.getTime()]))].sort((a, b) => a - b);
  const count = (iv: { from: Date; to: Date }, scores: (s: number) => boolean) =>
    rows.reduce((sum, r) => {
      const k = Number(r.i) - firstSegment;
      const inside = iv.from.getTime() <= cuts[k]! && cuts[k + 1]! <= iv.to.getTime();
      return inside && scores(Number(r.s)) ? sum + Number(r.n) : sum;
    }, 0);
  const figures = (iv: { from: Date; to: Date }) => ({
    responses: count(iv, () => true), promoters: count(iv, (s) => s >= 9), detractors: count(iv, (s) => s <= 6),
  });
  const [period, previous, ...buckets] = intervals;
  const report = await app.nps.report({ period: periodFor(periodText, BENCH_NOW), team, withTrend: true, now: BENCH_NOW });
  const pick = (f: { responses: number; promoters: number; detractors: number }) => ({ responses: f.responses, promoters: f.promoters, detractors: f.detractors });
  const want = JSON.stringify([figures(period!), figures(previous!), buckets.map((b) => figures(b).responses)]);
  const got = JSON.stringify([pick(report.figures), pick(report.previous.figures), (report.trend ?? []).map((t) => t.responses)]);
  return want === got;
}
