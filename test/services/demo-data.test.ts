import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_SOURCE, fillDemoData, generateDemoAnswers } from "../../src/services/demo-data.ts";
import { AnswerStore, type UpsertResult } from "../../src/store/answers.ts";
import type { Database } from "../../src/store/database.ts";
import { migratedDatabase } from "../support/databases.ts";
import { createRepositories } from "../../src/store/repositories.ts";

const NOW = new Date("2026-03-10T14:30:00Z");
const DAY = 86_400_000;
const TEAMS = { levering: "Levering", salg: "Salg", support: "Kundeservice", webshop: "Webshop" };

describe("demo data generation", () => {
  it("is deterministic for the same now and seed, and differs for another seed", () => {
    const a = generateDemoAnswers({ now: NOW });
    expect(generateDemoAnswers({ now: NOW, seed: 2026 })).toEqual(a);
    expect(generateDemoAnswers({ now: NOW, seed: 7 })).not.toEqual(a);
    expect(a.map((x) => x.externalId)).toEqual(a.map((_, i) => `demo-${i + 1}`));
  });

  it("has realistic shares: CES, comments, consent, contact details, English", () => {
    const a = generateDemoAnswers({ now: NOW });
    const share = (f: (x: (typeof a)[number]) => boolean, of = a) => of.filter(f).length / of.length;
    expect(share((x) => x.ces !== null)).toBeGreaterThan(0.07);
    expect(share((x) => x.ces !== null)).toBeLessThan(0.13);
    expect(a.every((x) => x.ces === null || (x.ces >= 1 && x.ces <= 7))).toBe(true);
    expect(share((x) => x.comment !== null)).toBeGreaterThan(0.38);
    expect(share((x) => x.comment !== null)).toBeLessThan(0.52);
    const promoters = a.filter((x) => x.score >= 9);
    expect(share((x) => x.consentToShare, promoters)).toBeGreaterThan(0.5);
    expect(share((x) => x.consentToShare, promoters)).toBeLessThan(0.7);
    expect(share((x) => x.customerAccount !== null)).toBeGreaterThan(0.33);
    expect(share((x) => x.customerAccount !== null)).toBeLessThan(0.47);
    expect(a.some((x) => /\+45 \d\d \d\d \d\d \d\d/.test(x.comment ?? ""))).toBe(true);
    expect(a.some((x) => /[a-z.]+@example\.(dk|com)/.test(x.comment ?? ""))).toBe(true);
    expect(a.some((x) => x.language === "en" && x.comment !== null)).toBe(true);
    // weekdays busier than weekends
    const weekday = (x: (typeof a)[number]) => [1, 2, 3, 4, 5].includes(x.answeredAt.getUTCDay());
    expect(share(weekday)).toBeGreaterThan(0.8);
  });

  it("gives the teams different NPS levels", () => {
    const a = generateDemoAnswers({ now: NOW });
    const nps = (slug: string) => {
      const xs = a.filter((x) => x.teamSlug === slug);
      return (100 * (xs.filter((x) => x.score >= 9).length - xs.filter((x) => x.score <= 6).length)) / xs.length;
    };
    expect(nps("salg")).toBeGreaterThan(nps("support"));
    expect(nps("support")).toBeGreaterThan(nps("levering"));
    expect(nps("webshop")).toBeGreaterThan(nps("levering"));
  });
});

