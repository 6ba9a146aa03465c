// Bad input gets a clear answer and stores nothing, on both databases, through the real HTTP server
// and the real CLI: text a database cannot store (a lone UTF-16 surrogate, a NUL byte), impossible
// answer times; and an answer re-sent without a time keeps the one it has.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { PROVIDERS } from "../support/databases.ts";

const LONE = "\ud83d"; // the first half of an emoji, alone

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  // JSON.stringify writes a lone surrogate as the escape \ud83d: valid JSON, as a survey tool sends it.
  const res = await fetch(`${url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const detractor = (id: string, extra: Record<string, unknown> = {}) => ({ id, score: 1, team: "support", comment: "Lang ventetid", ...extra });

describe.each(PROVIDERS)("bad input over HTTP on %s", (provider) => {
  let run: RunningApp;
  const counts = async () => ({ answers: await run.app.db.prisma.answer.count(), cases: await run.app.db.prisma.detractorCase.count() });
  beforeAll(async () => {
    run = await startTestApp(provider);
  });
  afterAll(async () => run?.stop());

  it.each([
    ["id", detractor(`x${LONE}y`)],
    ["comment", detractor("c-nul", { comment: "før\u0000efter" })],
    ["customer.name", detractor("c-name", { customer: { name: `Åse ${LONE}` } })],
    ["touchpoint", detractor("c-tp", { touchpoint: "\udc00telefon" })],
  ])("text that cannot be stored in %s → 400 naming the field; nothing stored, no case opened", async (field, bad) => {
    // with a good answer in the same batch: all or nothing
    const res = await post(run.url, [detractor("good-1"), bad]);
    expect(res.status).toBe(400);
    expect(res.body.issues).toContainEqual({ path: `1.${field}`, message: "contains a NUL byte or a lone UTF-16 surrogate, which cannot be stored" });
    await run.app.followUps.drain();
    expect(await counts()).toEqual({ answers: 0, cases: 0 });
  });

  it.each([
    ["the year 0000", "0000-01-01T00:00:00Z", "is before the year 2000"],
    ["1999", "1999-12-31T23:59:59+01:00", "is before the year 2000"],
    ["two days ahead", () => new Date(Date.now() + 2 * 86_400_000).toISOString(), "is more than a day in the future"],
  ])("respondedAt %s → 400", async (_label, at, message) => {
    const res = await post(run.url, detractor("t-1", { respondedAt: typeof at === "function" ? at() : at }));
    expect(res).toEqual({ status: 400, body: { error: "invalid input", issues: [{ path: "respondedAt", message }] } });
    expect(await counts()).toEqual({ answers: 0, cases: 0 });
  });

  it("an answer re-sent without respondedAt keeps its stored time", async () => {
    const at = new Date(Date.now() - 3 * 3_600_000);
    expect((await post(run.url, detractor("keep-1", { respondedAt: at.toISOString() }))).body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    // re-sent without a time, and with a new comment: the comment changes, the time stays
    expect((await post(run.url, detractor("keep-1", { comment: "Ændret" }))).body).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const stored = await run.app.db.prisma.answer.findFirstOrThrow({ where: { externalId: "keep-1" } });
    expect([stored.comment, stored.answeredAt.toISOString()]).toEqual(["Ændret", at.toISOString()]);
    // without a time both times: the second delivery is the same answer, unchanged
    expect((await post(run.url, detractor("keep-2"))).body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const first = (await run.app.db.prisma.answer.findFirstOrThrow({ where: { externalId: "keep-2" } })).answeredAt;
    await new Promise((resolve) => setImmediate(resolve));
    expect((await post(run.url, detractor("keep-2"))).body).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await run.app.db.prisma.answer.findFirstOrThrow({ where: { externalId: "keep-2" } })).answeredAt).toEqual(first);
  });
});

describe.each(PROVIDERS)("bad input in a CSV import on %s", (provider) => {
  let run: RunningApp;
  let dir: string;
  beforeAll(async () => {
    run = await startTestApp(provider);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-bad-csv-"));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await run?.stop();
  });

  it("a NUL byte, a lone surrogate or an impossible date names its line; nothing is imported; no stack trace", async () => {
    const file = path.join(dir, "bad.csv");
    const lines = ["id;score;comment;date", "a1;9;fint;01.10.2026", "a2;3;før\u0000efter;02.10.2026", `a3;4;${LONE}x;03.10.2026`, "a4;5;ok;01.01.1999"];
    fs.writeFileSync(file, lines.join("\n"));
    const res = await runCli(["import", file], { DATABASE_URL: run.test.databaseUrl, DEFAULT_LANGUAGE: "en" });
    expect(res.code).toBe(1);
    const danish = await runCli(["import", file, "--lang", "da"], { DATABASE_URL: run.test.databaseUrl });
    expect(danish.stdout).toMatch(/linje 3: comment indeholder en NUL-byte/);
    expect(danish.stdout).toMatch(/linje 5: dato '01\.01\.1999' er før år 2000/);
    expect(res.stdout).toMatch(/line 3: comment contains a NUL byte/);
    expect(res.stdout).toMatch(/nothing imported/);
    expect(res.stdout).toMatch(/line 5: date '01\.01\.1999' is before the year 2000/);
    expect(res.stderr).not.toMatch(/ERR_STREAM_DESTROYED|    at /);
    expect(await run.app.db.prisma.answer.count()).toBe(0);
  });
});
