// Roles in Teams, over HTTP with real-shaped activities: a colleague in the alert channel who is
// not (yet) a member of the team is refused the claim and cannot connect channels; writing in a
// channel of the linked Teams team syncs its roster (TeamsInfo.getPagedMembers), after which the
// colleague is a member and may claim. Refusals change nothing and are audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { CHANNEL, OTHER, TEAM, USER, cardClick, channelMention } from "./recorded.ts";
import { cardOf, factsOf, invokeCard, invokeLine, startTeams, type TeamsRun } from "./e2e.ts";

describe.each(PROVIDERS)("roles in Teams on %s", (provider) => {
  let t: TeamsRun;
  let caseId = 0;
  let alertId = "";
  const prisma = () => t.run.app.db.prisma;
  const fromOther = (verb: string) => cardClick(t.connector.url, verb, { action: verb, value: String(caseId), lang: "da", card: "alert" }, { from: OTHER, thread: alertId, replyToId: alertId });
  const state = async () => ({
    cases: await prisma().detractorCase.findMany({ orderBy: { id: "asc" } }),
    bindings: await prisma().channelBinding.findMany({ orderBy: { id: "asc" } }),
    goals: await prisma().goal.findMany(),
  });
  const refused = async (action: string) => (await t.run.app.audit.list()).filter((e) => e.action === action && !e.allowed && e.actor.userId === OTHER.aadObjectId);

  beforeAll(async () => {
    t = await startTeams(provider);
    const lead = await prisma().person.create({ data: { email: "mette@example.dk", name: "Mette Holm", teamsUserId: USER.aadObjectId } });
    await prisma().team.create({ data: { slug: "support", name: "Support" } });
    await t.run.app.bindings.connect("teams", CHANNEL, "support", ["alerts"]);
    // the bot learns the channel (its conversation reference) from a message there
    await t.post(channelMention(t.connector.url, "help", { id: "1771290400000" }));
    // no lead yet, so the alert goes to the team's channel
    await t.answer({ id: "roles-teams-1", score: 3, team: "support", comment: "Ingen svarede.", customer: { name: "Åse Ørum", email: "aase@example.dk" } });
    await t.run.app.deliverNow();
    const posted = t.connector.calls.find((c) => c.conversationId === CHANNEL && c.kind === "send" && JSON.stringify(c.body).includes("Ingen svarede"))!;
    alertId = posted.answeredId!;
    expect(factsOf(cardOf(posted)).Kontakt).toBeUndefined(); // the channel copy never has contact details
    caseId = (await prisma().detractorCase.findFirstOrThrow()).id;
    // then the lead is named and the Teams team linked (kundepuls team set support --lead … --teams-team …)
    await prisma().team.update({ where: { slug: "support" }, data: { leadId: lead.id, teamsTeamId: TEAM } });
    t.connector.clear();
  });
  afterAll(async () => t?.stop());

  it("a colleague who is no member claims from the channel: refused privately, nothing changed, audited", async () => {
    const before = await state();
    expect(invokeLine((await t.post(fromOther("case.claim"))).body)).toBe("Kun medlemmer af Support, teamlederen eller en administrator kan tage sagen.");
    expect(invokeLine((await t.post(fromOther("case.contact"))).body)).toBe("Kun den ansvarlige, teamlederen for Support eller en administrator kan se kundens kontaktoplysninger.");
    expect(await state()).toEqual(before);
    expect((await refused("case.claim")).map((e) => e.actor)).toEqual([{ platform: "teams", userId: OTHER.aadObjectId, name: "Anders And" }]);
    expect(await refused("case.contact")).toHaveLength(1);
  });

  it("connecting a channel needs the lead: refused, nothing bound — and the message syncs the Teams team's roster once a day", async () => {
    t.connector.clear();
    const before = await state();
    await t.post({ ...channelMention(t.connector.url, "connect support digest", { id: "1771290400001" }), from: OTHER });
    const reply = await t.connector.waitForCalls(1);
    expect(cardOf(reply[0]!).body[0]!.text).toBe("Only the team lead of Support or an admin can connect channels.");
    expect(await state()).toEqual(before);
    expect(await refused("channel.connect")).toHaveLength(1);
    expect(t.connector.rosterListings).toEqual([TEAM]);
    const members = await prisma().teamMember.findMany({ include: { person: true } });
    expect(members.map((m) => [m.person.teamsUserId, m.source]).sort()).toEqual([[OTHER.aadObjectId, "teams"], [USER.aadObjectId, "teams"]].sort());
    await t.post(channelMention(t.connector.url, "help", { id: "1771290400002" }));
    expect(t.connector.rosterListings).toEqual([TEAM]); // not again today
    // the lead (the recorded user) may
    t.connector.clear();
    await t.post(channelMention(t.connector.url, "connect support digest", { id: "1771290400003" }));
    const [done] = await t.connector.waitForCalls(1);
    expect(cardOf(done!).body[0]!.text).toBe("This channel now gets the daily digest for Support.");
  });

  it("now a member, the colleague claims the case and, as its owner, sees the contact", async () => {
    expect(factsOf(invokeCard((await t.post(fromOther("case.claim"))).body)).Status).toBe("Taget af Anders And");
    const contact = (await t.post(fromOther("case.contact"))).body;
    expect(JSON.stringify(contact)).toContain("aase@example.dk");
    const allowed = (await t.run.app.audit.list()).filter((e) => e.allowed && e.actor.userId === OTHER.aadObjectId).map((e) => [e.action, e.detail?.as]);
    expect(allowed).toEqual([["case.claim", "member"], ["case.contact", "owner"]]);
  });
});
