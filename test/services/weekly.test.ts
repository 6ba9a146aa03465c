// The weekly team view through the real jobs, on SQLite and PostgreSQL: the habits tick of two
// replicas of the app on one database queues it (catching up later on Monday when nobody ticked at
// 09:00), their delivery workers race for it, and the fake Slack gets it exactly once per digest
// channel; a team's own --weekly-cron moves it; WEEKLY_VIEW=off stops the schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { corpusAnswers, themeCorpus } from "../support/theme-corpus.ts";
import { SECRET } from "../faces/slack/harness.ts";

const local = (iso: string) => new Date(iso); // the instants below are written in UTC; Copenhagen is UTC+1 in November
const WEEK_47 = { from: local("2026-11-15T23:00:00Z"), to: local("2026-11-22T23:00:00Z") }; // Monday 16 – Sunday 22 November
const MONDAY_1500 = local("2026-11-23T14:00:00Z"); // nobody ticked at 09:00: the catch-up
const HEADER = "Kundeservice – uge 47 (16.–22. nov.)";

describe.each(PROVIDERS)("the weekly team view on %s", (provider) => {
  let fake: FakeSlack;
  let run: RunningApp;
  let replicaB: App;
  let env: Record<string, string>;
  const prisma = () => run.app.db.prisma;
  const weeklyPosts = () => fake.callsTo("chat.postMessage").filter((c) => JSON.stringify(c.body).includes("uge 4"));

  beforeAll(async () => {
    fake = await startFakeSlack();
    // the daily digest only on Saturdays, so the fake Slack sees the weekly views alone
    env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, DIGEST_CRON: "0 6 * * 6" };
    run = await startTestApp(provider, env);
    replicaB = await createApp(loadConfig({ ...env, DATABASE_URL: run.test.databaseUrl, PORT: "0" }), silentLogger, { consoleOut: () => {} });
    const support = await prisma().team.create({ data: { slug: "support", name: "Kundeservice" } });
    const salg = await prisma().team.create({ data: { slug: "salg", name: "Salg", weeklyCron: "0 7 * * 2" } }); // Tuesdays 07:00
    await prisma().team.create({ data: { slug: "lager", name: "Lager" } }); // no digest channel: nothing to send
    for (const [teamId, channelId] of [[support.id, "C0SUPPORT"], [support.id, "C0LEDELSE"], [salg.id, "C0SALG"]] as const) {
      await prisma().channelBinding.create({ data: { platform: "slack", channelId, teamId, purpose: "digest" } });
    }
    // The week's comments: the Danish corpus with its known themes, one an hour from Monday 00:00.
    const DA = themeCorpus("da");
    await run.app.answers.upsertBatch(corpusAnswers(DA.comments, "support", WEEK_47.from), WEEK_47.to, { followUpFrom: null });
    await run.app.answers.upsertBatch(corpusAnswers(DA.comments.slice(0, 3), "salg", WEEK_47.from, "s"), WEEK_47.to, { followUpFrom: null });
    await run.app.goals.set("support", { targetNps: 40, dueAt: local("2027-06-30T12:00:00Z"), minResponses: null, by: null }, local("2026-11-01T12:00:00Z"));
    // Two detractor cases opened in the week, one claimed after two hours and resolved with contact.
    const detractors = await prisma().answer.findMany({ where: { teamId: support.id, score: { lte: 6 } }, orderBy: { id: "asc" }, take: 2 });
    const opened = local("2026-11-17T09:00:00Z");
    await prisma().detractorCase.create({ data: { answerId: detractors[0]!.id, teamId: support.id, state: "resolved", openedAt: opened, claimedAt: new Date(opened.getTime() + 2 * 3_600_000), resolvedAt: local("2026-11-17T15:00:00Z"), outcome: "recovered" } });
    await prisma().detractorCase.create({ data: { answerId: detractors[1]!.id, teamId: support.id, state: "open", openedAt: opened } });
    // Kudos: Søren twice, Mette (opted out) once — she is counted, never named.
    const promoters = await prisma().answer.findMany({ where: { teamId: support.id, score: { gte: 9 } }, orderBy: { id: "asc" }, take: 2 });
    const soren = await prisma().person.create({ data: { name: "Søren Mikkelsen", email: "soren@firma.dk" } });
    const mette = await prisma().person.create({ data: { name: "Mette Hemmelig", email: "mette@firma.dk", kudosOptOut: true } });
    for (const [answer, person] of [[promoters[0]!, soren], [promoters[1]!, soren], [promoters[0]!, mette]] as const) {
      await prisma().kudos.create({ data: { answerId: answer.id, personId: person.id, teamId: support.id, answeredAt: answer.answeredAt } });
    }
  });
  afterAll(async () => {
    await replicaB?.close();
    await run?.stop();
    await fake?.close();
  });

  it("two replicas tick at the same instant on Monday afternoon and both deliver: each digest channel gets the week once", async () => {
    const [a, b] = await Promise.all([run.app.habits.tick(MONDAY_1500), replicaB.habits.tick(MONDAY_1500)]);
    expect(a.weekly + b.weekly).toBe(2); // support's two channels; salg's day is Tuesday; lager has no channel
    expect(a.digests + b.digests).toBe(0);
    await Promise.all([run.app.deliverNow(), replicaB.deliverNow()]);
    const posts = weeklyPosts();
    expect(posts.map((p) => p.body.channel).sort()).toEqual(["C0LEDELSE", "C0SUPPORT"]);
    const rows = await prisma().outboxMessage.findMany({ where: { kind: "weekly" }, orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.state])).toEqual([
      ["weekly:support:slack:C0LEDELSE:2026-W47", "sent"],
      ["weekly:support:slack:C0SUPPORT:2026-W47", "sent"],
    ]);
    expect(await prisma().jobRun.findMany({ where: { key: { startsWith: "weekly:" } }, select: { key: true, detail: true } })).toEqual([{ key: "weekly:support:2026-W47", detail: "2 queued" }]);
  });

  it("says the week, its NPS against the goal, the themes, the cases and the kudos — the opted-out person unnamed", async () => {
    const blocks = JSON.stringify(fake.messagesIn("C0SUPPORT")[0]!.blocks);
    expect(blocks).toContain(HEADER);
    expect(blocks).toMatch(/NPS i ugen\*\\n[+-−]?\d+/);
    expect(blocks).toContain("Mål +40");
    expect(blocks).toContain("Hvad kritikerne taler om");
    expect(blocks).toMatch(/ventetiden · \d+ af \d+ kommentarer/);
    expect(blocks).toContain("Hvad de glade kunder roser");
    expect(blocks).toContain("2 åbnet, 1 lukket");
    expect(blocks).toContain("Median tid til nogen tog sagen*\\n2,0 timer");
    expect(blocks).toContain("Søren Mikkelsen (2), en kollega (1)");
    expect(blocks).not.toContain("Mette");
  });

  it("later that day and on Tuesday nothing is sent again; Tuesday 07:00 is the team with its own schedule", async () => {
    expect((await replicaB.habits.tick(new Date(MONDAY_1500.getTime() + 3 * 3_600_000))).weekly).toBe(0);
    const tuesday = local("2026-11-24T06:30:00Z"); // 07:30 local
    const results = await run.app.weekly.run(tuesday);
    expect(results.map((r) => [r.team, r.week, r.queued, r.skipped])).toEqual([
      ["lager", "2026-W47", 0, "notDue"],
      ["salg", "2026-W47", 1, undefined],
      ["support", "2026-W47", 0, "notDue"],
    ]);
    await run.app.deliverNow();
    expect(fake.messagesIn("C0SALG")).toHaveLength(1);
    expect(JSON.stringify(fake.messagesIn("C0SALG")[0]!.blocks)).toContain("Salg – uge 47 (16.–22. nov.)");
    expect(weeklyPosts()).toHaveLength(3);
    // forced by hand the same week: already sent, on either replica
    expect((await replicaB.weekly.run(tuesday, { force: true, team: "support" }))[0]).toMatchObject({ queued: 0, skipped: "alreadySent" });
  });

  it("WEEKLY_VIEW=off: the schedule sends nothing; next Monday's 09:00 sends the next week once it is on again", async () => {
    const monday = local("2026-11-30T08:00:00Z"); // 09:00 local, week 48
    run.app.weekly.settings.enabled = false;
    replicaB.weekly.settings.enabled = false;
    try {
      expect((await run.app.habits.tick(monday)).weekly).toBe(0);
      expect(await prisma().jobRun.count({ where: { key: { endsWith: "2026-W48" } } })).toBe(0);
    } finally {
      run.app.weekly.settings.enabled = true;
      replicaB.weekly.settings.enabled = true;
    }
    expect((await run.app.habits.tick(new Date(monday.getTime() - 60_000))).weekly).toBe(0); // 08:59: not yet
    expect((await replicaB.habits.tick(monday)).weekly).toBe(2);
    await replicaB.deliverNow();
    const quiet = JSON.stringify(fake.messagesIn("C0SUPPORT")[1]!.blocks);
    expect(quiet).toContain("Kundeservice – uge 48 (23.–29. nov.)");
    expect(quiet).toContain("Uge 48 (23.–29. nov.): ingen svar fra kunderne.");
  });
});
