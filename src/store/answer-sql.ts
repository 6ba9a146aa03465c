// Every statement that writes answers, generated from ANSWER_COLUMNS per dialect. SQLite binds a
// line's values to a prepared statement per answer (better-sqlite3 runs it synchronously, which
// beats any set statement there); PostgreSQL takes a chunk of lines as ONE JSON parameter per
// statement (a round trip per chunk, not per answer).
import { ANSWER_COLUMNS, LINE_FLAGS, positionOf, SQL_TYPES, STAMP_COLUMNS, type AnswerColumn } from "./answer-columns.ts";

const q = (name: string) => `"${name}"`;
const ALL_COLUMNS = [...ANSWER_COLUMNS.map((c) => c.column), ...STAMP_COLUMNS.map((s) => s.column)].map(q).join(", ");
const EDITABLE = ANSWER_COLUMNS.filter((c) => !c.key);
const KEY = ANSWER_COLUMNS.filter((c) => c.key).map((c) => c.column);
const SKIP_STORED = `ON CONFLICT (${KEY.map(q).join(", ")}) DO NOTHING`;
const REQUEUE = `ON CONFLICT ("answerId") DO UPDATE SET "queuedAt" = excluded."queuedAt", "version" = "AnswerFollowUp"."version" + 1,
  "leasedBy" = NULL, "leaseUntil" = NULL`;

/** The id of the looked-up row a value names (NULL when it names none). */
const lookup = (c: AnswerColumn, value: string) => `(SELECT l."id" FROM ${q(c.lookup!.table)} l WHERE l.${q(c.lookup!.by)} = ${value})`;

/** SQLite: one answer per statement, bound to lineValues (plus the parameters each names). */
export const SQLITE = {
  /** (…values, receivedAt, updatedAt) → the new row's id; nothing when the answer is stored already */
  insert: `INSERT INTO "Answer" (${ALL_COLUMNS}) VALUES (${[...ANSWER_COLUMNS.map((c) => (c.lookup ? lookup(c, "?") : "?")), ...STAMP_COLUMNS.map(() => "?")].join(", ")})
    ${SKIP_STORED} RETURNING "id"`,
  /** (…updateParams) */
  update: `UPDATE "Answer" SET ${[...EDITABLE.map((c) => `${q(c.column)} = ${sqliteUpdateValue(c)}`),
    ...STAMP_COLUMNS.filter((s) => s.onUpdate).map((s) => `${q(s.column)} = ?`)].join(", ")} WHERE "id" = ?`,
  /** (source, externalId) → id, contentHash */
  find: `SELECT "id", "contentHash" FROM "Answer" WHERE ${KEY.map((k) => `${q(k)} = ?`).join(" AND ")}`,
  /** (answerId, queuedAt) */
  queue: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") VALUES (?, 'created', ?)`,
  /** (answerId, queuedAt): an edited answer still queued from before gets a new version, so a worker
   * handling the old one does not take this one off the queue */
  requeue: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") VALUES (?, 'updated', ?) ${REQUEUE}`,
  team: `INSERT INTO "Team" ("slug", "name", "createdAt") VALUES (?, ?, ?) ON CONFLICT ("slug") DO NOTHING`,
  touchpoint: `INSERT INTO "Touchpoint" ("name", "createdAt") VALUES (?, ?) ON CONFLICT ("name") DO NOTHING`,
};

function sqliteUpdateValue(c: AnswerColumn): string {
  const value = c.lookup ? lookup(c, "?") : "?";
  return c.keptWhenNotGiven ? `CASE WHEN ? = 1 THEN "Answer".${q(c.column)} ELSE ${value} END` : value;
}

/** SQLite.insert's parameters for a line's values. */
export const sqliteInsertParams = (values: unknown[], at: string): unknown[] =>
  [...values.slice(0, ANSWER_COLUMNS.length), ...STAMP_COLUMNS.map(() => at)];

/** SQLITE.update's parameters for a line's values and the stored answer's id. */
export function sqliteUpdateParams(values: unknown[], at: string, id: number): unknown[] {
  const params: unknown[] = [];
  for (const c of EDITABLE) {
    if (c.keptWhenNotGiven) params.push(values[LINE_FLAGS.notGiven]);
    params.push(values[positionOf(c.column)]);
  }
  for (const s of STAMP_COLUMNS) if (s.onUpdate) params.push(at);
  return [...params, id];
}

