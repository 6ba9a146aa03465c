// `kundepuls weekly` as a person runs it (the built CLI in a child process, local mode: the console
// is the channel): a dry run prints the latest complete week's view in the language asked for and
// records nothing; a forced run sends it once per week; `team set --weekly-cron` gives a team its own day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCompleteWeek } from "../../src/core/weekly.ts";
import { capitalized } from "../../src/messages/format.ts";
import { openDatabase } from "../../src/store/database.ts";
import { applyMigrations } from "../../src/store/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { runCli } from "../support/cli.ts";

describe("kundepuls weekly", () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  // the CLI reads the real clock: the week is whichever one ended last
  const week = latestCompleteWeek(new Date(), "Europe/Copenhagen");
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    await applyMigrations(test.target);
    const db = await openDatabase(test.target);
    const team = await db.prisma.team.create({ data: { slug: "support", name: "Kundeservice" } });
    await db.prisma.answer.createMany({
      data: [10, 9, 9, 7, 3].map((score, i) => ({ source: "api", externalId: `w${i}`, score, teamId: team.id, contentHash: `w${i}`, answeredAt: new Date(week.from.getTime() + (i + 1) * 3_600_000) })),
    });
    await db.close();
    env = { DATABASE_URL: test.databaseUrl, DEFAULT_LANGUAGE: "da" };
  });
  afterAll(async () => test.drop());

  it("--dry-run prints the view of the latest complete week in the language asked for, and records nothing", async () => {
    const da = await runCli(["weekly", "--dry-run", "--team", "support"], env);
    expect(da).toMatchObject({ code: 0, stderr: "" });
    expect(da.stdout).toContain(`Kundeservice – ${week.label.da}`);
    expect(da.stdout).toContain("For få svar (5 af 30): +40, meget usikkert");
    expect(da.stdout).toContain("(prøvekørsel: intet noteret eller sendt)");
    const en = await runCli(["weekly", "--dry-run", "--lang", "en"], env);
    expect(en.stdout).toContain(`Kundeservice – ${week.label.en}`);
    expect(en.stdout).toContain("Too few answers (5 of 30): +40, very uncertain");
    expect(en.stdout).not.toMatch(/\b(svar|uge|prøvekørsel)\b/);
    expect((await runCli(["weekly", "--dry-run", "--team", "ukendt"], env)).code).toBe(2);
  });

  it("--force sends it now (to the console in local mode), once for the week", async () => {
    const first = await runCli(["weekly", "--force"], env);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain(capitalized(week.label.da));
    expect(first.stdout).toContain("support: 1 ugeoverblik sat i kø");
    expect(first.stdout).toContain(`Kundeservice – ${week.label.da}`); // the console face "posted" it
    const second = await runCli(["weekly", "--force", "--lang", "en"], env);
    expect(second.stdout).toContain("support: already sent for that week");
    expect(second.stdout).not.toContain(`Kundeservice – ${week.label.en}`);
  });

  it("team set --weekly-cron gives a team its own schedule, refuses a bad one, and 'default' goes back", async () => {
    const set = await runCli(["team", "set", "support", "--weekly-cron", "0 7 * * 2", "--lang", "en"], env);
    expect(set).toMatchObject({ code: 0 });
    expect(set.stdout).toContain("support (Kundeservice): lead none, digest default schedule, weekly view 0 7 * * 2");
    const bad = await runCli(["team", "set", "support", "--weekly-cron", "0 7 1 * *"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Dag i måneden og måned skal være "\*"/);
    const reset = await runCli(["team", "set", "support", "--weekly-cron", "default"], env);
    expect(reset.stdout).toBe("support (Kundeservice): leder ingen, digest standardtidspunkt\n");
  });
});
