// An answer naming a team by its display name goes to that team (case and accents aside) instead
// of starting a new one — the same rule for a delivery (POST /api/responses) and the CSV import.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import { slugify } from "../../src/core/slug.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { Directory } from "../../src/store/directory.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

const answer = (id: string, team: string): NormalizedAnswer => ({
  source: "api", externalId: id, score: 9, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null,
  teamSlug: slugify(team), touchpoint: null, language: "da", consentToShare: false, answeredAt: new Date("2026-11-27T08:00:00Z"),
});

describe.each(PROVIDERS)("team matching by display name on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: AnswerStore;
  const teamOf = async (externalId: string) =>
    (await env.db.prisma.answer.findFirstOrThrow({ where: { externalId }, include: { team: true } })).team?.slug;

  beforeAll(async () => {
    env = await migratedDatabase(provider);
    await env.db.prisma.team.createMany({ data: [{ slug: "support", name: "Kundeservice" }, { slug: "finance", name: "Økonomi" }, { slug: "kunde", name: "Support" }] });
    store = new AnswerStore(env.db.prisma);
  });
  afterAll(() => env.dispose());

  it("resolves a slug: its own team first, then a team whose name reads the same, else a new one", async () => {
    const resolved = await new Directory(env.db.prisma).resolveTeams(["kundeservice", "oekonomi", "support", "salg"]);
    expect(Object.fromEntries(resolved)).toEqual({ kundeservice: "support", oekonomi: "finance", support: "support", salg: "salg" });
  });

  it("a delivery naming 'KUNDESERVICE', 'Kúndeservice' or 'økonomi' goes to the existing teams; no new team is made", async () => {
    const result = await store.upsertBatch([answer("d1", "KUNDESERVICE"), answer("d2", "Kúndeservice"), answer("d3", "økonomi"), answer("d4", "Salg")]);
    expect(result.created).toBe(4);
    expect([await teamOf("d1"), await teamOf("d2"), await teamOf("d3"), await teamOf("d4")]).toEqual(["support", "support", "finance", "salg"]);
    const slugs = (await env.db.prisma.team.findMany({ orderBy: { slug: "asc" } })).map((t) => t.slug);
    expect(slugs).toEqual(["finance", "kunde", "salg", "support"]);
  });

  it("a team's own slug wins over another team's name ('support' is the team support, not the team named Support)", async () => {
    await store.upsertBatch([answer("d5", "support")]);
    expect(await teamOf("d5")).toBe("support");
  });
});