/** PostgreSQL: a line's value in SQL, read from the JSON array `r`. */
function pgValue(c: AnswerColumn, r: string): string {
  const text = `${r}->>${positionOf(c.column)}`;
  if (c.lookup) return lookup(c, text);
  return c.type === "text" ? text : `(${text})::${SQL_TYPES[c.type].postgres}`;
}
const AT = `$1::${SQL_TYPES.time.postgres}`;
const LINES = `jsonb_array_elements($2::jsonb)`;
const keyMatches = (table: string, r: string) => KEY.map((k) => `${table}.${q(k)} = ${r}->>${positionOf(k)}`).join(" AND ");
const RETURNING = `RETURNING "id", ${KEY.map(q).join(", ")}`;

/** PostgreSQL: statements over a chunk of lines, parameters ($1 the time of the write, $2 the lines). */
export const POSTGRES = {
  /** every line a new answer: one statement inserts them and queues their follow-ups, atomic (a
   * stored answer among them fails it with a unique violation, and nothing is written) */
  insertAndQueue: `WITH ins AS (INSERT INTO "Answer" (${ALL_COLUMNS}) SELECT ${pgRowValues("r")} FROM ${LINES} r ${RETURNING}),
    queued AS (INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT ins."id", 'created', ${AT}
      FROM ins JOIN ${LINES} k ON ${keyMatches("ins", "k")} WHERE (k->>${LINE_FLAGS.queue})::int = 1)
    SELECT "id", ${KEY.map(q).join(", ")} FROM ins`,
  /** inserts the new answers, skipping the stored ones; returns those it inserted */
  insertNew: `INSERT INTO "Answer" (${ALL_COLUMNS}) SELECT ${pgRowValues("r")} FROM ${LINES} r ${SKIP_STORED} ${RETURNING}`,
  /** queues a follow-up for answers just inserted, found by their lines' keys */
  queue: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'created', ${AT}
    FROM ${LINES} k JOIN "Answer" a ON ${keyMatches("a", "k")}`,
  /** updates stored answers to their lines (one line per answer) */
  update: `UPDATE "Answer" a SET ${[...EDITABLE.map((c) => `${q(c.column)} = ${c.keptWhenNotGiven
    ? `CASE WHEN (r->>${LINE_FLAGS.notGiven})::int = 1 THEN a.${q(c.column)} ELSE ${pgValue(c, "r")} END` : pgValue(c, "r")}`),
    ...STAMP_COLUMNS.filter((s) => s.onUpdate).map((s) => `${q(s.column)} = ${AT}`)].join(", ")}
    FROM ${LINES} r WHERE ${keyMatches("a", "r")}`,
  requeue: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'updated', ${AT}
    FROM ${LINES} k JOIN "Answer" a ON ${keyMatches("a", "k")} ${REQUEUE}`,
  /** ($1 source, $2 JSON array of externalIds) → id, externalId, contentHash */
  find: `SELECT "id", "externalId", "contentHash" FROM "Answer" WHERE "source" = $1 AND "externalId" IN (SELECT jsonb_array_elements_text($2::jsonb))`,
  /** ($1 createdAt, $2 JSON array of [slug, name]) */
  teams: `INSERT INTO "Team" ("slug", "name", "createdAt") SELECT t->>0, t->>1, ${AT} FROM ${LINES} t ON CONFLICT ("slug") DO NOTHING`,
  /** ($1 createdAt, $2 JSON array of names) */
  touchpoints: `INSERT INTO "Touchpoint" ("name", "createdAt") SELECT t, ${AT} FROM jsonb_array_elements_text($2::jsonb) t ON CONFLICT ("name") DO NOTHING`,
};

function pgRowValues(r: string): string {
  return [...ANSWER_COLUMNS.map((c) => pgValue(c, r)), ...STAMP_COLUMNS.map(() => AT)].join(", ");
}

/** Lines as the JSON array parameter of the PostgreSQL statements. */
export const linesParam = (lines: string[]) => `[${lines.join(",")}]`;
