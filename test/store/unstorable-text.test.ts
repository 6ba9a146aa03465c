// The store refuses text it cannot store before writing anything: on SQLite a lone surrogate used
// to come back changed from the INSERT, so the delivery's keys did not match, and it failed with a
// TypeError after the commit (answers stored, cases opened, the survey tool told 500 and retrying).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

const answer = (externalId: string, extra: Partial<NormalizedAnswer> = {}): NormalizedAnswer => ({
  source: "api", externalId, score: 1, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null,
  teamSlug: "support", touchpoint: null, language: null, consentToShare: false, answeredAt: new Date(), ...extra,
});

describe.each(PROVIDERS)("unstorable text reaching the store on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: AnswerStore;
  beforeAll(async () => {
    env = await migratedDatabase(provider);
    store = new AnswerStore(env.db.prisma);
  });
  afterAll(async () => env.dispose());

  it.each([
    ["externalId", answer("x\ud800y")],
    ["comment", answer("c1", { comment: "a\u0000b" })],
    ["customerName", answer("c2", { customerName: "\udfffÅse" })],
  ])("a lone surrogate or NUL in %s fails the batch before anything is written", async (field, bad) => {
    await expect(store.upsertBatch([answer("fine"), bad], new Date(), { followUpFrom: new Date(0) })).rejects.toThrow(`answer ${field} contains`);
    expect(await env.db.prisma.answer.count()).toBe(0);
    expect(await env.db.prisma.answerFollowUp.count()).toBe(0);
  });
});
