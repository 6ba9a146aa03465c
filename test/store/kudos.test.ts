import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KudosStore } from "../../src/store/kudos.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";
import type { Db } from "../../src/store/database.ts";

describe.each(PROVIDERS)("kudos on %s", (provider) => {
  let prisma: Db;
  let store: KudosStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const m = await migratedDatabase(provider);
    prisma = m.db.prisma;
    store = new KudosStore(prisma);
    dispose = m.dispose;
  });
  afterAll(() => dispose());

  async function answer(externalId: string, teamId: number, answeredAt: Date): Promise<number> {
    const row = await prisma.answer.create({ data: { source: "test", externalId, score: 10, teamId, answeredAt, contentHash: externalId } });
    return row.id;
  }

  it("records once per answer and person, tallies per person and team, and keeps opt-outs unnamed", async () => {
    const support = await prisma.team.create({ data: { slug: "support", name: "Support" } });
    const sales = await prisma.team.create({ data: { slug: "salg", name: "Salg" } });
    const soren = await prisma.person.create({ data: { name: "Søren Holm" } });
    const anna = await prisma.person.create({ data: { name: "Anna Berg", email: "anna@firma.dk" } });
    const dec1 = new Date("2026-12-01T09:00:00Z");
    const a1 = await answer("a1", support.id, dec1);
    const a2 = await answer("a2", support.id, new Date("2026-12-02T09:00:00Z"));
    const a3 = await answer("a3", sales.id, new Date("2026-12-03T09:00:00Z"));
    const old = await answer("a0", support.id, new Date("2026-11-20T09:00:00Z"));

    expect(await store.record(a1, [soren.id, anna.id, soren.id], support.id, dec1)).toEqual([soren.id, anna.id]);
    expect(await store.record(a1, [soren.id], support.id, dec1)).toEqual([]); // re-delivered: nothing new
    await store.record(a2, [soren.id], support.id, new Date("2026-12-02T09:00:00Z"));
    await store.record(a3, [anna.id], sales.id, new Date("2026-12-03T09:00:00Z"));
    await store.record(old, [anna.id], support.id, new Date("2026-11-20T09:00:00Z"));

    const december = { from: new Date("2026-11-30T23:00:00Z"), to: new Date("2026-12-31T23:00:00Z") };
    expect(await store.tally(december)).toEqual([
      { personId: soren.id, name: "Søren Holm", email: null, teamId: support.id, count: 2, optedOut: false },
      { personId: anna.id, name: "Anna Berg", email: "anna@firma.dk", teamId: support.id, count: 1, optedOut: false },
      { personId: anna.id, name: "Anna Berg", email: "anna@firma.dk", teamId: sales.id, count: 1, optedOut: false },
    ]);
    expect((await store.tally({ ...december, teamId: sales.id })).map((t) => [t.personId, t.count])).toEqual([[anna.id, 1]]);

    expect(await store.isOptedOut(soren.id)).toBe(false);
    await store.setOptOut(soren.id, true);
    expect(await store.isOptedOut(soren.id)).toBe(true);
    expect((await store.tally({ ...december, teamId: support.id }))[0]).toMatchObject({ personId: soren.id, count: 2, optedOut: true });

    // an answer removed by retention takes its kudos with it
    await prisma.answer.delete({ where: { id: old } });
    expect(await store.tally({ from: new Date("2026-11-01T00:00:00Z"), to: december.from })).toEqual([]);
  });
});
