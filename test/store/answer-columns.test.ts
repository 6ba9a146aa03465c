// The one description of an answer's columns (store/answer-columns.ts): both dialects' statements
// are generated from it, it matches the Prisma schema's Answer model, and every column makes the
// round trip — written by a delivery and by the import, edited, read back through Prisma — on
// SQLite and PostgreSQL.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWER_COLUMNS, decodeLine, encodeLine, LINE_FLAGS, SQL_TYPES, STAMP_COLUMNS } from "../../src/store/answer-columns.ts";
import type { AnswerRecord } from "../../src/core/answer-record.ts";
import { POSTGRES, SQLITE } from "../../src/store/answer-sql.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

const RECEIVED = new Date("2026-11-28T09:00:00.123Z");
const EDITED = new Date("2026-11-29T10:30:00.456Z");

/** Every column set, none to its default. */
const full = (externalId: string): AnswerRecord => ({
  source: "tool", externalId, score: 3, ces: 5, comment: "Ventetiden var lang", customerName: "Åse Øster",
  customerEmail: "aase@example.dk", customerAccount: "ACME-7", teamSlug: "support", touchpoint: "telefon", language: "da",
  consentToShare: true, answeredAt: new Date("2026-11-27T08:15:30.789Z"),
});

/** The same answer with every editable column changed. */
const edited = (a: AnswerRecord): AnswerRecord => ({
  ...a, score: 10, ces: 1, comment: "Løst hurtigt", customerName: "Åse Ø.", customerEmail: "aase@example.com", customerAccount: "ACME-8",
  teamSlug: "salg", touchpoint: "chat", language: "en", consentToShare: false, answeredAt: new Date("2026-11-27T09:00:00.001Z"),
});

/** Answer's scalar columns in the Prisma schema (relations and their lists left out). */
function schemaColumns(): string[] {
  const schema = fs.readFileSync(new URL("../../prisma/sqlite/schema.prisma", import.meta.url), "utf8");
  const model = /model Answer \{([\s\S]*?)\n\}/.exec(schema)![1]!;
  return model.split("\n").map((l) => l.trim()).filter((l) => /^\w+\s+(String|Int|Boolean|DateTime)\??(\s|$)/.test(l)).map((l) => l.split(/\s+/)[0]!);
}

describe("the answer column description", () => {
  it("names every column of the Prisma schema's Answer model (the id aside), each once", () => {
    const described = [...ANSWER_COLUMNS.map((c) => c.column), ...STAMP_COLUMNS.map((s) => s.column)];
    expect(new Set(described).size).toBe(described.length);
    expect([...described].sort()).toEqual(schemaColumns().filter((c) => c !== "id").sort());
  });

  it("generates SQLite's statements: every column inserted, every editable one updated, the key never", () => {
    for (const c of [...ANSWER_COLUMNS, ...STAMP_COLUMNS]) expect(SQLITE.insert).toContain(`"${c.column}"`);
    const set = SQLITE.update.slice(0, SQLITE.update.lastIndexOf(" WHERE "));
    for (const c of ANSWER_COLUMNS) expect(set.includes(`"${c.column}" = `)).toBe(!("key" in c && c.key));
    for (const s of STAMP_COLUMNS) expect(set.includes(`"${s.column}" = `)).toBe(s.onUpdate);
    // one parameter per column value and stamp
    expect(SQLITE.insert.split("?").length - 1).toBe(ANSWER_COLUMNS.length + STAMP_COLUMNS.length);
    for (const c of ANSWER_COLUMNS.filter((c) => c.lookup)) expect(SQLITE.insert).toContain(`FROM "${c.lookup!.table}" l WHERE l."${c.lookup!.by}" = ?`);
  });

  it("generates PostgreSQL's statements: each value read from its position and cast to its SQL type", () => {
    ANSWER_COLUMNS.forEach((c, i) => {
      const read = `r->>${i}`;
      const expected = c.lookup ? `FROM "${c.lookup.table}" l WHERE l."${c.lookup.by}" = ${read})`
        : c.type === "text" ? read : `(${read})::${SQL_TYPES[c.type].postgres}`;
      expect(POSTGRES.insertNew).toContain(expected);
      expect(POSTGRES.insertAndQueue).toContain(expected);
      if (!c.key) expect(POSTGRES.update).toContain(`"${c.column}" = `);
    });
    expect(POSTGRES.update).toContain(`(r->>${LINE_FLAGS.notGiven})::int = 1 THEN a."answeredAt"`);
    expect(POSTGRES.insertAndQueue).toContain(`(k->>${LINE_FLAGS.queue})::int = 1`);
  });

  it.each(PROVIDERS)("encodes a line that decodes to the same answer (%s)", (dialect) => {
    const a = { ...full("line"), timeGiven: false };
    const line = encodeLine(dialect, a, "support", true);
    expect(line.endsWith(",1]")).toBe(true);
    const decoded = decodeLine(line);
    expect({ ...decoded, contentHash: undefined }).toEqual({ ...a, contentHash: undefined });
    expect(decoded.contentHash).toMatch(/^[\w-]{32}$/);
  });
});

