// The weekly team view reaching a Teams channel for real: the channel is bound with
// "connect support digest" over HTTP, the habits tick on Monday queues the latest complete week,
// the delivery worker posts it through the fake Bot Connector as one clean Adaptive Card — once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { corpusAnswers, themeCorpus } from "../../support/theme-corpus.ts";
import { CHANNEL, channelMention, personalInstall, USER } from "./recorded.ts";
import { cardOf, expectCleanCard, factsOf, headerOf, startTeams, textsOf, type TeamsRun } from "./e2e.ts";

const WEEK_47_FROM = new Date("2026-11-15T23:00:00Z"); // Monday 16 November, 00:00 in Copenhagen
const MONDAY_0905 = new Date("2026-11-23T08:05:00Z");

describe.each(PROVIDERS)("the weekly team view in Teams on %s", (provider) => {
  let t: TeamsRun;

  beforeAll(async () => {
    t = await startTeams(provider, { ADMINS: USER.aadObjectId, DIGEST_CRON: "0 6 * * 6" });
    t.run.app.weekly.settings.consoleOnly = false; // as with Teams credentials: to the bound channels
    const prisma = t.run.app.db.prisma;
    const team = await prisma.team.create({ data: { slug: "support", name: "Support" } });
    await t.post(personalInstall(t.connector.url, "add"));
    await t.post(channelMention(t.connector.url, "connect support digest", { id: "1771290300001" }));
    expect(await t.run.app.bindings.channelsFor(team.id, "digest")).toHaveLength(1);
    await t.run.app.answers.upsertBatch(corpusAnswers(themeCorpus("da").comments, "support", WEEK_47_FROM), MONDAY_0905, { followUpFrom: null });
    const promoter = await prisma.answer.findFirstOrThrow({ where: { teamId: team.id, score: { gte: 9 } } });
    const person = await prisma.person.create({ data: { name: "Søren Mikkelsen", email: "soren@firma.dk" } });
    await prisma.kudos.create({ data: { answerId: promoter.id, personId: person.id, teamId: team.id, answeredAt: promoter.answeredAt } });
    t.connector.clear();
  });
  afterAll(async () => t?.stop());

  it("Monday's tick posts week 47 into the bound channel as a clean card; the next tick posts nothing", async () => {
    expect((await t.run.app.habits.tick(MONDAY_0905)).weekly).toBe(1);
    await t.run.app.deliverNow();
    expect(t.connector.calls).toHaveLength(1);
    const [call] = t.connector.calls;
    expect(call).toMatchObject({ kind: "send", conversationId: CHANNEL });
    const card = cardOf(call!);
    expectCleanCard(card);
    expect(headerOf(card)).toBe("Support – uge 47 (16.–22. nov.)");
    expect(factsOf(card)["NPS i ugen"]).toMatch(/svar/);
    const texts = textsOf(card).join("\n");
    expect(texts).toContain("Hvad kritikerne taler om");
    expect(texts).toContain("Hvad de glade kunder roser");
    expect(texts).toContain("Søren Mikkelsen (1)");

    expect((await t.run.app.habits.tick(new Date(MONDAY_0905.getTime() + 60_000))).weekly).toBe(0);
    await t.run.app.deliverNow();
    expect(t.connector.calls).toHaveLength(1);
  });
});
