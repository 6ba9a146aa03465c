// Kudos end to end through the real HTTP endpoints: a promoter answer naming a team member
// (POST /api/responses) → the story in the channel mentions them (Slack <@U…>, a Teams mention
// entity) and they get a private "a customer thanked you"; "/nps kudos" lists them (a signed Slack
// slash command, a Teams message); "/nps kudos fra" → the next story names nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleFace } from "../../src/faces/console/console-face.ts";
import { silentLogger } from "../../src/logger.ts";
import { PROVIDERS } from "../support/databases.ts";
import { FakeConnector } from "../support/fake-connector.ts";
import { postSigned, slashCommandForm, startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { post, TOKEN } from "../support/privacy.ts";
import { cardOf, expectCleanCard, startTeams, textsOf, type TeamsRun } from "./teams/e2e.ts";
import { CHANNEL, PERSONAL, USER, channelMention, personalInstall, personalMessage } from "./teams/recorded.ts";

const SECRET = "kudos-test-signing-secret";
/** 10:00 on a weekday in Copenhagen: a story slot is due. */
const SLOT = new Date("2026-11-27T09:00:00Z");
const promoter = (id: string, comment: string, extra: Record<string, unknown> = {}) =>
  ({ id, score: 10, team: "support", comment, consentToShare: true, customer: { name: "Bo Berg", email: "bo@example.dk" }, ...extra });

const slashFields = (text: string, userId: string, responseUrl: string) => ({
  token: "unused", team_id: "T0001", team_domain: "firma", channel_id: "C0SUPPORT", channel_name: "support", user_id: userId,
  user_name: "someone", command: "/nps", text, api_app_id: "A0KUNDEPULS", is_enterprise_install: "false", response_url: responseUrl, trigger_id: "1.2.3",
});

describe.each(PROVIDERS)("kudos in Slack on %s", (provider) => {
  let fake: FakeSlack;
  let run: RunningApp;
  const prisma = () => run.app.db.prisma;
  const storyPosts = () => fake.messagesIn("C0KUNDEHIST");
  const dms = (user: string) => fake.messagesIn(fake.dmOf(user));
  async function slash(text: string, userId: string): Promise<any> {
    const responseUrl = fake.responseUrl();
    const id = responseUrl.split("/").pop();
    const res = await postSigned(`${run.url}/slack/events`, slashCommandForm(slashFields(text, userId, responseUrl), {}), { secret: SECRET });
    expect(res).toEqual({ status: 200, text: "" });
    return fake.waitFor(() => fake.responses.find((r) => r.id === id)?.body as any);
  }
  async function answer(body: unknown, expected: Record<string, number>): Promise<void> {
    expect(await post(run.url, "/api/responses", body)).toEqual({ status: 200, body: { created: 0, updated: 0, unchanged: 0, ...expected } });
    await run.app.followUps.drain();
    await run.app.stories.runPlan(SLOT);
    await run.app.deliverNow();
  }

  beforeAll(async () => {
    fake = await startFakeSlack();
    run = await startTestApp(provider, {
      SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, INGEST_TOKEN: TOKEN,
      STORY_CHANNELS: "slack:C0KUNDEHIST", STORIES_PER_DAY: "10",
    });
    const team = await prisma().team.create({ data: { slug: "support", name: "Support" } });
    for (const [name, slackUserId] of [["Mette Kjær", "U0METTE"], ["Søren Hansen", "U0SOREN"], ["Søren Vestergaard", "U0SORENV"]] as const) {
      const person = await prisma().person.create({ data: { name, slackUserId } });
      await prisma().teamMember.create({ data: { teamId: team.id, personId: person.id, source: "slack" } });
      fake.addUser({ id: slackUserId, name: name.split(" ")[0]!.toLowerCase(), realName: name });
    }
  });
  afterAll(async () => {
    await run?.stop();
    await fake?.close();
  });

  it("a promoter naming Mette: the story mentions <@U0METTE>, Mette gets the thanks with the quote; 'Søren' alone names nobody", async () => {
    await answer(promoter("k-1", "Mette fra kundeservice ringede mig op samme dag, og Søren hjalp også"), { created: 1 });
    const [story] = storyPosts();
    expect(JSON.stringify(story!.blocks)).toContain("Kunden takkede <@U0METTE> 🙌");
    expect(JSON.stringify(story!.blocks)).not.toMatch(/U0SOREN/);
    const [thanks] = dms("U0METTE");
    expect(thanks!.text).toContain("En kunde takkede dig");
    expect(JSON.stringify(thanks!.blocks)).toContain("Mette fra kundeservice ringede mig op samme dag");
    expect(dms("U0SOREN")).toHaveLength(0);
    expect(dms("U0SORENV")).toHaveLength(0);
  });

  it("a re-sent answer counts nothing twice; an edit that adds a full name thanks that person too, once", async () => {
    await answer(promoter("k-1", "Mette fra kundeservice ringede mig op samme dag, og Søren hjalp også"), { unchanged: 1 });
    await answer(promoter("k-1", "Mette fra kundeservice ringede mig op samme dag, og Søren Hansen hjalp også"), { updated: 1 });
    expect(dms("U0METTE")).toHaveLength(1);
    expect(dms("U0SOREN")).toHaveLength(1);
    expect(dms("U0SORENV")).toHaveLength(0);
    expect(await prisma().kudos.count()).toBe(2);
    expect(storyPosts()).toHaveLength(1); // the story was posted once
  });

  it("a promoter without consent: kudos and a private thanks without the words, no story", async () => {
    await answer(promoter("k-2", "Søren Vestergaard løste min sag på fem minutter", { consentToShare: false }), { created: 1 });
    const [thanks] = dms("U0SORENV");
    expect(JSON.stringify(thanks!.blocks)).toContain("Kunden har ikke givet lov til at dele sine ord");
    expect(JSON.stringify(thanks!.blocks)).not.toContain("fem minutter");
    expect(storyPosts()).toHaveLength(1);
  });

  it("/nps kudos (signed slash command) lists the month's kudos per team and person", async () => {
    const reply = await slash("kudos denne måned support", "U0METTE");
    expect(reply.response_type).toBe("ephemeral");
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain("Kudos Support · december 2026");
    expect(text).toContain("Support: 3 kudos");
    for (const line of ["• Mette Kjær: 1", "• Søren Hansen: 1", "• Søren Vestergaard: 1"]) expect(text).toContain(line);
    const none = await slash("kudos 2026-01", "U0METTE");
    expect(JSON.stringify(none.blocks)).toContain("Ingen kudos i januar 2026.");
  });

  it("/nps kudos fra: Mette's next thanks names nobody in the story (\"en kollega\"), she still gets it privately; til turns it back", async () => {
    const off = await slash("kudos fra", "U0METTE");
    expect(JSON.stringify(off.blocks)).toContain("Du nævnes ikke længere ved navn");
    expect(await prisma().person.findUniqueOrThrow({ where: { slackUserId: "U0METTE" } })).toMatchObject({ kudosOptOut: true });

    await answer(promoter("k-3", "Tak til Mette for en helt fantastisk service igen i dag"), { created: 1 });
    const story = storyPosts()[1]!;
    const shown = JSON.stringify(story.blocks);
    expect(shown).not.toMatch(/U0METTE|Mette/);
    expect(shown).toContain("Tak til en kollega for en helt fantastisk service");
    expect(shown).toContain("Kunden takkede en kollega 🙌");
    expect(dms("U0METTE")).toHaveLength(2);

    const list = JSON.stringify((await slash("kudos", "U0SOREN")).blocks);
    expect(list).not.toContain("Mette");
    expect(list).toContain("En kollega, der ikke vil nævnes: 2");
    expect(list).toContain("Support: 4 kudos");

    const on = await slash("kudos on", "U0METTE");
    expect(JSON.stringify(on.blocks)).toContain("You will be named again");
    expect(await prisma().person.findUniqueOrThrow({ where: { slackUserId: "U0METTE" } })).toMatchObject({ kudosOptOut: false });
  });
});

describe.each(PROVIDERS)("kudos in Teams on %s", (provider) => {
  let t: TeamsRun;
  const prisma = () => t.run.app.db.prisma;

  beforeAll(async () => {
    t = await startTeams(provider, { ADMINS: USER.aadObjectId });
    t.run.app.kudos.settings.consoleOnly = false;
    const mette = await prisma().person.create({ data: { email: "mette@example.dk", name: "Mette Holm" } });
    const team = await prisma().team.create({ data: { slug: "support", name: "Support" } });
    await prisma().teamMember.create({ data: { teamId: team.id, personId: mette.id, source: "manual" } });
    await t.post(personalInstall(t.connector.url, "add")); // links Mette's Entra id and her personal chat
    await t.post(channelMention(t.connector.url, "connect support stories", { id: "1771290300001" }));
    expect(await t.run.app.bindings.forChannel("teams", CHANNEL)).toHaveLength(1);
  });
  afterAll(async () => t?.stop());

  it("the story card mentions Mette (<at> text and a msteams mention entity with her Entra id); her thanks reach her chat", async () => {
    t.connector.clear();
    await t.answer(promoter("t-1", "Mette Holm ringede mig op samme dag og løste det hele"));
    expect(await t.run.app.stories.runPlan(SLOT)).toBe(1);
    await t.run.app.deliverNow();
    const story = t.connector.calls.find((c) => c.conversationId === CHANNEL)!;
    const card = FakeConnector.card(story) as { body: Record<string, any>[]; msteams?: { entities?: unknown[] } };
    expect(textsOf(card)).toContain("Kunden takkede <at>Mette Holm</at> 🙌");
    expect(card.msteams?.entities).toEqual([{ type: "mention", text: "<at>Mette Holm</at>", mentioned: { id: USER.aadObjectId, name: "Mette Holm" } }]);
    expectCleanCard(card);
    const thanks = t.connector.calls.find((c) => c.conversationId === PERSONAL)!;
    expect(textsOf(cardOf(thanks))).toContain("🙌 En kunde takkede dig");
  });

  it("'nps kudos' in the personal chat lists her; 'nps kudos off' answers in English and stops the naming", async () => {
    t.connector.clear();
    await t.post(personalMessage(t.connector.url, "nps kudos", { id: "1767378509991" }));
    const [list] = await t.connector.waitForCalls(1);
    expect(JSON.stringify(cardOf(list!).body)).toContain("• Mette Holm: 1");
    t.connector.clear();
    await t.post(personalMessage(t.connector.url, "nps kudos off", { id: "1767378509992" }));
    const [off] = await t.connector.waitForCalls(1);
    expect(JSON.stringify(cardOf(off!).body)).toContain("You will no longer be named");
    expect(await prisma().person.findUniqueOrThrow({ where: { email: "mette@example.dk" } })).toMatchObject({ kudosOptOut: true });

    t.connector.clear();
    await t.answer(promoter("t-2", "Tak til Mette for en helt fantastisk service igen"));
    expect(await t.run.app.stories.runPlan(new Date("2026-11-27T13:00:00Z"))).toBe(1); // the next slot of the day
    await t.run.app.deliverNow();
    const card = FakeConnector.card(t.connector.calls.find((c) => c.conversationId === CHANNEL)!) as { body: Record<string, any>[]; msteams?: Record<string, unknown> };
    expect(JSON.stringify(card)).not.toContain("Mette");
    expect(card.msteams?.entities).toBeUndefined();
    expect(textsOf(card)).toContain("Kunden takkede en kollega 🙌");
  });
});

describe.each(PROVIDERS)("kudos in the console (local mode) on %s", (provider) => {
  let run: RunningApp;
  beforeAll(async () => {
    run = await startTestApp(provider, { INGEST_TOKEN: TOKEN });
    const prisma = run.app.db.prisma;
    const team = await prisma.team.create({ data: { slug: "support", name: "Support" } });
    const mette = await prisma.person.create({ data: { name: "Mette Kjær", email: "mette@example.dk" } });
    await prisma.teamMember.create({ data: { teamId: team.id, personId: mette.id, source: "manual" } });
  });
  afterAll(async () => run?.stop());

  it("the private thanks goes to the console by name; /nps kudos lists; /nps kudos fra works for the console user", async () => {
    expect((await post(run.url, "/api/responses", promoter("c-1", "Mette ringede mig op samme dag, tusind tak"))).status).toBe(200);
    await run.app.followUps.drain();
    const queued = await run.app.outbox.list({});
    expect(queued.filter((m) => m.kind === "kudosThanks").map((m) => [m.platform, m.target])).toEqual([["console", "privat til Mette Kjær"]]);
    const face = new ConsoleFace(run.app.commands, run.app.nps.settings, () => {}, silentLogger, () => new Date());
    expect(await face.handleLine("/nps kudos denne måned")).toContain("• Mette Kjær: 1");
    expect(await face.handleLine("/nps kudos fra")).toContain("Du nævnes ikke længere ved navn");
    expect(await run.app.db.prisma.person.findUniqueOrThrow({ where: { email: "console@kundepuls.local" } })).toMatchObject({ kudosOptOut: true });
  });
});
