// Two real `kundepuls start` processes on one database (SQLite file and PostgreSQL schema) and one
// fake Slack, both with the weekly view due the moment they start: each team's latest complete
// week reaches each of its digest channels exactly once, and one job run per team records it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { latestCompleteWeek } from "../../src/core/weekly.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { DIGEST_TEAMS as TEAMS, freePort, keyOf, killAllBots, logsOf, prepareTeams, startBot, stopBot, waitUntil, type Bot } from "./support.ts";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await killAllBots();
  await fake?.close();
});
afterEach(async () => killAllBots());

describe.each(PROVIDERS)("the weekly view from two replicas on %s", (provider) => {
  it("both tick at start with the view due: every channel gets its team's week once", async () => {
    fake.reset();
    const env = await migratedDatabase(provider);
    try {
      await prepareTeams(env.db.prisma, TEAMS);
      const start = async (name: string): Promise<Bot> => startBot(name, {
        DATABASE_URL: env.test.databaseUrl, PORT: String(await freePort()), HOST: "127.0.0.1",
        SLACK_BOT_TOKEN: "xoxb-replica-test-token", SLACK_SIGNING_SECRET: "replica-signing-secret", SLACK_API_URL: fake.apiUrl,
        INGEST_TOKEN: "replica-ingest-token-0123456789", LOG_LEVEL: "info",
        WEEKLY_CRON: "0 0 * * *", // due since midnight, every day: at once
        DIGEST_CRON: "0 0 * * *",
      });
      const [a, b] = await Promise.all([start("A"), start("B")]);
      const week = latestCompleteWeek(new Date(), "Europe/Copenhagen").key;
      const expected = TEAMS.flatMap((t) => t.channels.map((c) => `weekly:${t.slug}:slack:${c}:${week}`)).sort();
      const weeklyRows = async () => (await env.db.prisma.outboxMessage.findMany({ where: { kind: "weekly" } })).sort((x, y) => x.key.localeCompare(y.key));
      await waitUntil("every weekly view sent", async () => {
        const rows = await weeklyRows();
        return rows.length === expected.length && rows.every((r) => r.state === "sent");
      }, 40_000, () => logsOf(a, b));
      // (both ran their first tick as they started, at the same time: the race the job-run claim and the outbox keys decide)
      expect(await Promise.all([stopBot(a, "SIGTERM"), stopBot(b, "SIGTERM")])).toEqual([0, 0]);

      const posted = fake.messages().map(keyOf).filter((k): k is string => k?.startsWith("weekly:") ?? false);
      expect(posted.sort()).toEqual(expected);
      expect((await weeklyRows()).map((r) => r.key)).toEqual(expected);
      const runs = await env.db.prisma.jobRun.findMany({ where: { key: { startsWith: "weekly:" } }, orderBy: { key: "asc" } });
      expect(runs.map((r) => [r.key, r.finishedAt !== null])).toEqual(TEAMS.map((t) => [`weekly:${t.slug}:${week}`, true]).sort());
    } finally {
      await killAllBots();
      await env.dispose();
    }
  }, 60_000);
});
