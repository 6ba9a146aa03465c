// The monthly report posted by the habits tick on the first working day of the month (1 Jan 2027
// is a Friday holiday → Monday 4 Jan, from 09:00 Copenhagen time), for the month before, into the
// REPORT_CHANNELS — against the fake Slack Web API and the fake Teams Bot Connector, on SQLite
// and PostgreSQL; and two replicas on one database ticking at the same instant post it once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { parsePeriod } from "../../src/core/periods.ts";
import { silentLogger } from "../../src/logger.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { cardOf, expectCleanCard, headerOf, startTeams, type TeamsRun } from "../faces/teams/e2e.ts";
import { CHANNEL, channelMention } from "../faces/teams/recorded.ts";

const HOLIDAY = new Date("2027-01-01T10:00:00Z"); // nytårsdag, a Friday
const MONDAY_EARLY = new Date("2027-01-04T07:59:00Z"); // 08:59 in Copenhagen
const MONDAY_NINE = new Date("2027-01-04T08:00:00Z");
const MONDAY_LATER = new Date("2027-01-04T13:00:00Z");
const FEBRUARY = new Date("2027-02-01T08:30:00Z"); // Monday 1 Feb, 09:30

/** Two teams with December answers (the report's month) and a few in November. */
async function storeAnswers(app: App): Promise<void> {
  const prisma = app.db.prisma;
  const support = await prisma.team.create({ data: { slug: "support", name: "Kundeservice" } });
  const sales = await prisma.team.create({ data: { slug: "salg", name: "Salg" } });
  let n = 0;
  const answers = (teamId: number, scores: number[], at: string) =>
    scores.map((score) => ({ source: "api", externalId: `a${++n}`, score, teamId, contentHash: `h${n}`, answeredAt: new Date(at) }));
  await prisma.answer.createMany({
    data: [...answers(support.id, [10, 9, 9, 8, 3], "2026-12-10T10:00:00Z"), ...answers(sales.id, [10, 6], "2026-12-14T10:00:00Z"), ...answers(support.id, [9, 4], "2026-11-10T10:00:00Z")],
  });
}

const SLACK_CHANNELS = ["C0LEDELSE", "C0BESTYRELSE"];

function dueFebruary() {
  const p = parsePeriod("2027-02", new Date("2027-03-01T08:00:00Z"), "Europe/Copenhagen");
  if (!p.ok) throw new Error("period");
  return p.period;
}

/**
 * The ticks run on January's and February's clock, the delivery workers on today's: the queued
 * reports are made due now, as they are once the wall clock reaches the tick's instant.
 */
