// The read side of the Answer table for NPS questions: the counting SQL (one statement for all of
// a question's intervals, optionally with the team list) and the arithmetic that turns its
// segment counts back into per-interval counts. AnswerStore runs these statements.
import { DETRACTOR_MAX, MAX_SCORE, MIN_SCORE, PROMOTER_MIN, type ScoreCounts } from "../core/nps.ts";
import { dbDate, type Dialect, type Interval } from "./sql.ts";

/** dbDate of an NPS interval boundary: the same period starts come up question after question. */
/** Counts are kept per segment and score: counts[segment * SCORES + score]. */
const SCORES = MAX_SCORE + 1;
const SCORE_VALUES = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => `(${MIN_SCORE + i})`).join(",");

const boundaryTexts: Record<Dialect, Map<number, string>> = { sqlite: new Map(), postgres: new Map() };
function boundaryText(dialect: Dialect, ms: number): string {
  const known = boundaryTexts[dialect];
  let text = known.get(ms);
  if (text === undefined) {
    if (known.size >= 4096) known.clear();
    text = dbDate(dialect, new Date(ms));
    known.set(ms, text);
  }
  return text;
}

/** NPS counts: the intervals' boundaries cut time into disjoint segments; per segment and score
 * one index seek on (filter, score, answeredAt) counts the answers, with no sort or scan of rows.
 * With `withScopes` the same statement also returns the team list (scopesSql), so an /nps
 * question can be answered in one round trip (NpsService.parse). */
export function histogramSql(dialect: Dialect, filter: { teamId?: number; touchpointId?: number }, withScopes = false): { sql: string; params: number[] } {
  const params: number[] = [];
  if (filter.teamId !== undefined) params.push(filter.teamId);
  if (filter.touchpointId !== undefined) params.push(filter.touchpointId);
  // The text depends only on which filters are set: built once per shape.
  const shape = `${dialect}/${filter.teamId !== undefined}/${filter.touchpointId !== undefined}/${withScopes}`;
  let sql = histogramSqlByShape.get(shape);
  if (sql === undefined) {
    sql = buildHistogramSql(dialect, filter.teamId !== undefined, filter.touchpointId !== undefined, withScopes);
    histogramSqlByShape.set(shape, sql);
  }
  return { sql, params };
}

const histogramSqlByShape = new Map<string, string>();

function buildHistogramSql(dialect: Dialect, byTeam: boolean, byTouchpoint: boolean, withScopes: boolean): string {
  const where: string[] = [];
  let n = 1; // PostgreSQL: $1 is the segments' JSON
  const p = () => (dialect === "sqlite" ? "?" : `$${++n}`);
  if (byTeam) where.push(`a."teamId" = ${p()}`);
  if (byTouchpoint) where.push(`a."touchpointId" = ${p()}`);
  const count = `(SELECT COUNT(*) FROM "Answer" a WHERE ${[...where, `a."score" = sc.s AND a."answeredAt" >= seg.f AND a."answeredAt" < seg.t`].join(" AND ")})`;
  // The counts come back as ONE text cell, "segment score count" triples joined by commas (read
  // by addCounts): Prisma maps every cell of a raw result one by one, which for 12 segments × 11
  // scores cost more than the whole statement's other client-side work.
  // PostgreSQL: MATERIALIZED reads the JSON once instead of inlining it into every count (~1.6× faster).
  const [counts, from] = dialect === "sqlite"
    ? [`group_concat(seg.i || ' ' || sc.s || ' ' || ${count}, ',')`, "seg, sc"]
    : [`string_agg(concat_ws(' ', seg.i, sc.s, ${count}), ',')`, `seg CROSS JOIN generate_series(${MIN_SCORE}, ${MAX_SCORE}) AS sc(s)`];
  const segments = dialect === "sqlite"
    ? `WITH seg(i, f, t) AS (SELECT key, value->>0, value->>1 FROM json_each(?)), sc(s) AS (VALUES ${SCORE_VALUES})`
    : `WITH seg AS MATERIALIZED (SELECT (x.ord - 1)::int AS i, (x.e->>0)::timestamp(3) AS f, (x.e->>1)::timestamp(3) AS t FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, ord))`;
  // The lists ride along as an uncorrelated subquery of the same SELECT (PostgreSQL runs a counts
  // aggregate wrapped in a subquery of its own ~5 % slower).
  return `${segments} SELECT ${withScopes ? `(${scopesSql(dialect)}) AS scopes, ` : ""}${counts} AS h FROM ${from}`;
}

/** Every team (with whether it has a current goal) and touchpoint. */
const SCOPES_ROWS = `SELECT 'team' AS kind, t."id" AS id, t."slug" AS slug, t."name" AS name,
    EXISTS (SELECT 1 FROM "Goal" g WHERE g."teamId" = t."id" AND g."supersededAt" IS NULL) AS goal FROM "Team" t
  UNION ALL SELECT 'touchpoint', "id", "name", "name", FALSE FROM "Touchpoint"`;
/** One row, one cell `j`: SCOPES_ROWS as a JSON array of [kind, id, slug or name, name, has goal]. */
export const scopesSql = (dialect: Dialect) =>
  `SELECT ${dialect === "sqlite" ? "json_group_array(json_array(x.kind, x.id, x.slug, x.name, x.goal))" : "json_agg(json_build_array(x.kind, x.id, x.slug, x.name, x.goal))::text"} AS j FROM (${SCOPES_ROWS}) x`;

export interface Scopes {
  /** sorted by slug; `hasGoal`: the team has a current (not superseded) goal */
  teams: { id: number; slug: string; name: string; hasGoal: boolean }[];
  /** sorted by name */
  touchpoints: { id: number; name: string }[];
}

