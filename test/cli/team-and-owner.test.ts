import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { openDatabase } from "../../src/store/database.ts";
import { runCli } from "../support/cli.ts";

describe("kundepuls team and owner", () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    env = { DATABASE_URL: test.databaseUrl };
  });
  afterAll(async () => test.drop());

  it("sets a team's name, lead and digest schedule; refuses a bad cron or person with one line", async () => {
    const set = await runCli(["team", "set", "Salg Nord", "--name", "Salg Nord", "--lead", "slack:U0LEAD", "--digest-cron", "0 9 * * 1-5"], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain("salg-nord (Salg Nord): lead U0LEAD, digest 0 9 * * 1-5");
    const bad = await runCli(["team", "set", "salg-nord", "--digest-cron", "*/5 * * * *"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kundepuls: The minute/);
    expect((await runCli(["team", "set", "salg-nord", "--lead", "lene"], env)).stderr).toMatch(/not a person/);
    const reset = await runCli(["team", "set", "salg-nord", "--digest-cron", "default"], env);
    expect(reset.stdout).toContain("digest default schedule");
    expect((await runCli(["team"], env)).stdout).toContain("salg-nord (Salg Nord): lead U0LEAD");
  });

  it("sets account and touchpoint owners, creating the person once", async () => {
    expect((await runCli(["owner", "account", "Bageriet ApS", "Lene@Firma.dk"], env)).stdout).toContain('account "Bageriet ApS": owner lene@firma.dk');
    expect((await runCli(["owner", "touchpoint", "telefon", "lene@firma.dk"], env)).code).toBe(0);
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
});
