// The queries behind /nps and a goal line, on both databases: the histograms of many overlapping
// intervals (one statement), the team list with its goal flag, the goal's progress from one
// histogram query, and the report asking for a goal only when the team may have one.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { goalProgress } from "../../src/core/goals.ts";
import { computeNps, countsFromHistogram } from "../../src/core/nps.ts";
import { parsePeriod, trendBuckets } from "../../src/core/periods.ts";
import { GoalService, ROLLING_DAYS } from "../../src/services/goal-service.ts";
import { NpsService } from "../../src/services/nps-service.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";
import { createRepositories } from "../../src/store/repositories.ts";

const TZ = "Europe/Copenhagen";
const DAY = 86_400_000;
const NOW = new Date("2026-11-20T10:00:00Z");

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  score: number;
  teamId: number | null;
  touchpointId: number | null;
  answeredAt: Date;
}

describe.each(PROVIDERS)("NPS report queries on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let answers: AnswerStore;
  let goals: GoalService;
  const rows: Row[] = [];
  const team = { support: 0, salg: 0, tom: 0 };
  let telefon = 0;

  beforeAll(async () => {
    env = await migratedDatabase(provider);
    const prisma = env.db.prisma;
    answers = new AnswerStore(prisma);
    goals = new GoalService(createRepositories(prisma), answers, TZ, 5);
    team.support = (await prisma.team.create({ data: { slug: "support", name: "Kundeservice" } })).id;
    team.salg = (await prisma.team.create({ data: { slug: "salg", name: "Salg" } })).id;
    team.tom = (await prisma.team.create({ data: { slug: "tom", name: "Tom" } })).id;
    telefon = (await prisma.touchpoint.create({ data: { name: "telefon" } })).id;
    const chat = (await prisma.touchpoint.create({ data: { name: "chat" } })).id;
    const r = prng(7);
    const month = parsePeriod("this month", NOW, TZ);
    if (!month.ok) throw new Error("period");
    const monthStarts = trendBuckets(month.period, NOW, TZ).map((b) => b.from);
    // 600 answers over the 15 months before NOW, some exactly on local month starts (boundaries).
    for (let i = 0; i < 600; i++) {
      const answeredAt = i % 25 === 0 ? monthStarts[i % 12]! : new Date(Math.floor((NOW.getTime() - r() * 450 * DAY) / 1000) * 1000);
      rows.push({
        score: Math.floor(r() * 11),
        teamId: i % 7 === 0 ? null : i % 3 === 0 ? team.salg : team.support,
        touchpointId: i % 2 === 0 ? telefon : i % 5 === 0 ? null : chat,
        answeredAt,
      });
    }
    await prisma.answer.createMany({
      data: rows.map((a, i) => ({ source: "test", externalId: `t${i}`, contentHash: `h${i}`, ...a })),
    });
  });
  afterAll(async () => env?.dispose());

  const histogram = (filter: { teamId?: number; touchpointId?: number }, from: Date, to: Date) => {
    const counts = new Array<number>(11).fill(0);
    for (const a of rows) {
      if (filter.teamId !== undefined && a.teamId !== filter.teamId) continue;
      if (filter.touchpointId !== undefined && a.touchpointId !== filter.touchpointId) continue;
      if (a.answeredAt >= from && a.answeredAt < to) counts[a.score]!++;
    }
    return counts.flatMap((count, score) => (count > 0 ? [{ score, count }] : []));
  };

  it("counts many overlapping, touching, empty and reversed intervals in one query, as a hand count does", async () => {
    const r = prng(11);
    const at = () => new Date(NOW.getTime() - Math.floor(r() * 480 * DAY));
    const intervals = Array.from({ length: 40 }, () => {
      const a = at();
      const b = r() < 0.1 ? a : at(); // some empty, some reversed
      return { from: a, to: b };
    });
    const month = parsePeriod("this month", NOW, TZ);
    if (!month.ok) throw new Error("period");
    intervals.push(month.period, ...trendBuckets(month.period, NOW, TZ)); // touching at the boundaries
    for (const filter of [{}, { teamId: team.support }, { touchpointId: telefon }, { teamId: team.salg, touchpointId: telefon }, { teamId: team.tom }]) {
      const want = intervals.map((i) => histogram(filter, i.from, i.to));
      expect(await answers.scoreHistograms(filter, intervals)).toEqual(want);
      expect(await answers.scoreCounts(filter, intervals)).toEqual(want.map((h) => countsFromHistogram(h)));
    }
    expect(await answers.scoreHistograms({}, [])).toEqual([]);
    expect(await answers.scoreCounts({}, [])).toEqual([]);
    const empty = { from: NOW, to: NOW };
    expect(await answers.scoreCounts({}, [empty])).toEqual([{ promoters: 0, passives: 0, detractors: 0 }]);
    const both = await answers.scopesAndScoreCounts({ teamId: team.support }, intervals);
    expect(both.counts).toEqual(intervals.map((i) => countsFromHistogram(histogram({ teamId: team.support }, i.from, i.to))));
    expect(both.scopes).toEqual(await answers.scopes());
    expect(await answers.scopesAndScoreCounts({}, [empty])).toEqual({ scopes: await answers.scopes(), counts: [{ promoters: 0, passives: 0, detractors: 0 }] });
  });

  it("the team list says which teams have a current goal", async () => {
    const flags = async () => Object.fromEntries((await answers.scopes()).teams.map((t) => [t.slug, t.hasGoal]));
    expect(await flags()).toEqual({ salg: false, support: false, tom: false });
    await goals.set("support", { targetNps: 10, dueAt: new Date("2027-06-30T21:59:59Z"), minResponses: null, by: "test" }, new Date(NOW.getTime() - 200 * DAY));
    await goals.set("support", { targetNps: 30, dueAt: new Date("2027-11-30T22:59:59Z"), minResponses: 5, by: "test" }, new Date(NOW.getTime() - 100 * DAY));
    expect(await flags()).toEqual({ salg: false, support: true, tom: false });
    // a team whose only goal was superseded (not reachable through `set`, but the flag must say no)
    await env.db.prisma.goal.create({
      data: { teamId: team.tom, targetNps: 5, startsAt: NOW, dueAt: new Date(NOW.getTime() + 90 * DAY), supersededAt: NOW, createdAt: NOW },
    });
    expect(await flags()).toEqual({ salg: false, support: true, tom: false });
    expect((await answers.scopes()).touchpoints.map((t) => t.name)).toEqual(["chat", "telefon"]);
  });

  it("a goal's progress from one histogram query equals the figures counted one interval at a time", async () => {
    for (const now of [NOW, new Date("2026-12-01T00:30:00Z"), new Date("2027-03-29T01:30:00Z")]) {
      const goal = (await goals.current(team.support))!;
      const nps = (from: Date, to: Date) => computeNps(countsFromHistogram(histogram({ teamId: team.support }, from, to)), 5);
      const rolling = nps(new Date(now.getTime() - ROLLING_DAYS * DAY), now);
      const baseline = nps(new Date(goal.startsAt.getTime() - ROLLING_DAYS * DAY), goal.startsAt);
      const month = parsePeriod("this month", now, TZ);
      if (!month.ok) throw new Error("period");
      const history = trendBuckets(month.period, now, TZ).map((b) => ({ at: new Date(Math.min(b.to.getTime(), now.getTime())), nps: nps(b.from, b.to).nps }));
      const want = goalProgress(
        { targetNps: goal.targetNps, minResponses: goal.minResponses, startsAt: goal.startsAt, dueAt: goal.dueAt, baselineNps: baseline.nps },
        { nps: rolling.nps, responses: rolling.responses },
        history,
        now,
      );
      expect(await goals.progress(team.support, now)).toEqual({ ...want, goal });
    }
    expect(await goals.progress(team.salg, NOW)).toBeNull();
    expect(await goals.line(team.salg, NOW)).toBeNull();
  });

  it("an answer looks the goal up only when the team list read with its counts says the team may have one", async () => {
    const nps = new NpsService(answers, { timeZone: TZ, minResponses: 5, defaultLang: "da" });
    const lookup = vi.fn((teamId: number, now: Date) => goals.line(teamId, now));
    nps.useGoals(lookup);
    const reports = vi.spyOn(nps, "report");
    const ask = async (text: string) => {
      const command = await nps.parse(text, NOW);
      if (command.kind !== "query") throw new Error(`not a query: ${text}`);
      await nps.answerQuery(command, NOW);
      return reports.mock.results.at(-1)!.value as ReturnType<NpsService["report"]>;
    };
    // The first question reads the lists alone (nothing to guess from): the lookup decides.
    expect((await ask("/nps denne måned salg")).goal).toBeNull();
    expect(lookup).toHaveBeenCalledTimes(1);

    lookup.mockClear();
    const withGoal = await ask("/nps denne måned support");
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(withGoal.goal).toEqual(await goals.line(team.support, NOW));
    expect(withGoal.goal).toMatchObject({ targetNps: 30 });

    lookup.mockClear();
    const without = await ask("/nps denne måned salg");
    expect(lookup).not.toHaveBeenCalled();
    expect(without.goal).toBeNull();
    expect(without.figures.responses).toBe(histogram({ teamId: team.salg }, without.period.from, without.period.to).reduce((n, h) => n + h.count, 0));
    expect((await ask("/nps tom")).goal).toBeNull(); // its only goal is superseded
    expect(lookup).not.toHaveBeenCalled();

    // A report asked directly (home view, CLI) keeps asking the lookup, even right after a question.
    const month = parsePeriod("this month", NOW, TZ);
    if (!month.ok) throw new Error("period");
    expect((await nps.report({ period: month.period, team: "salg", now: NOW })).goal).toBeNull();
    expect((await nps.report({ period: month.period, team: "support", now: NOW })).goal).toMatchObject({ targetNps: 30 });
    expect(lookup).toHaveBeenCalledTimes(2);

    // A goal set after the list was read shows on the next question (the list is read per question).
    await goals.set("salg", { targetNps: 20, dueAt: new Date("2027-11-30T22:59:59Z"), minResponses: null, by: "test" }, NOW);
    expect((await ask("/nps denne måned salg")).goal).toMatchObject({ targetNps: 20 });
    reports.mockRestore();
  });

  it("a question after another is answered in one round trip, from the counts read with its team list", async () => {
    const nps = new NpsService(answers, { timeZone: TZ, minResponses: 5, defaultLang: "en" });
    nps.useGoals((teamId, now) => goals.line(teamId, now));
    const reference = async (text: string) => {
      const fresh = new NpsService(answers, { timeZone: TZ, minResponses: 5, defaultLang: "en" });
      fresh.useGoals((teamId, now) => goals.line(teamId, now));
      const command = await fresh.parse(text, NOW);
      return command.kind === "query" ? fresh.answerQuery(command, NOW) : command;
    };
    const ask = async (text: string) => {
      const command = await nps.parse(text, NOW);
      return command.kind === "query" ? nps.answerQuery(command, NOW) : command;
    };
    const histograms = vi.spyOn(answers, "scoreCounts");
    const together = vi.spyOn(answers, "scopesAndScoreCounts");
    const lists = vi.spyOn(answers, "scopes");
    try {
      for (const text of ["/nps this month support", "/nps last year salg telefon", "/nps q3 support", "/nps 2026-10-01..2026-10-15 chat", "/nps last 7 days"]) {
        const want = await reference(text);
        histograms.mockClear(), together.mockClear(), lists.mockClear();
        expect(await ask(text)).toEqual(want);
      }
      // the last question (no team, so no goal to look up) took one statement: lists and counts together
      expect(together).toHaveBeenCalledTimes(1);
      expect(histograms).not.toHaveBeenCalled();
      expect(lists).not.toHaveBeenCalled();

      // Not a query, or a team the previous lists do not know: the lists alone, as before.
      together.mockClear();
      expect((await ask("/nps help")).kind).toBe("help");
      const created = await env.db.prisma.team.create({ data: { slug: "flyt", name: "Flyt" } });
      await env.db.prisma.answer.create({ data: { source: "test", externalId: "flyt-1", contentHash: "f1", score: 10, teamId: created.id, answeredAt: new Date(NOW.getTime() - DAY) } });
      expect(await ask("/nps this month flyt")).toEqual(await reference("/nps this month flyt"));
      expect(together).not.toHaveBeenCalled(); // no query to guess counts for, and a team the previous lists lack

      // The team was replaced (same name, new id, other answers) since the last question: the
      // guess counted the old id, so the answer counts again, for the new one.
      await env.db.prisma.answer.deleteMany({ where: { teamId: created.id } });
      await env.db.prisma.team.delete({ where: { id: created.id } });
      const again = await env.db.prisma.team.create({ data: { slug: "flyt", name: "Flyt igen" } });
      await env.db.prisma.answer.createMany({
        data: [0, 3, 9].map((score, i) => ({ source: "test", externalId: `flyt2-${i}`, contentHash: `f2${i}`, score, teamId: again.id, answeredAt: new Date(NOW.getTime() - DAY) })),
      });
      histograms.mockClear();
      const replaced = await ask("/nps this month flyt");
      expect(replaced).toEqual(await reference("/nps this month flyt"));
      expect(JSON.stringify(replaced)).toContain("Flyt igen");
      expect(histograms).toHaveBeenCalledTimes(2); // once for this answer, once for the reference

      // A team the previous lists knew is gone: the question is refused, as with fresh lists.
      await env.db.prisma.answer.deleteMany({ where: { teamId: again.id } });
      await env.db.prisma.team.delete({ where: { id: again.id } });
      expect(await ask("/nps this month flyt")).toEqual(await reference("/nps this month flyt"));
      expect((await ask("/nps this month flyt")).kind).toBe("invalid");
    } finally {
      histograms.mockRestore(), together.mockRestore(), lists.mockRestore();
    }
  });
});
