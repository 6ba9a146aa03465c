// `kundepuls report`: the report in the console (every team, one language), --post into the
// REPORT_CHANNELS of the fake Slack once per channel and period, and refusals with one line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratedDatabase, type TestDatabase } from "../support/databases.ts";
import { runCli } from "../support/cli.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";

describe("kundepuls report", () => {
  let test: TestDatabase;
  let fake: FakeSlack;
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    fake = await startFakeSlack();
    const m = await migratedDatabase("sqlite");
    test = m.test;
    dispose = m.dispose;
    const prisma = m.db.prisma;
    let n = 0;
    for (const [slug, name, scores] of [["support", "Kundeservice", [10, 9, 9, 3]], ["salg", "Salg", [6, 10]]] as const) {
      const team = await prisma.team.create({ data: { slug, name } });
      await prisma.answer.createMany({ data: scores.map((score) => ({ source: "api", externalId: `a${++n}`, score, teamId: team.id, contentHash: `h${n}`, answeredAt: new Date("2026-10-14T10:00:00Z") })) });
    }
    await m.db.close();
    env = { DATABASE_URL: test.databaseUrl, DEFAULT_LANGUAGE: "da" };
  });
  afterAll(async () => {
    await dispose();
    await fake.close();
  });

  it("prints the report of a month in the language asked for", async () => {
    const en = await runCli(["report", "--month", "2026-10", "--lang", "en"], env);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Monthly report · October 2026");
    expect(en.stdout).toMatch(/Kundeservice \* +█+ \+50/);
    expect(en.stdout).toContain("Team by team");
    expect(en.stdout).not.toContain("Team for team");
    const quarter = await runCli(["report", "--quarter", "2026-Q4"], env);
    expect(quarter.code).toBe(2);
    expect(quarter.stderr).toContain("4. kvartal 2026 er ikke slut endnu");
  }, 60_000);

  it("--post sends it to REPORT_CHANNELS once per channel and period", async () => {
    const slack = { ...env, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "cli-report-secret", SLACK_API_URL: fake.apiUrl, REPORT_CHANNELS: "slack:C0LEDELSE" };
    const first = await runCli(["report", "--month", "2026-10", "--post"], slack);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("2026-10: 1 besked sat i kø");
    expect(fake.messagesIn("C0LEDELSE")).toHaveLength(1);
    expect(JSON.stringify(fake.messagesIn("C0LEDELSE")[0]!.blocks)).toContain("Månedsrapport · oktober 2026");
    const second = await runCli(["report", "--month", "2026-10", "--post"], slack);
    expect(second.stdout).toContain("2026-10: 0 beskeder sat i kø, 1 kanal(er) havde den allerede");
    expect(fake.messagesIn("C0LEDELSE")).toHaveLength(1);
    const dry = await runCli(["report", "--month", "2026-09", "--post", "--dry-run"], slack);
    expect(dry.stdout).toContain("(prøvekørsel: intet noteret eller sendt)");
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  }, 90_000);

  it("refuses a bad month, both --month and --quarter, and --post without channels", async () => {
    const bad = await runCli(["report", "--month", "november"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--month: skal se ud som 2026-11");
    const both = await runCli(["report", "--month", "2026-10", "--quarter", "2026-Q3", "--lang", "en"], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("choose --month or --quarter, not both");
    const none = await runCli(["report", "--post", "--month", "2026-10", "--lang", "en"], { ...env, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "x-secret", SLACK_API_URL: fake.apiUrl });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("no channel set up: set REPORT_CHANNELS");
  }, 90_000);
});