export function parseScopes(json: string | null | undefined): Scopes {
  const rows = JSON.parse(json ?? "[]") as [string, number | string, string, string, number | boolean][];
  const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  const teams: (Scopes["teams"][number])[] = [];
  const touchpoints: { id: number; slug: string; name: string }[] = [];
  // Indexed loops, no destructuring: cheaper before the JIT has optimised them.
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r[0] === "team") teams.push({ id: Number(r[1]), slug: r[2], name: r[3], hasGoal: r[4] === true || r[4] === 1 });
    else touchpoints.push({ id: Number(r[1]), slug: r[2], name: r[3] });
  }
  return { teams: teams.sort(bySlug), touchpoints: touchpoints.sort(bySlug).map((t) => ({ id: t.id, name: t.name })) };
}

export type Histogram = { score: number; count: number }[];

/** Reads "segment score count" triples joined by commas into counts[segment * SCORES + score]
 * (a scan of the text: no strings or arrays per triple). */
function addCounts(counts: Float64Array, text: string): void {
  if (text === "") return;
  let field = 0;
  let value = 0;
  let segment = 0;
  let score = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44; // a final ","
    if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
    else if (c === 32) {
      if (field === 0) segment = value;
      else score = value;
      field++;
      value = 0;
    } else if (c === 44) {
      if (field !== 2 || score > MAX_SCORE || segment * SCORES >= counts.length) throw new Error(`unexpected histogram row from the database near ${i}: ${text.slice(Math.max(0, i - 20), i + 1)}`);
      counts[segment * SCORES + score] = value;
      field = 0;
      value = 0;
    } else throw new Error(`unexpected character in histogram from the database at ${i}: ${JSON.stringify(text[i])}`);
  }
}

/**
 * The intervals' boundaries cut time into gaps; a gap some interval covers is a segment the
 * database counts. An interval covers exactly the gaps from its from-boundary to its to-boundary,
 * so its histogram is the sum of those. Plain loops: this runs on every /nps question, often
 * before the JIT has optimised it.
 */
export function segmentIntervals(dialect: Dialect, intervals: Interval[]) {
  const n = intervals.length;
  const froms = new Float64Array(n);
  const tos = new Float64Array(n);
  const all = new Float64Array(2 * n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    froms[i] = intervals[i]!.from.getTime();
    tos[i] = intervals[i]!.to.getTime();
    if (froms[i]! < tos[i]!) {
      all[m++] = froms[i]!;
      all[m++] = tos[i]!;
    }
  }
  const boundaries = all.subarray(0, m).sort(); // a typed array sorts numerically, without a callback
  const cuts: number[] = [];
  const cutIndex = new Map<number, number>();
  for (let j = 0; j < boundaries.length; j++) {
    const c = boundaries[j]!;
    if (cuts.length > 0 && cuts[cuts.length - 1] === c) continue;
    cutIndex.set(c, cuts.length);
    cuts.push(c);
  }
  const segmentOfGap = new Int32Array(Math.max(0, cuts.length - 1)).fill(-1);
  for (let i = 0; i < n; i++) {
    if (!(froms[i]! < tos[i]!)) continue;
    for (let k = cutIndex.get(froms[i]!)!, end = cutIndex.get(tos[i]!)!; k < end; k++) segmentOfGap[k] = 0;
  }
  const segments: [string, string][] = [];
  for (let k = 0; k < segmentOfGap.length; k++) {
    if (segmentOfGap[k] === -1) continue;
    segmentOfGap[k] = segments.length;
    segments.push([boundaryText(dialect, cuts[k]!), boundaryText(dialect, cuts[k + 1]!)]);
  }
  return {
    count: segments.length,
    json: JSON.stringify(segments),
    /** Per interval, from the database's "segment score count,…" text (see histogramSql). */
    histograms(triples: string | null | undefined): Histogram[] {
      const counts = new Float64Array(segments.length * SCORES);
      addCounts(counts, triples ?? "");
      const out: Histogram[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const histogram: Histogram = [];
        out[i] = histogram;
        if (!(froms[i]! < tos[i]!)) continue;
        const first = cutIndex.get(froms[i]!)!;
        const end = cutIndex.get(tos[i]!)!;
        for (let score = MIN_SCORE; score <= MAX_SCORE; score++) {
          let total = 0;
          for (let k = first; k < end; k++) total += counts[segmentOfGap[k]! * SCORES + score]!;
          if (total > 0) histogram.push({ score, count: total });
        }
      }
      return out;
    },
    /** The same, folded into detractors, passives and promoters per interval (core/nps.ts's buckets). */
    scoreCounts(triples: string | null | undefined): ScoreCounts[] {
      const counts = new Float64Array(segments.length * SCORES);
      addCounts(counts, triples ?? "");
      const out: ScoreCounts[] = new Array(n);
      for (let i = 0; i < n; i++) {
        let detractors = 0;
        let passives = 0;
        let promoters = 0;
        if (froms[i]! < tos[i]!) {
          for (let k = cutIndex.get(froms[i]!)!, end = cutIndex.get(tos[i]!)!; k < end; k++) {
            const at = segmentOfGap[k]! * SCORES;
            let score = MIN_SCORE;
            for (; score <= DETRACTOR_MAX; score++) detractors += counts[at + score]!;
            for (; score < PROMOTER_MIN; score++) passives += counts[at + score]!;
            for (; score <= MAX_SCORE; score++) promoters += counts[at + score]!;
          }
        }
        out[i] = { promoters, passives, detractors };
      }
      return out;
    },
  };
}
