// The repositories' own promises, on both databases: a unique-key clash answered inside the store
// (false / null, never Prisma's error), compare-and-set updates that only one caller wins, and a
// goal replaced in one transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/store/repositories.ts";
import { openedCase } from "../../src/store/cases.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

describe.each(PROVIDERS)("repositories on %s", (provider) => {
  let repos: Repositories;
  let dispose: () => Promise<void>;
  let teamId: number;
  let answerId: number;
  const now = new Date("2026-12-01T09:00:00Z");

  beforeAll(async () => {
    const m = await migratedDatabase(provider);
    dispose = m.dispose;
    repos = createRepositories(m.db.prisma);
    const team = await m.db.prisma.team.create({ data: { slug: "support", name: "Kundeservice" } });
    teamId = team.id;
    answerId = (await m.db.prisma.answer.create({ data: { source: "api", externalId: "a1", score: 2, teamId, contentHash: "h1", answeredAt: now } })).id;
  });
  afterAll(() => dispose());

  it("a Slack event is handled the first time only, also when two replicas record it at once", async () => {
    const both = await Promise.all([repos.deliveries.firstTime("slack:event:Ev1"), repos.deliveries.firstTime("slack:event:Ev1")]);
    expect(both.sort()).toEqual([false, true]);
    expect(await repos.deliveries.firstTime("slack:event:Ev1")).toBe(false);
    expect(await repos.deliveries.firstTime("slack:event:Ev2")).toBe(true);
  });

  it("an answer opens one case, ever; a claim and a reminder are won once", async () => {
    const toOpen = await repos.cases.answerToOpen(answerId);
    expect(toOpen).toEqual({
      teamId, answeredAt: now, team: { id: teamId, slug: "support", name: "Kundeservice", leadId: null },
      answer: { id: answerId, score: 2, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null, answeredAt: now, touchpoint: null },
    });
    const id = await repos.cases.open(answerId, teamId, now);
    expect(id).not.toBeNull();
    // What opening knows of the new case without reading it back is the case as stored.
    expect(openedCase(id!, answerId, toOpen!, now, null)).toEqual(await repos.cases.load(id!));
    expect(await repos.cases.open(answerId, teamId, now)).toBeNull();
    const lead = await repos.people.ensureByEmail("mette@firma.dk", "Mette");
    const other = await repos.people.ensureByEmail("bo@firma.dk", "Bo");
    expect(await repos.cases.claim(id!, lead.id, { state: "claimed", claimedAt: now, claimedBy: "Mette", ownerId: lead.id })).toBe(true);
    expect(await repos.cases.claim(id!, other.id, { state: "claimed", claimedAt: now, claimedBy: "Bo", ownerId: other.id })).toBe(false);
    expect(await repos.cases.openIdsOwnedBy(lead.id)).toEqual([id]);
    expect([await repos.cases.markReminded(id!, now), await repos.cases.markReminded(id!, now)]).toEqual([true, false]);
    expect(await repos.cases.resolve(id!, { state: "resolved", resolvedAt: now, resolvedBy: "Mette", actionTaken: "Ringede", outcome: "recovered" })).toBe(true);
    expect(await repos.cases.closeAsLifted(id!, now)).toBe(false);
    expect((await repos.cases.load(id!))?.state).toBe("resolved");
  });

  it("binding a purpose twice changes nothing the second time", async () => {
    const binding = { platform: "slack" as const, channelId: "C1", teamId, purpose: "digest" as const };
    expect(await repos.bindings.add(binding, "U1")).toBe(true);
    expect(await repos.bindings.add(binding, "U1")).toBe(false);
    expect(await repos.bindings.forTeam(teamId, "digest")).toEqual([{ ...binding, teamSlug: "support" }]);
    expect(await repos.bindings.remove("slack", "C1", teamId, ["digest", "alerts"])).toBe(1);
  });

  it("a new goal supersedes the current one; the team keeps its history", async () => {
    const first = await repos.goals.replace(teamId, { targetNps: 40, dueAt: new Date("2027-06-30T00:00:00Z"), minResponses: null, by: "Mette" }, now);
    expect(first.replaced).toBe(false);
    const later = new Date(now.getTime() + 60_000);
    const second = await repos.goals.replace(teamId, { targetNps: 45, dueAt: new Date("2027-06-30T00:00:00Z"), minResponses: 30, by: "Mette" }, later);
    expect(second.replaced).toBe(true);
    expect((await repos.goals.current(teamId))?.id).toBe(second.goal.id);
    expect((await repos.goals.history(teamId)).map((g) => [g.targetNps, g.supersededAt])).toEqual([[40, later], [45, null]]);
  });
});
