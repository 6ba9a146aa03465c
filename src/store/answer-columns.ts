// The one description of an answer's columns. The encoded line an answer is written as (and
// spooled as by the import), its decoding, and every statement that writes answers on either
// database (answer-sql.ts) are generated from ANSWER_COLUMNS: a new column of `Answer` is one
// entry here (and the Prisma schema), nowhere else.
//
// Each answer is encoded once, as one JSON array: its columns' values in ANSWER_COLUMNS order
// (its team and touchpoint by name, its content hash), then two flags (LINE_FLAGS). Prisma's
// per-parameter and per-row work was most of the cost of a write (createMany ~0.4 ms per row, a
// prepared statement or one JSON statement per chunk ~0.03 ms), and the import spools exactly these
// lines between its check and its store pass, so a checked CSV row costs no second parse or hash.
import crypto from "node:crypto";
import { isStorableText, UNSTORABLE_TEXT } from "../core/storable-text.ts";
import type { AnswerRecord } from "../core/answer-record.ts";
import { dbDate, type Dialect } from "./sql.ts";

export type ColumnType = "text" | "int" | "bool" | "time";

/** Each type's SQL per dialect (PostgreSQL casts a JSON text value to it). */
export const SQL_TYPES: Record<ColumnType, Record<Dialect, string>> = {
  text: { sqlite: "TEXT", postgres: "text" },
  int: { sqlite: "INTEGER", postgres: "integer" },
  bool: { sqlite: "BOOLEAN", postgres: "boolean" },
  time: { sqlite: "DATETIME", postgres: "timestamp(3)" },
};

/** An answer as encoded: the record with its content hash (the team as it resolved). */
export interface DecodedAnswer extends AnswerRecord {
  contentHash: string;
}

export interface AnswerColumn {
  /** the column of "Answer" */
  column: string;
  type: ColumnType;
  /** the field of the answer it holds (decoding puts it back there) */
  field: keyof DecodedAnswer;
  /** true for the key an answer is known by: (source, externalId); never updated */
  key?: true;
  /** the line holds a name; the column holds the id of the row in `table` with that `by` */
  lookup?: { table: string; by: string };
  /** an update keeps the stored value when the answer gave none of its own (no time given) */
  keptWhenNotGiven?: true;
}

export const ANSWER_COLUMNS: readonly AnswerColumn[] = [
  { column: "source", type: "text", field: "source", key: true },
  { column: "externalId", type: "text", field: "externalId", key: true },
  { column: "score", type: "int", field: "score" },
  { column: "ces", type: "int", field: "ces" },
  { column: "comment", type: "text", field: "comment" },
  { column: "customerName", type: "text", field: "customerName" },
  { column: "customerEmail", type: "text", field: "customerEmail" },
  { column: "customerAccount", type: "text", field: "customerAccount" },
  { column: "teamId", type: "int", field: "teamSlug", lookup: { table: "Team", by: "slug" } },
  { column: "touchpointId", type: "int", field: "touchpoint", lookup: { table: "Touchpoint", by: "name" } },
  { column: "language", type: "text", field: "language" },
  { column: "consentToShare", type: "bool", field: "consentToShare" },
  { column: "answeredAt", type: "time", field: "answeredAt", keptWhenNotGiven: true },
  { column: "contentHash", type: "text", field: "contentHash" },
];

/** Columns set from the time of the write, not from the answer: on insert all, on update some. */
export const STAMP_COLUMNS: readonly { column: string; onUpdate: boolean }[] = [
  { column: "receivedAt", onUpdate: false },
  { column: "updatedAt", onUpdate: true },
];

/** The flags after the columns in a line (their positions). The queue flag is last, so it can be
 * read off the end of a line without parsing it (isQueued). */
export const LINE_FLAGS = {
  /** 1: the answer gave no time of its own (keptWhenNotGiven columns keep their stored value) */
  notGiven: ANSWER_COLUMNS.length,
  /** 1: a follow-up (a case, a story) is queued with the answer */
  queue: ANSWER_COLUMNS.length + 1,
} as const;

/** Position of a column's value in a line. */
export const positionOf = (column: string): number => {
  const i = ANSWER_COLUMNS.findIndex((c) => c.column === column);
  if (i < 0) throw new Error(`no answer column ${column}`);
  return i;
};

export const isQueued = (line: string) => line.endsWith(",1]");

/** Stable over re-deliveries: the fields a survey tool may edit, in a fixed order. */
export function contentHash(a: AnswerRecord): string {
  // Without a time of its own the answer's time is its arrival: not part of what the tool sent.
  const fields = [a.score, a.ces, a.comment, a.customerName, a.customerEmail, a.customerAccount, a.teamSlug,
    a.touchpoint, a.language, a.consentToShare, a.timeGiven === false ? null : a.answeredAt.toISOString()];
  // One-shot hash (Node ≥ 20.12): the same digest, without a Hash object per answer.
  return crypto.hash("sha256", JSON.stringify(fields), "base64url").slice(0, 32);
}

/** The line an answer is written as; `team` is the slug of the team it goes to. */
export function encodeLine(dialect: Dialect, a: AnswerRecord, team: string | null, queue: boolean): string {
  const answer: DecodedAnswer = { ...a, teamSlug: team, contentHash: contentHash(a) };
  const values: unknown[] = ANSWER_COLUMNS.map((c) => {
    const value = answer[c.field];
    return c.type === "time" ? dbDate(dialect, value as Date) : value;
  });
  values.push(a.timeGiven === false ? 1 : 0, queue ? 1 : 0);
  return JSON.stringify(values);
}

/** A line read back (the rare path: the answer was stored already and must be compared). */
export function decodeLine(line: string): DecodedAnswer {
  const values = JSON.parse(line) as unknown[];
  const answer: Record<string, unknown> = { timeGiven: values[LINE_FLAGS.notGiven] !== 1 };
  ANSWER_COLUMNS.forEach((c, i) => (answer[c.field] = c.type === "time" ? new Date(values[i] as string) : values[i]));
  return answer as unknown as DecodedAnswer;
}

/** A line's column values as statement parameters (SQLite binds no booleans: 1/0). */
export function lineValues(line: string): unknown[] {
  const values = JSON.parse(line) as unknown[];
  return values.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
}

/** Fields holding text from outside (a lookup column holds a name). */
const TEXT_FIELDS = ANSWER_COLUMNS.filter((c) => (c.type === "text" || c.lookup) && c.field !== "contentHash").map((c) => c.field);

/** The edges refuse such text (400, an invalid line); this stops any other caller before anything is
 * written. Stored, such text comes back changed (SQLite) or fails the statement (PostgreSQL) — a
 * delivery's keys would then not match what the INSERT returned, after the commit. */
export function refuseUnstorable(a: AnswerRecord): void {
  const field = TEXT_FIELDS.find((f) => {
    const value = a[f as keyof AnswerRecord];
    return typeof value === "string" && !isStorableText(value);
  });
  if (field) throw new Error(`answer ${field} ${UNSTORABLE_TEXT}`);
}