describe.each(["sqlite", "postgres"] as const)("fillDemoData on %s", (provider) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let store: AnswerStore;
  let first: { answers: number; teams: number };

  beforeAll(async () => {
    const migrated = await migratedDatabase(provider);
    db = migrated.db;
    dispose = migrated.dispose;
    store = new AnswerStore(db.prisma);
    first = await fillDemoData({ ...createRepositories(db.prisma), answers: store }, { now: NOW });
  }, 120_000);

  afterAll(async () => {
    await dispose?.();
  });

  it("stores 2,500–4,000 answers for 4 teams", async () => {
    expect(first.teams).toBe(4);
    expect(first.answers).toBeGreaterThanOrEqual(2500);
    expect(first.answers).toBeLessThanOrEqual(4000);
    expect(await db.prisma.answer.count({ where: { source: DEMO_SOURCE } })).toBe(first.answers);
  });

  it("creates the four teams with Danish names and leads", async () => {
    const teams = await db.prisma.team.findMany({ include: { lead: true }, orderBy: { slug: "asc" } });
    expect(Object.fromEntries(teams.map((t) => [t.slug, t.name]))).toEqual(TEAMS);
    for (const t of teams) {
      expect(t.lead?.email).toMatch(/@example\.dk$/);
      expect(t.lead?.slackUserId).toBeNull();
      expect(t.lead?.teamsUserId).toBeNull();
    }
    const account = await db.prisma.account.findUnique({ where: { name: "Nordisk Træ A/S" }, include: { owner: true } });
    expect(account?.owner?.email).toMatch(/@example\.dk$/);
    const touchpoints = (await db.prisma.touchpoint.findMany()).map((t) => t.name);
    expect(touchpoints).toEqual(expect.arrayContaining(["telefon", "chat", "e-mail", "butik", "levering", "web"]));
  });

  it("spans at least 12 months up to now, with recent answers for every team", async () => {
    const span = await db.prisma.answer.aggregate({ _min: { answeredAt: true }, _max: { answeredAt: true } });
    expect(span._max.answeredAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(span._max.answeredAt!.getTime()).toBeGreaterThan(NOW.getTime() - DAY);
    expect(span._min.answeredAt!.getTime()).toBeLessThanOrEqual(NOW.getTime() - 365 * DAY);
    for (const slug of Object.keys(TEAMS)) {
      const recent = await db.prisma.answer.count({ where: { team: { slug }, answeredAt: { gte: new Date(NOW.getTime() - 30 * DAY) } } });
      expect(recent, slug).toBeGreaterThan(10);
    }
  });

  it("stores Danish characters intact", async () => {
    const danish = generateDemoAnswers({ now: NOW }).filter((a) => /[æøåÆØÅ]/.test(a.comment ?? "")).slice(0, 50);
    expect(danish.length).toBe(50);
    const stored = await db.prisma.answer.findMany({
      where: { source: DEMO_SOURCE, externalId: { in: danish.map((a) => a.externalId) } },
      select: { externalId: true, comment: true, customerName: true },
    });
    const byId = new Map(stored.map((s) => [s.externalId, s]));
    for (const a of danish) {
      expect(byId.get(a.externalId)?.comment).toBe(a.comment);
      expect(byId.get(a.externalId)?.customerName).toBe(a.customerName);
    }
    const lead = await db.prisma.person.findUnique({ where: { email: "soeren@example.dk" } });
    expect(lead?.name).toBe("Søren Østergaard");
  });

  it("stores nothing new on a second run", async () => {
    const counts = async () => ({
      answers: await db.prisma.answer.count(),
      people: await db.prisma.person.count(),
      teams: await db.prisma.team.count(),
      touchpoints: await db.prisma.touchpoint.count(),
      accounts: await db.prisma.account.count(),
    });
    const before = await counts();
    const spy = vi.spyOn(store, "upsertBatch");
    const again = await fillDemoData({ ...createRepositories(db.prisma), answers: store }, { now: NOW });
    const results = (await Promise.all(spy.mock.results.map((r) => r.value))) as UpsertResult[];
    spy.mockRestore();
    expect(again).toEqual(first);
    expect(results.length).toBe(Math.ceil(first.answers / 500));
    expect(results.every((r) => r.created === 0 && r.updated === 0)).toBe(true);
    expect(results.reduce((n, r) => n + r.unchanged, 0)).toBe(first.answers);
    expect(await counts()).toEqual(before);
  }, 60_000);
});
