import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { openDatabase } from "../../src/store/database.ts";
import { runCli } from "../support/cli.ts";

describe("kundepuls team and owner", () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    env = { DATABASE_URL: test.databaseUrl, DEFAULT_LANGUAGE: "en" };
  });
  afterAll(async () => test.drop());

  it("sets a team's name, lead and digest schedule; refuses a bad cron or person with one line", async () => {
    const set = await runCli(["team", "set", "Salg Nord", "--name", "Salg Nord", "--lead", "slack:U0LEAD", "--digest-cron", "0 9 * * 1-5"], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain("salg-nord (Salg Nord): lead slack:U0LEAD, digest 0 9 * * 1-5");
    const bad = await runCli(["team", "set", "salg-nord", "--digest-cron", "*/5 * * * *"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kundepuls: The minute/);
    expect((await runCli(["team", "set", "salg-nord", "--lead", "lene"], env)).stderr).toMatch(/not a person/);
    const reset = await runCli(["team", "set", "salg-nord", "--digest-cron", "default"], env);
    expect(reset.stdout).toContain("digest default schedule");
    expect((await runCli(["team"], env)).stdout).toContain("salg-nord (Salg Nord): lead slack:U0LEAD");
  });

  it("team list names the lead by name and e-mail, not by id, in the language asked for", async () => {
    const db = await openDatabase(test.target);
    try {
      const mette = await db.prisma.person.create({ data: { name: "Mette Holm", email: "mette@firma.dk", slackUserId: "U0METTE" } });
      await db.prisma.team.create({ data: { slug: "support", name: "Kundeservice", leadId: mette.id } });
    } finally {
      await db.close();
    }
    expect((await runCli(["team", "list", "--lang", "da"], env)).stdout).toContain("support (Kundeservice): leder Mette Holm <mette@firma.dk>, digest standardtidspunkt\n");
    const english = (await runCli(["team", "list"], env)).stdout;
    expect(english).toContain("support (Kundeservice): lead Mette Holm <mette@firma.dk>, digest default schedule\n");
    expect(english).not.toContain("U0METTE");
  });

  it("sets account and touchpoint owners, creating the person once", async () => {
    expect((await runCli(["owner", "account", "Bageriet ApS", "Lene@Firma.dk"], env)).stdout).toContain('account "Bageriet ApS": owner lene@firma.dk');
    expect((await runCli(["owner", "touchpoint", "telefon", "lene@firma.dk", "--lang", "da"], env)).stdout).toBe('kontaktpunkt "telefon": ejer lene@firma.dk\n');
    expect((await runCli(["owner", "team", "x", "lene@firma.dk"], env)).code).toBe(2);
    const db = await openDatabase(test.target);
    try {
      const people = await db.prisma.person.findMany({ where: { email: "lene@firma.dk" } });
      expect(people).toHaveLength(1);
      const account = await db.prisma.account.findUniqueOrThrow({ where: { name: "Bageriet ApS" } });
      const touchpoint = await db.prisma.touchpoint.findUniqueOrThrow({ where: { name: "telefon" } });
      expect([account.ownerId, touchpoint.ownerId]).toEqual([people[0]!.id, people[0]!.id]);
    } finally {
      await db.close();
    }
  });

  it("a Danish refusal is Danish: a bad person, a bad cron", async () => {
    const person = await runCli(["team", "set", "salg-nord", "--lead", "lene", "--lang", "da"], env);
    expect(person).toMatchObject({ code: 2, stderr: 'kundepuls: "lene" er ikke en person: angiv en e-mail, et Slack-bruger-id (U0123 eller slack:U0123) eller teams:<AAD-objekt-id>\n' });
    const cron = await runCli(["team", "set", "salg-nord", "--digest-cron", "*/5 * * * *", "--lang", "da"], env);
    expect(cron.code).toBe(2);
    expect(cron.stderr).not.toMatch(/The minute/);
  });
});
