// kundepuls source add|list|show|remove|test, through the real executable. The checks of English
// text run with DEFAULT_LANGUAGE=en; --lang da shows the same in Danish.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoment } from "../../src/cli/command.ts";
import { localDayKey } from "../../src/core/schedule.ts";
import { KINDS } from "../../src/ingest/sources/kinds.ts";
import { openDatabase } from "../../src/store/database.ts";
import { SourceStore } from "../../src/store/sources.ts";
import { runCli } from "../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";

const SECRET_VALUE = "tf-secret-never-printed-42";

describe("kundepuls source", () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    env = { DATABASE_URL: test.databaseUrl, TF_SECRET: SECRET_VALUE, TIME_ZONE: "Europe/Copenhagen", DEFAULT_LANGUAGE: "en" };
  });
  afterAll(async () => test.drop());

  it("adds a source, refusing bad usage with one line and exit 2", async () => {
    const added = await runCli(["source", "add", "tf-support", "--kind", "typeform", "--secret-env", "TF_SECRET", "--team", "Support", "--map", "comment=ref:reason"], env);
    expect([added.code, added.stdout]).toEqual([0, "source tf-support added: POST answers to /api/sources/tf-support\n"]);
    const formbricks = await runCli(["source", "add", "fb", "--kind", "formbricks", "--secret-env", "FB_SECRET"], env);
    expect(formbricks.code).toBe(2);
    expect(formbricks.stderr).toMatch(/^kundepuls: formbricks names its questions with random ids: give --map score=<selector>/);
    const badMap = await runCli(["source", "add", "g", "--kind", "generic", "--secret-env", "G", "--map", "scor=/x"], env);
    expect([badMap.code, badMap.stderr.split("\n")[0]]).toEqual([2, `kundepuls: --map scor=/x: FIELD must be one of id, respondedAt, score, ces, comment, email, name, account, team, touchpoint, consent, language`]);
    const poll = await runCli(["source", "add", "sm", "--kind", "surveymonkey", "--token-env", "SM_TOKEN", "--map", "score=question:1", "--poll-minutes", "5", "--survey", "405193572"], env);
    expect([poll.code, poll.stdout]).toEqual([0, "source sm added: polled every 5 min\n"]);
    const danish = await runCli(["source", "add", "x", "--kind", "googleforms", "--secret-env", "X", "--lang", "da"], env);
    expect([danish.code, danish.stderr]).toEqual([2, `kundepuls: --kind skal være en af ${KINDS.join(", ")}\n`]);
  });

  it("shows a source's settings, naming secret variables but never their values", async () => {
    const shown = await runCli(["source", "show", "tf-support"], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("verify: typeform\nsecret: TF_SECRET (set)\n");
    expect(shown.stdout).toContain("  score = type:nps|opinion_scale (default)\n  comment = ref:reason\n");
    expect(shown.stdout).toContain("  team = =support\n");
    expect(shown.stdout + shown.stderr).not.toContain(SECRET_VALUE);
    expect((await runCli(["source", "show", "sm"], env)).stdout).toContain("API token: SM_TOKEN (NOT set on this machine)");
  });

  it("tests a saved payload: the answer it would store, or why not", async () => {
    const ok = await runCli(["source", "test", "tf-support", "test/fixtures/sources/typeform.json"], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ source: "tf-support", externalId: "a3a12ec67a1365927098a606107fac15", score: 9, teamSlug: "support", comment: "Hurtig og venlig hjælp i telefonen." });
    const not = await runCli(["source", "test", "tf-support", "test/fixtures/sources/asknicely.json"], env);
    expect([not.code, not.stdout]).toEqual([1, "nothing to store: the payload names no event\n"]);
    expect((await runCli(["source", "test", "tf-support", "no-such.json"], env)).stderr).toBe("kundepuls: no-such.json: no such file\n");
  });

  it("lists each source's status: last answer, today's answers and refusals, a failing poll", async () => {
    const now = new Date();
    const db = await openDatabase(test.target);
    try {
      const store = new SourceStore(db.prisma);
      const today = localDayKey(now, "Europe/Copenhagen");
      await store.countAnswers("tf-support", today, 3, now);
      await store.countRefusal("tf-support", today, "bad signature", now);
      await store.countRefusal("tf-support", today, "score: nothing found at type:nps|opinion_scale", now);
      await store.pollFailed("sm", 2, new Date(now.getTime() + 120_000), "api.surveymonkey.com answered HTTP 401");
    } finally {
      await db.close();
    }
    const list = await runCli(["source", "list"], env);
    expect(list.code).toBe(0);
    const [sm, tf] = list.stdout.trim().split("\n");
    expect(tf).toBe(`tf-support (typeform) | last answer ${formatMoment(now, "en", "Europe/Copenhagen")} | today: 3 answer(s), 2 refusal(s) (last: score: nothing found at type:nps|opinion_scale)`);
    expect(sm).toMatch(/^sm \(surveymonkey\) \| last answer never \| today: 0 answer\(s\), 0 refusal\(s\) \| polled every 5 min, cursor never, FAILING 2x: api.surveymonkey.com answered HTTP 401 \(next try .+\)$/);
    const danish = await runCli(["source", "list", "--lang", "da"], env);
    const [smDa, tfDa] = danish.stdout.trim().split("\n");
    // The refusal reasons come from the mapping code and stay English.
    expect(tfDa).toBe(`tf-support (typeform) | seneste svar ${formatMoment(now, "da", "Europe/Copenhagen")} | i dag: 3 svar, 2 afvisninger (seneste: score: nothing found at type:nps|opinion_scale)`);
    expect(smDa).toMatch(/^sm \(surveymonkey\) \| seneste svar aldrig \| i dag: 0 svar, 0 afvisninger \| hentes hvert 5\. minut, intet hentet endnu, FEJLER \(2 gange\): api.surveymonkey.com answered HTTP 401 \(næste forsøg \d+\. \S+ \d{4} kl\. \d\d\.\d\d\)$/);
  });

  it("removes a source", async () => {
    expect((await runCli(["source", "remove", "tf-support"], env)).stdout).toBe("source tf-support removed\n");
    const gone = await runCli(["source", "show", "tf-support"], env);
    expect([gone.code, gone.stderr]).toEqual([2, 'kundepuls: no source named "tf-support"\n']);
  });
});