async function clockReachesTick(app: App): Promise<void> {
  await app.db.prisma.outboxMessage.updateMany({ where: { kind: "report", state: "pending" }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}

describe.each(PROVIDERS)("the monthly report on %s", (provider) => {
  describe("in Slack", () => {
    let fake: FakeSlack;
    let run: RunningApp;
    let env: Record<string, string>;
    beforeAll(async () => {
      fake = await startFakeSlack();
      env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "report-schedule-secret", SLACK_API_URL: fake.apiUrl, REPORT_CHANNELS: SLACK_CHANNELS.map((c) => `slack:${c}`).join(","), REPORT_TIME: "09:00" };
      run = await startTestApp(provider, env);
      await storeAnswers(run.app);
    });
    afterAll(async () => {
      await run?.stop();
      await fake?.close();
    });
    beforeEach(() => fake.reset());

    it("is not posted on a holiday nor before 09:00; at 09:00 on Monday 4 January once per channel, for December", async () => {
      expect((await run.app.habits.tick(HOLIDAY)).reports).toBe(0);
      expect((await run.app.habits.tick(MONDAY_EARLY)).reports).toBe(0);
      expect((await run.app.habits.tick(MONDAY_NINE)).reports).toBe(2);
      await clockReachesTick(run.app);
      await run.app.deliverNow();
      for (const channel of SLACK_CHANNELS) {
        const posted = fake.messagesIn(channel);
        expect(posted).toHaveLength(1);
        expect(JSON.stringify(posted[0]!.blocks)).toContain("Månedsrapport · december 2026");
        expect((posted[0]!.blocks as unknown[])[1]).toMatchObject({ type: "data_visualization", chart: { type: "bar" } });
      }
      // later ticks that day (and a restart) find the month done
      expect((await run.app.habits.tick(MONDAY_LATER)).reports).toBe(0);
      await run.app.deliverNow();
      expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
      const runs = await run.app.db.prisma.jobRun.findMany({ where: { key: { startsWith: "report:" } }, orderBy: { key: "asc" } });
      expect(runs.map((r) => r.key)).toEqual(["report:2026-12:slack:C0BESTYRELSE", "report:2026-12:slack:C0LEDELSE"]);
    });

    it("a replica that died holding a channel's month: the others wait out its claim, then post what it did not", async () => {
      const nine = new Date("2027-03-01T08:00:00Z"); // Monday 1 March 2027, 09:00
      const key = (channel: string) => `report:2027-02:slack:${channel}`;
      // the dead replica claimed both channels; it had queued the second one's message, not the first's
      expect(await run.app.jobRuns.claim(key("C0LEDELSE"), nine, 600_000)).toBe(true);
      expect(await run.app.jobRuns.claim(key("C0BESTYRELSE"), nine, 600_000)).toBe(true);
      const february = await run.app.reports.run(nine, { dryRun: true, force: true, period: dueFebruary() });
      await run.app.outbox.enqueue({ key: key("C0BESTYRELSE"), platform: "slack", target: "C0BESTYRELSE", kind: "report", message: february.message! }, nine);
      const soon = await run.app.reports.run(new Date(nine.getTime() + 5 * 60_000));
      expect(soon).toMatchObject({ periodKey: "2027-02", queued: 0, alreadySent: 2 });
      const later = await run.app.reports.run(new Date(nine.getTime() + 11 * 60_000));
      expect(later).toMatchObject({ periodKey: "2027-02", queued: 1, alreadySent: 1 });
      await clockReachesTick(run.app);
      await run.app.deliverNow();
      for (const channel of SLACK_CHANNELS) {
        const posted = fake.messagesIn(channel);
        expect(posted).toHaveLength(1);
        expect(JSON.stringify(posted[0]!.blocks)).toContain("Månedsrapport · februar 2027");
      }
      const runs = await run.app.db.prisma.jobRun.findMany({ where: { key: { startsWith: "report:2027-02:" } } });
      expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
    });

    describe("two replicas on one database", () => {
      let second: App;
      beforeAll(async () => {
        second = await createApp(loadConfig({ DATABASE_URL: run.test.databaseUrl, PORT: "0", HOST: "127.0.0.1", ...env }), silentLogger, { consoleOut: () => {} });
      });
      afterEach(() => fake.reset());
      afterAll(async () => second?.close());

      it("ticking at the same instant and delivering at the same time post each channel's report once", async () => {
        // What each replica's tick does for the report (the rest of the tick — retention, digests —
        // has its own guards and tests; two SQLite clients in one process would only queue on its lock).
        const runs = await Promise.all([run.app.reports.run(FEBRUARY), second.reports.run(FEBRUARY)]);
        expect(runs.map((r) => r.periodKey)).toEqual(["2027-01", "2027-01"]);
        expect(runs[0]!.queued + runs[1]!.queued).toBe(2);
        expect(runs[0]!.alreadySent + runs[1]!.alreadySent).toBe(2);
        await clockReachesTick(run.app);
        await Promise.all([run.app.deliverNow(), second.deliverNow(), run.app.deliverNow(), second.deliverNow()]);
        for (const channel of SLACK_CHANNELS) {
          const posted = fake.messagesIn(channel);
          expect(posted).toHaveLength(1);
          expect(JSON.stringify(posted[0]!.blocks)).toContain("Månedsrapport · januar 2027");
        }
        expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
        const rows = await run.app.db.prisma.outboxMessage.findMany({ where: { kind: "report", key: { startsWith: "report:2027-01:" } } });
        expect(rows.map((r) => r.state)).toEqual(["sent", "sent"]);
        // both replicas tick again later that day: nothing more
        const later = new Date(FEBRUARY.getTime() + 3_600_000);
        const again = await Promise.all([run.app.reports.run(later), second.reports.run(later)]);
        expect(again.map((r) => r.queued)).toEqual([0, 0]);
      });
    });
  });

  describe("in Teams", () => {
    let t: TeamsRun;
    beforeAll(async () => {
      t = await startTeams(provider, { REPORT_CHANNELS: `teams:${CHANNEL}` });
      t.run.app.reports.settings.consoleOnly = false; // local mode posts to the console; this drives the Teams route
      await storeAnswers(t.run.app);
      // the bot has been mentioned in the management channel, so it knows how to post there
      await t.post(channelMention(t.connector.url, "hjælp", { id: "1771290400001" }));
      t.connector.clear();
    });
    afterAll(async () => t?.stop());

    it("goes into the channel on Monday 4 January as a card with the bar chart, once", async () => {
      expect((await t.run.app.habits.tick(HOLIDAY)).reports).toBe(0);
      expect((await t.run.app.habits.tick(MONDAY_NINE)).reports).toBe(1);
      await clockReachesTick(t.run.app);
      await t.run.app.deliverNow();
      expect(t.connector.calls).toHaveLength(1);
      expect(t.connector.calls[0]).toMatchObject({ kind: "send", conversationId: CHANNEL });
      const card = cardOf(t.connector.calls[0]!);
      expect(headerOf(card)).toBe("Månedsrapport · december 2026");
      expect(card.body.find((e) => e.type === "Chart.HorizontalBar")?.data).toEqual([{ x: "Kundeservice *", y: 40, color: "good" }, { x: "Salg *", y: 0, color: "good" }]);
      expectCleanCard(card);
      expect((await t.run.app.habits.tick(MONDAY_LATER)).reports).toBe(0);
      await t.run.app.deliverNow();
      expect(t.connector.calls).toHaveLength(1);
    });
  });
});