describe.each(PROVIDERS)("every answer column round trip on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: AnswerStore;

  beforeAll(async () => {
    env = await migratedDatabase(provider);
    store = new AnswerStore(env.db.prisma);
  });
  afterAll(() => env.dispose());

  /** The stored row, its lookups by name, as an AnswerRecord plus the stamps. */
  const read = async (externalId: string) => {
    const r = await env.db.prisma.answer.findFirstOrThrow({ where: { externalId }, include: { team: true, touchpoint: true, followUp: true } });
    const record: AnswerRecord = {
      source: r.source, externalId: r.externalId, score: r.score, ces: r.ces, comment: r.comment, customerName: r.customerName,
      customerEmail: r.customerEmail, customerAccount: r.customerAccount, teamSlug: r.team?.slug ?? null, touchpoint: r.touchpoint?.name ?? null,
      language: r.language, consentToShare: r.consentToShare, answeredAt: r.answeredAt,
    };
    return { record, receivedAt: r.receivedAt, updatedAt: r.updatedAt, followUp: r.followUp?.kind ?? null };
  };

  it("a delivery writes every column as given; an edit of every editable column updates each", async () => {
    const a = full("delivered");
    expect((await store.upsertBatch([a], RECEIVED, { followUpFrom: new Date(0) })).created).toBe(1);
    expect(await read("delivered")).toEqual({ record: a, receivedAt: RECEIVED, updatedAt: RECEIVED, followUp: "created" });
    const b = edited(a);
    expect((await store.upsertBatch([b], EDITED, { followUpFrom: new Date(0) })).updated).toBe(1);
    expect(await read("delivered")).toEqual({ record: b, receivedAt: RECEIVED, updatedAt: EDITED, followUp: "created" });
    const row = await env.db.prisma.answerFollowUp.findFirstOrThrow({ where: { answer: { externalId: "delivered" } } });
    expect(row.version).toBe(1); // queued again for the edit
  });

  it("an edit without a time of its own keeps the stored answeredAt; every other column still changes", async () => {
    const a = full("kept-time");
    await store.upsertBatch([a], RECEIVED);
    const b = { ...edited(a), answeredAt: EDITED, timeGiven: false };
    expect((await store.upsertBatch([b], EDITED)).updated).toBe(1);
    expect((await read("kept-time")).record).toEqual({ ...edited(a), answeredAt: a.answeredAt });
  });

  it("the import writes every column as given, and its re-import of an edit updates each", async () => {
    const lines = async (answers: AnswerRecord[]) => {
      const encoder = store.encoder({ followUpFrom: null });
      await store.resolveTeams(encoder, answers);
      const encoded = answers.map((x) => encoder.encode(x));
      async function* chunks() {
        yield encoded;
      }
      return store.storeEncoded(chunks(), encoder, RECEIVED, Number.POSITIVE_INFINITY);
    };
    const a = { ...full("imported"), teamSlug: "ny-afdeling", touchpoint: "butik" };
    expect(await lines([a])).toEqual({ created: 1, updated: 0, unchanged: 0, queued: 0 });
    expect(await read("imported")).toEqual({ record: a, receivedAt: RECEIVED, updatedAt: RECEIVED, followUp: null });
    expect(await lines([edited(a), a, a])).toEqual({ created: 0, updated: 2, unchanged: 1, queued: 0 });
    expect((await read("imported")).record).toEqual(a);
  });
});
