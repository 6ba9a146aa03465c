// Pull sources against a local fake SurveyMonkey API: a cursor per source, one poll per period
// (also with two replicas ticking at once), missed polls caught up, a failing API backed off.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeToolApi, type FakeToolApi } from "../support/fake-tool-api.ts";

process.env.KP_POLL_TOKEN = "poll-token-xyz";
const template = JSON.parse(fs.readFileSync(new URL("../fixtures/sources/surveymonkey-response.json", import.meta.url), "utf8"));
const BULK = "/v3/surveys/405193572/responses/bulk";
const MINUTE = 60_000;

function response(id: string, score: number, modified: string) {
  const r = structuredClone(template);
  Object.assign(r, { id, date_created: modified, date_modified: modified });
  r.pages[0].questions[0].answers[0].simple_text = String(score);
  return r;
}

/** The fake's bulk endpoint: modified at or after start_modified_at, oldest first, paged. */
function serveBulk(api: FakeToolApi, responses: ReturnType<typeof response>[], path = BULK) {
  api.routes.set(path, (q: URLSearchParams) => {
    const since = q.get("start_modified_at");
    const perPage = Number(q.get("per_page"));
    const page = Number(q.get("page"));
    const matching = responses
      .filter((r) => !since || new Date(r.date_modified) >= new Date(`${since}Z`))
      .sort((a, b) => a.date_modified.localeCompare(b.date_modified));
    return { data: matching.slice((page - 1) * perPage, page * perPage), per_page: perPage, page, total: matching.length };
  });
}

async function addPullSource(app: App, api: FakeToolApi, name: string, surveyId = "405193572") {
  await app.sources.store.save({
    name, kind: "surveymonkey", verify: "surveymonkey", secretEnv: "KP_POLL_TOKEN", tokenEnv: "KP_POLL_TOKEN", apiUrl: api.url, surveyId,
    mappings: { score: "question:663476241", comment: "question:663476242" }, team: null, touchpoint: null, pollMinutes: 5,
  });
}

describe.each(PROVIDERS)("pull sources on %s", (provider) => {
  let run: RunningApp;
  let api: FakeToolApi;
  const responses = [response("r-1", 9, "2026-12-06T09:00:00+00:00"), response("r-2", 3, "2026-12-06T09:30:00+00:00")];
  const t0 = new Date("2026-12-06T10:01:00Z");
  const bulkCalls = () => api.requests.filter((r) => r.path === BULK);
  const scores = async () => (await run.app.db.prisma.answer.findMany({ where: { source: "sm-pull" }, orderBy: { externalId: "asc" } })).map((a) => [a.externalId, a.score]);

  beforeAll(async () => {
    api = await startFakeToolApi();
    run = await startTestApp(provider);
    serveBulk(api, responses);
    await addPullSource(run.app, api, "sm-pull");
  });
  afterAll(async () => {
    await run?.stop();
    await api?.close();
  });

  it("the first poll fetches everything, stores it and moves the cursor", async () => {
    expect(await run.app.sourcePoller.tick(t0)).toEqual([{ source: "sm-pull", polled: true, stored: 2 }]);
    expect(await scores()).toEqual([["r-1", 9], ["r-2", 3]]);
    expect(bulkCalls()[0]!.headers.authorization).toBe("Bearer poll-token-xyz");
    expect(bulkCalls()[0]!.query.get("start_modified_at")).toBeNull();
    expect((await run.app.sources.store.find("sm-pull"))!.pollCursor?.toISOString()).toBe("2026-12-06T09:30:00.000Z");
  });

  it("polls once per period", async () => {
    const calls = bulkCalls().length;
    expect(await run.app.sourcePoller.tick(new Date(t0.getTime() + 2 * MINUTE))).toEqual([{ source: "sm-pull", polled: false }]);
    expect(bulkCalls()).toHaveLength(calls);
  });

  it("after missed polls, the next one catches up on everything modified since the cursor", async () => {
    responses.push(response("r-3", 10, "2026-12-06T11:00:00+00:00"), response("r-1", 4, "2026-12-06T11:10:00+00:00"));
    responses.splice(0, 1); // r-1 was edited: the API lists its new version
    const later = new Date(t0.getTime() + 90 * MINUTE); // the bot was down for 18 periods
    expect(await run.app.sourcePoller.tick(later)).toEqual([{ source: "sm-pull", polled: true, stored: 3 }]);
    expect(bulkCalls().at(-1)!.query.get("start_modified_at")).toBe("2026-12-06T09:30:00");
    expect(await scores()).toEqual([["r-1", 4], ["r-2", 3], ["r-3", 10]]);
  });

  it("a failing API backs off, shows its error, and recovers", async () => {
    const start = new Date(t0.getTime() + 120 * MINUTE);
    api.failWith = 500;
    const first = await run.app.sourcePoller.tick(start);
    expect(first[0]).toMatchObject({ polled: true, error: expect.stringContaining("HTTP 500") });
    let row = (await run.app.sources.store.find("sm-pull"))!;
    expect([row.pollFailures, row.pollRetryAt?.getTime(), row.pollError]).toEqual([1, start.getTime() + MINUTE, expect.stringContaining("HTTP 500")]);
    // Before the retry time nothing is asked, even in a new period.
    const calls = bulkCalls().length;
    expect(await run.app.sourcePoller.tick(new Date(start.getTime() + 30_000))).toEqual([{ source: "sm-pull", polled: false }]);
    expect(bulkCalls()).toHaveLength(calls);
    await run.app.sourcePoller.tick(new Date(start.getTime() + MINUTE));
    row = (await run.app.sources.store.find("sm-pull"))!;
    expect([row.pollFailures, row.pollRetryAt?.getTime()]).toEqual([2, start.getTime() + 3 * MINUTE]);
    api.failWith = null;
    expect(await run.app.sourcePoller.tick(new Date(start.getTime() + 3 * MINUTE))).toEqual([{ source: "sm-pull", polled: true, stored: 1 }]);
    row = (await run.app.sources.store.find("sm-pull"))!;
    expect([row.pollFailures, row.pollRetryAt, row.pollError]).toEqual([0, null, null]);
  });

  it.runIf(provider === "postgres")("two replicas ticking at once poll once", async () => {
    const second = await createApp(loadConfig({ DATABASE_URL: run.test.databaseUrl }), silentLogger, { consoleOut: () => {} });
    try {
      const path = "/v3/surveys/777/responses/bulk";
      serveBulk(api, [response("x-1", 8, "2026-12-06T08:00:00+00:00"), response("x-2", 6, "2026-12-06T08:10:00+00:00")], path);
      await addPullSource(run.app, api, "sm-replicas", "777");
      const at = new Date(t0.getTime() + 600 * MINUTE);
      const results = (await Promise.all([run.app.sourcePoller.tick(at), second.sourcePoller.tick(at)])).flat().filter((r) => r.source === "sm-replicas");
      expect(results.filter((r) => r.polled)).toEqual([{ source: "sm-replicas", polled: true, stored: 2 }]);
      expect(results).toHaveLength(2);
      expect(api.requests.filter((r) => r.path === path)).toHaveLength(1);
      expect(await run.app.db.prisma.answer.count({ where: { source: "sm-replicas" } })).toBe(2);
    } finally {
      await second.close();
    }
  });
});
