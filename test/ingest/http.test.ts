import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";

const answer = (id: string, extra: Record<string, unknown> = {}) => ({
  id, score: 9, respondedAt: "2026-11-02T09:15:00+01:00", comment: "Meget venlig betjening – tak!", team: "Support",
  touchpoint: "telefon", ces: 6, consentToShare: true, language: "da",
  customer: { name: "Søren Ørsted", email: "Soren@Example.dk", account: "Bageriet ApS" }, ...extra,
});

async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.each(PROVIDERS)("POST /api/responses on %s", (provider) => {
  let run: RunningApp;
  beforeAll(async () => {
    run = await startTestApp(provider);
  });
  afterAll(async () => run?.stop());
  const stored = () => run.app.db.prisma.answer.count();

  it("stores one answer with every field", async () => {
    const res = await post(run.url, answer("r-1"));
    expect(res).toEqual({ status: 200, body: { created: 1, updated: 0, unchanged: 0 } });
    const row = await run.app.db.prisma.answer.findFirstOrThrow({ where: { externalId: "r-1" }, include: { team: true, touchpoint: true } });
    expect(row).toMatchObject({
      source: "api", score: 9, ces: 6, comment: "Meget venlig betjening – tak!", customerName: "Søren Ørsted",
      customerEmail: "soren@example.dk", customerAccount: "Bageriet ApS", language: "da", consentToShare: true,
    });
    expect(row.answeredAt.toISOString()).toBe("2026-11-02T08:15:00.000Z");
    expect(row.team?.slug).toBe("support");
    expect(row.touchpoint?.name).toBe("telefon");
  });

  it("a re-delivery stores nothing new and answers 200", async () => {
    expect(await post(run.url, answer("r-1"))).toEqual({ status: 200, body: { created: 0, updated: 0, unchanged: 1 } });
    expect(await stored()).toBe(1);
  });

  it("an edited re-delivery updates the stored answer", async () => {
    expect(await post(run.url, answer("r-1", { score: 4, comment: "Ændret: ventetiden var for lang" }))).toEqual({
      status: 200, body: { created: 0, updated: 1, unchanged: 0 },
    });
    const row = await run.app.db.prisma.answer.findFirstOrThrow({ where: { externalId: "r-1" } });
    expect([row.score, row.comment]).toEqual([4, "Ændret: ventetiden var for lang"]);
    expect(await stored()).toBe(1);
  });

  it("accepts an array and { responses: [...] }, and the same id from another source is another answer", async () => {
    expect((await post(run.url, [answer("r-2"), answer("r-3", { score: 0 })])).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await post(run.url, { responses: [answer("r-3", { score: 0 }), answer("r-1", { source: "typeform" })] })).body).toEqual({
      created: 1, updated: 0, unchanged: 1,
    });
    expect(await stored()).toBe(4);
  });

  it("defaults: source api, respondedAt now, no consent", async () => {
    const before = Date.now();
    await post(run.url, { id: 77, score: 7 });
    const row = await run.app.db.prisma.answer.findFirstOrThrow({ where: { externalId: "77" } });
    expect(row.source).toBe("api");
    expect(row.consentToShare).toBe(false);
    expect(row.answeredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("names each bad field, and a batch with one bad answer stores nothing", async () => {
    const before = await stored();
    const res = await post(run.url, [answer("ok-1"), { id: "", score: 11, ces: 9, respondedAt: "yesterday", customer: { email: "nope" } }]);
    expect(res.status).toBe(400);
    const paths = (res.body.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(["1.ces", "1.customer.email", "1.id", "1.respondedAt", "1.score"]);
    expect(await stored()).toBe(before);
  });

  it("refuses malformed JSON, a missing score, an empty batch", async () => {
    expect((await post(run.url, "{not json")).status).toBe(400);
    const missing = await post(run.url, { id: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toEqual([expect.objectContaining({ path: "score" })]);
    expect((await post(run.url, [])).status).toBe(400);
    expect((await post(run.url, { responses: "many" })).status).toBe(400);
  });

  it("refuses more than 1,000 answers or an oversized body with 413, storing nothing", async () => {
    const before = await stored();
    const many = Array.from({ length: 1001 }, (_, i) => ({ id: `big-${i}`, score: 5 }));
    expect((await post(run.url, many)).status).toBe(413);
    const huge = Array.from({ length: 900 }, (_, i) => ({ id: `huge-${i}`, score: 5, padding: "x".repeat(10_000) }));
    expect((await post(run.url, huge)).status).toBe(413);
    expect(await stored()).toBe(before);
  });

  it("stores concurrent deliveries of the same new answer once", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => post(run.url, answer("race-1"))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.reduce((n, r) => n + (r.body.created as number), 0)).toBe(1);
    expect(await run.app.db.prisma.answer.count({ where: { externalId: "race-1" } })).toBe(1);
  });

  it("answers once the answer is stored; the detractor's case follows without another request", async () => {
    const res = await post(run.url, answer("fresh-detractor", { score: 1, respondedAt: new Date(Date.now() - 60_000).toISOString() }));
    expect(res.status).toBe(200);
    const caseFor = () => run.app.db.prisma.detractorCase.findFirst({ where: { answer: { externalId: "fresh-detractor" } } });
    const settled = async () => (await caseFor()) !== null && (await run.app.db.prisma.answerFollowUp.count()) === 0;
    const deadline = Date.now() + 5_000;
    while (!(await settled()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await settled()).toBe(true); // the case is open and the queue empty, with no drain() from us
  });

  it("follow-ups queued before a crash are handled when the bot starts again", async () => {
    const { AnswerStore } = await import("../../src/store/answers.ts");
    // Stored and queued by a process that died before its follow-up ran.
    const at = new Date(Date.now() - 60_000);
    await new AnswerStore(run.app.db.prisma).upsertBatch([{
      source: "api", externalId: "orphan", score: 0, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null,
      teamSlug: "support", touchpoint: null, language: null, consentToShare: false, answeredAt: at,
    }], at, { followUpFrom: new Date(0) });
    expect(await run.app.db.prisma.answerFollowUp.count()).toBe(1);
    run.app.followUps.start(); // what `kundepuls start` does
    await run.app.followUps.drain();
    expect(await run.app.db.prisma.detractorCase.count({ where: { answer: { externalId: "orphan" } } })).toBe(1);
    await run.app.followUps.stop();
  });
});

describe("authorisation", () => {
  it("with INGEST_TOKEN: wrong or missing token → 401, right token → 200", async () => {
    const run = await startTestApp("sqlite", { INGEST_TOKEN: "s3cret-token-of-enough-length" });
    try {
      expect((await post(run.url, answer("a-1"))).status).toBe(401);
      expect((await post(run.url, answer("a-1"), { authorization: "Bearer wrong-token-of-enough-length" })).status).toBe(401);
      expect((await post(run.url, answer("a-1"), { authorization: "Bearer s3cret-token-of-enough-length" })).status).toBe(200);
      expect(await run.app.db.prisma.answer.count()).toBe(1);
    } finally {
      await run.stop();
    }
  });

  const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  it.runIf(external)("without INGEST_TOKEN: a client on another address is refused, loopback is accepted", async () => {
    const run = await startTestApp("sqlite", {}, undefined, "0.0.0.0");
    try {
      const port = new URL(run.url).port;
      expect((await post(`http://${external}:${port}`, answer("e-1"))).status).toBe(401);
      expect((await post(`http://127.0.0.1:${port}`, answer("e-1"))).status).toBe(200);
      expect(await run.app.db.prisma.answer.count()).toBe(1);
    } finally {
      await run.stop();
    }
  });
});
