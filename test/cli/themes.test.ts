import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerStore } from "../../src/store/answers.ts";
import { migratedDatabase, type TestDatabase } from "../support/databases.ts";
import { runCli } from "../support/cli.ts";
import { corpusAnswers, themeCorpus } from "../support/theme-corpus.ts";

describe("kundepuls themes and theme alias", () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const m = await migratedDatabase("sqlite");
    test = m.test;
    dispose = m.dispose;
    env = { DATABASE_URL: test.databaseUrl, DEFAULT_LANGUAGE: "en" };
    const answers = new AnswerStore(m.db.prisma);
    const batch = corpusAnswers(themeCorpus("da").comments, "support", new Date("2026-11-02T00:00:00Z"));
    await answers.upsertBatch(batch, new Date("2026-12-06T12:00:00Z"), { followUpFrom: null });
    await m.db.close();
  });
  afterAll(async () => dispose());

  it("adds, lists and removes aliases, refusing anything but one word each with one line", async () => {
    expect((await runCli(["theme", "aliases"], env)).stdout).toMatch(/^no aliases yet/);
    expect((await runCli(["theme", "alias", "Regning", "faktura"], env)).stdout).toBe("alias regning → faktura\n");
    expect((await runCli(["theme", "alias", "regning", "fakturaer"], env)).stdout).toBe("alias regning → fakturaer (was → faktura)\n");
    await runCli(["theme", "alias", "regning", "faktura"], env);
    await runCli(["theme", "alias", "bill", "invoice"], env);
    expect((await runCli(["theme", "aliases"], env)).stdout).toBe("bill → invoice\nregning → faktura\n");
    expect((await runCli(["theme", "alias", "--remove", "bill"], env)).stdout).toBe("removed alias bill\n");
    expect((await runCli(["theme", "alias", "--remove", "bill"], env)).stdout).toBe("no alias for bill; nothing removed\n");
    for (const bad of [["theme", "alias", "to ord", "faktura"], ["theme", "alias", "faktura", "faktura"], ["theme", "alias", "x"], ["theme", "nope"]]) {
      const refused = await runCli(bad, env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^kundepuls: /);
      expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  }, 120_000);

  it("prints a period's themes as text or JSON", async () => {
    const text = await runCli(["themes", "2026-11", "--team", "support"], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("What detractors talk about");
    const danish = await runCli(["themes", "2026-11", "--team", "support", "--lang", "da"], env);
    expect(danish.stdout).toContain("Hvad kritikerne taler om");
    expect(danish.stdout).not.toContain("What detractors");
    const json = await runCli(["themes", "november 2026", "--json"], env);
    const parsed = JSON.parse(json.stdout);
    expect(Object.keys(parsed)).toEqual(["period", "team", "comments", "detractorComments", "promoterComments", "minimumComments", "tooFew", "detractors", "promoters"]);
    expect(parsed).toMatchObject({ team: null, comments: 75, detractorComments: 35, promoterComments: 30, minimumComments: 5, tooFew: false });
    expect(parsed.period).toEqual({ from: "2026-10-31T23:00:00.000Z", to: "2026-11-30T23:00:00.000Z", label: "November 2026" });
    expect(parsed.detractors[0]).toEqual({ label: "faktura", key: "faktura", count: 20, otherCount: 1, z: expect.any(Number), quotes: ["Forkert faktura igen.", "Regningen var for høj."] });
    expect(parsed.promoters.map((t: { label: string }) => t.label)).toEqual(["venlig", "hurtig hjælp"]);
    const empty = JSON.parse((await runCli(["themes", "2026-10", "--json"], env)).stdout);
    expect(empty).toMatchObject({ comments: 0, tooFew: true, detractors: [], promoters: [] });
  }, 60_000);

  it("refuses an unknown team or period with one line and exit 2", async () => {
    const team = await runCli(["themes", "2026-11", "--team", "nope"], env);
    expect(team.code).toBe(2);
    expect(team.stderr).toBe('kundepuls: unknown team "nope" (teams: support)\n');
    const period = await runCli(["themes", "some day"], env);
    expect(period.code).toBe(2);
    const danish = await runCli(["themes", "2026-11", "--team", "nope", "--lang", "da"], env);
    expect(danish.stderr).toBe('kundepuls: ukendt hold "nope" (hold: support)\n');
  }, 60_000);
});
