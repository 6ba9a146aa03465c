// The habits reaching Slack for real: `kundepuls digest` as a command against the fake Slack Web
// API (one digest per bound channel; a second run the same day posts nothing), and a customer
// story that meets a 429 on its way to #kundehistorier and still arrives, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/databases.ts";
import { applyMigrations } from "../../../src/store/migrate.ts";
import { openDatabase } from "../../../src/store/database.ts";
import { runCli } from "../../support/cli.ts";
import { startFakeSlack, type FakeSlack } from "../../support/fake-slack.ts";
import { startTestApp } from "../../support/app.ts";
import { SECRET } from "./harness.ts";

describe("kundepuls digest against Slack", () => {
  let fake: FakeSlack;
  let test: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startFakeSlack();
    test = await createTestDatabase("sqlite");
    await applyMigrations(test.target);
    const db = await openDatabase(test.target);
    const team = await db.prisma.team.create({ data: { slug: "support", name: "Kundeservice" } });
    for (const channelId of ["C0SUPPORT", "C0LEDELSE"]) await db.prisma.channelBinding.create({ data: { platform: "slack", channelId, teamId: team.id, purpose: "digest" } });
    await db.prisma.answer.create({ data: { source: "api", externalId: "a1", score: 10, teamId: team.id, answeredAt: new Date(Date.now() - 3_600_000), contentHash: "x" } });
    await db.close();
    env = { DATABASE_URL: test.databaseUrl, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl };
  });
  afterAll(async () => {
    await fake.close();
    await test.drop();
  });

  it("posts one digest per bound channel; a second run the same day posts nothing", async () => {
    const first = await runCli(["digest"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("support: 2 digests sat i kø");
    const posts = fake.callsTo("chat.postMessage");
    expect(posts.map((c) => c.body.channel).sort()).toEqual(["C0LEDELSE", "C0SUPPORT"]);
    expect(JSON.stringify(posts[0]!.body)).toContain("Dagens opsummering – Kundeservice");
    const second = await runCli(["digest"], env);
    expect(second.stdout).toContain("support: allerede sendt i dag");
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("--dry-run prints the digest and sends nothing", async () => {
    const dry = await runCli(["digest", "--dry-run", "--team", "support"], env);
    expect(dry.stdout).toContain("Dagens opsummering – Kundeservice");
    expect(dry.stdout).toContain("(prøvekørsel: intet noteret eller sendt)");
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
  });
});

describe("a customer story through a Slack rate limit", () => {
  it("is retried after Retry-After and arrives once, redacted", async () => {
    const fake = await startFakeSlack();
    const run = await startTestApp("sqlite", { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, STORY_CHANNELS: "slack:C0KUNDEHIST" });
    try {
      const submitted = await run.app.stories.submit({ text: "Kunden ringede for at sige tak – skriv til hende på ida@example.dk", by: { platform: "slack", userId: "U1", name: "Emil" } }, new Date());
      expect(submitted.ok).toBe(true);
      // 10:00 on a past weekday in Copenhagen: the first story slot is due (and already due for the worker).
      const tenOClock = new Date("2026-11-27T09:00:00Z");
      expect(await run.app.stories.runPlan(tenOClock)).toBe(1);
      fake.rateLimitNext("chat.postMessage", 1);
      await run.app.deliverNow();
      expect(fake.messagesIn("C0KUNDEHIST")).toHaveLength(0);
      const [pending] = await run.app.outbox.list({ state: "pending" });
      expect(pending?.lastError).toMatch(/rate limit/);
      // The retry is due after Retry-After (1 s) and the backoff; deliver until it has gone out.
      for (const until = Date.now() + 15_000; fake.messagesIn("C0KUNDEHIST").length === 0 && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 200));
        await run.app.deliverNow();
      }
      const posted = fake.messagesIn("C0KUNDEHIST");
      expect(posted).toHaveLength(1);
      expect(JSON.stringify(posted[0]!.blocks)).toContain("(e-mail fjernet)");
      expect(JSON.stringify(posted[0]!.blocks)).not.toContain("ida@example.dk");
      expect(await run.app.stories.runPlan(new Date("2026-11-27T14:00:00Z"))).toBe(0); // never the same story twice
    } finally {
      await run.stop();
      await fake.close();
    }
  });
});
