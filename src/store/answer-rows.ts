// Answers on their way into the Answer table. Each answer is encoded once, as one JSON array (its
// team and touchpoint by name, its content hash, whether a follow-up is wanted), and a chunk of
// encoded answers goes to the database as ONE JSON parameter of one INSERT statement: Prisma's
// per-parameter and per-row work was most of the cost of a write (createMany ~0.4 ms per row, the
// JSON statement ~0.03 ms). The import spools exactly these lines between its check and its store
// pass, so storing a checked CSV row costs no second parse, hash or serialisation.
import crypto from "node:crypto";
import { isStorableText, UNSTORABLE_TEXT } from "../core/storable-text.ts";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import { defaultTeamName } from "./directory.ts";
import { dbDate, type Dialect } from "./sql.ts";

/** Stable over re-deliveries: the fields a survey tool may edit, in a fixed order. */
export function contentHash(a: NormalizedAnswer): string {
  // Without a time of its own the answer's time is its arrival: not part of what the tool sent.
  const fields = [a.score, a.ces, a.comment, a.customerName, a.customerEmail, a.customerAccount, a.teamSlug,
    a.touchpoint, a.language, a.consentToShare, a.timeGiven === false ? null : a.answeredAt.toISOString()];
  // One-shot hash (Node ≥ 20.12): the same digest, without a Hash object per answer.
  return crypto.hash("sha256", JSON.stringify(fields), "base64url").slice(0, 32);
}

/** Which answers get a follow-up (a case, a story) queued with them. */
export interface QueueRule {
  /** answers given before this (epoch ms) get none: old history needs no follow-up */
  from: number;
  /** a new answer is queued only if a follow-up could do something with it */
  wanted(a: NormalizedAnswer): boolean;
}

/** An encoded answer read back (the rare path: it was stored already and must be compared). */
export interface DecodedAnswer extends NormalizedAnswer {
  contentHash: string;
}

type Encoded = [
  source: string, externalId: string, score: number, ces: number | null, comment: string | null,
  customerName: string | null, customerEmail: string | null, customerAccount: string | null, teamSlug: string | null,
  touchpoint: string | null, language: string | null, consentToShare: boolean, answeredAt: string, contentHash: string,
  /** 1: no time given, an update keeps the stored answeredAt */ keepTime: 0 | 1, queue: 0 | 1,
];

/** The queue flag is the last element, so it can be read off the end of a line without parsing it. */
export const isQueued = (line: string) => line.endsWith(",1]");

export class AnswerEncoder {
  /** every team and touchpoint named so far: they must exist before the lines are stored */
  readonly teams = new Set<string>();
  readonly touchpoints = new Set<string>();
  /** slug as an answer names it → the slug of the team it goes to (Directory.resolveTeams) */
  private readonly teamOf = new Map<string, string>();

  constructor(
    private readonly dialect: Dialect,
    private readonly rule: QueueRule,
  ) {}

  /** The team slugs among `answers` not resolved yet: the store resolves them before they are encoded. */
  unresolvedTeams(answers: readonly NormalizedAnswer[]): string[] {
    const slugs = new Set<string>();
    for (const a of answers) if (a.teamSlug !== null && !this.teamOf.has(a.teamSlug)) slugs.add(a.teamSlug);
    return [...slugs];
  }

  resolveTeams(resolved: ReadonlyMap<string, string>): void {
    for (const [slug, team] of resolved) this.teamOf.set(slug, team);
  }

  /** The line an answer is stored by. Its content hash keeps the team as the answer named it, so a
   * dry run (which resolves nothing) compares the same hashes as the import. */
  encode(a: NormalizedAnswer): string {
    unstorableField(a);
    const team = a.teamSlug === null ? null : (this.teamOf.get(a.teamSlug) ?? a.teamSlug);
    if (team !== null) this.teams.add(team);
    if (a.touchpoint !== null) this.touchpoints.add(a.touchpoint);
    const queue = a.answeredAt.getTime() >= this.rule.from && this.rule.wanted(a);
    const row: Encoded = [a.source, a.externalId, a.score, a.ces, a.comment, a.customerName, a.customerEmail, a.customerAccount,
      team, a.touchpoint, a.language, a.consentToShare, dbDate(this.dialect, a.answeredAt), contentHash(a), a.timeGiven === false ? 1 : 0,
      queue ? 1 : 0];
    return JSON.stringify(row);
  }

  /** An edit of a stored answer is always worth a look when recent (a lifted score closes a case). */
  queuesEdit(a: DecodedAnswer): boolean {
    return a.answeredAt.getTime() >= this.rule.from;
  }
}

const TEXT_FIELDS = ["source", "externalId", "comment", "customerName", "customerEmail", "customerAccount", "teamSlug", "touchpoint", "language"] as const;

/** The edges refuse such text (400, an invalid line); this stops any other caller before anything is
 * written. Stored, such text comes back changed (SQLite) or fails the statement (PostgreSQL) — a
 * delivery's keys would then not match what the INSERT returned, after the commit. */
function unstorableField(a: NormalizedAnswer): void {
  const field = TEXT_FIELDS.find((f) => a[f] !== null && !isStorableText(a[f]));
  if (field) throw new Error(`answer ${field} ${UNSTORABLE_TEXT}`);
}

export function decodeAnswer(line: string): DecodedAnswer {
  const [source, externalId, score, ces, comment, customerName, customerEmail, customerAccount, teamSlug, touchpoint, language,
    consentToShare, answeredAt, hash, keepTime] = JSON.parse(line) as Encoded;
  return { source, externalId, score, ces, comment, customerName, customerEmail, customerAccount, teamSlug, touchpoint, language,
    consentToShare, answeredAt: new Date(answeredAt), timeGiven: keepTime !== 1, contentHash: hash };
}

const COLUMNS = ["source", "externalId", "score", "ces", "comment", "customerName", "customerEmail", "customerAccount", "teamId",
  "touchpointId", "language", "consentToShare", "answeredAt", "receivedAt", "updatedAt", "contentHash"];
const quoted = COLUMNS.map((c) => `"${c}"`).join(", ");
const SKIP_STORED = `ON CONFLICT ("source", "externalId") DO NOTHING`;
/** SQLite: the id of the team / touchpoint an expression names (NULL when none). */
const teamIdOf = (slug: string) => `(SELECT t."id" FROM "Team" t WHERE t."slug" = ${slug})`;
const touchpointIdOf = (name: string) => `(SELECT p."id" FROM "Touchpoint" p WHERE p."name" = ${name})`;

/**
 * INSERT of a chunk of encoded answers (parameters: receivedAt, the JSON array of lines), returning
 * the rows it inserted. `skipStored`: an answer stored already is skipped (not returned) instead of
 * failing the statement. SQLite reads each line as JSONB (`jsonb_each`: `->>` on a blob does not
 * re-parse the text, ~15 % of the statement), PostgreSQL likewise (`jsonb_array_elements`).
 */
export function insertSql(dialect: Dialect, skipStored: boolean): string {
  if (dialect === "sqlite") {
    const v = (i: number) => `r.value->>${i}`;
    return `INSERT INTO "Answer" (${quoted}) SELECT ${v(0)}, ${v(1)}, ${v(2)}, ${v(3)}, ${v(4)}, ${v(5)}, ${v(6)}, ${v(7)},
      ${teamIdOf(v(8))}, ${touchpointIdOf(v(9))},
      ${v(10)}, ${v(11)}, ${v(12)}, ?, ?, ${v(13)}
      FROM jsonb_each(?) r WHERE true ${skipStored ? SKIP_STORED : ""}
      RETURNING "id", "source", "externalId"`;
  }
  return `INSERT INTO "Answer" (${quoted}) SELECT r->>0, r->>1, (r->>2)::int, (r->>3)::int, r->>4, r->>5, r->>6, r->>7, t."id", p."id",
      r->>10, (r->>11)::boolean, (r->>12)::timestamp(3), $1::timestamp(3), $1::timestamp(3), r->>13
    FROM jsonb_array_elements($2::jsonb) r LEFT JOIN "Team" t ON t."slug" = r->>8 LEFT JOIN "Touchpoint" p ON p."name" = r->>9
    ${skipStored ? SKIP_STORED : ""}
    RETURNING "id", "source", "externalId"`;
}

/** SQLite, one answer per run (a prepared statement bound per row: what the import's own
 * connection uses); parameters from rowParams. Stored answers are skipped (0 changes). */
export const INSERT_ROW_SQLITE = `INSERT INTO "Answer" (${quoted}) VALUES (?, ?, ?, ?, ?, ?, ?, ?,
  ${teamIdOf("?")}, ${touchpointIdOf("?")}, ?, ?, ?, ?, ?, ?) ${SKIP_STORED}`;

/** INSERT_ROW_SQLITE's parameters for one encoded line. */
export function rowParams(line: string, at: string): unknown[] {
  const r = JSON.parse(line) as Encoded;
  return [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11] ? 1 : 0, r[12], at, at, r[13]];
}

/** Parameters of insertSql. */
export function insertParams(dialect: Dialect, at: string, lines: string[]): unknown[] {
  const json = linesParam(lines);
  return dialect === "sqlite" ? [at, at, json] : [at, json];
}

/** Queues a follow-up for answers just inserted, found by the keys of their lines (queuedAt, lines). */
export const QUEUE_SQL: Record<Dialect, string> = {
  sqlite: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'created', ?
    FROM jsonb_each(?) k JOIN "Answer" a ON a."source" = k.value->>0 AND a."externalId" = k.value->>1`,
  postgres: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'created', $1::timestamp(3)
    FROM jsonb_array_elements($2::jsonb) k JOIN "Answer" a ON a."source" = k->>0 AND a."externalId" = k->>1`,
};

/** Updates stored answers to their encoded lines, found by key (parameters: updatedAt, lines; one
 * line per answer: with two, which one wins is up to the database). */
export function updateSql(dialect: Dialect): string {
  if (dialect === "sqlite") {
    const v = (i: number) => `r.value->>${i}`;
    return `UPDATE "Answer" SET "score" = ${v(2)}, "ces" = ${v(3)}, "comment" = ${v(4)}, "customerName" = ${v(5)},
      "customerEmail" = ${v(6)}, "customerAccount" = ${v(7)}, "teamId" = ${teamIdOf(v(8))},
      "touchpointId" = ${touchpointIdOf(v(9))}, "language" = ${v(10)},
      "consentToShare" = ${v(11)}, "answeredAt" = CASE WHEN ${v(14)} = 1 THEN "Answer"."answeredAt" ELSE ${v(12)} END,
      "contentHash" = ${v(13)}, "updatedAt" = ?
      FROM jsonb_each(?) r WHERE "Answer"."source" = ${v(0)} AND "Answer"."externalId" = ${v(1)}`;
  }
  return `UPDATE "Answer" a SET "score" = (r->>2)::int, "ces" = (r->>3)::int, "comment" = r->>4, "customerName" = r->>5,
      "customerEmail" = r->>6, "customerAccount" = r->>7, "teamId" = t."id", "touchpointId" = p."id", "language" = r->>10,
      "consentToShare" = (r->>11)::boolean, "answeredAt" = CASE WHEN (r->>14)::int = 1 THEN a."answeredAt" ELSE (r->>12)::timestamp(3) END,
      "contentHash" = r->>13, "updatedAt" = $1::timestamp(3)
    FROM jsonb_array_elements($2::jsonb) r LEFT JOIN "Team" t ON t."slug" = r->>8 LEFT JOIN "Touchpoint" p ON p."name" = r->>9
    WHERE a."source" = r->>0 AND a."externalId" = r->>1`;
}

/** Queues edited answers again (queuedAt, lines): one still queued from before gets a new version,
 * so a worker that is handling the old one does not take this one off the queue. */
export const REQUEUE_SQL: Record<Dialect, string> = {
  sqlite: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'updated', ?
    FROM jsonb_each(?) k JOIN "Answer" a ON a."source" = k.value->>0 AND a."externalId" = k.value->>1 WHERE true
    ON CONFLICT ("answerId") DO UPDATE SET "queuedAt" = excluded."queuedAt", "version" = "AnswerFollowUp"."version" + 1,
      "leasedBy" = NULL, "leaseUntil" = NULL`,
  postgres: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'updated', $1::timestamp(3)
    FROM jsonb_array_elements($2::jsonb) k JOIN "Answer" a ON a."source" = k->>0 AND a."externalId" = k->>1
    ON CONFLICT ("answerId") DO UPDATE SET "queuedAt" = excluded."queuedAt", "version" = "AnswerFollowUp"."version" + 1,
      "leasedBy" = NULL, "leaseUntil" = NULL`,
};

/** Lines as the JSON array parameter of the statements above. */
export const linesParam = (lines: string[]) => `[${lines.join(",")}]`;

/** Creates the teams and touchpoints not stored yet, in the writer's transaction (parameters:
 * createdAt, a JSON array of [slug, name] / of names). The INSERTs above find them by name. */
export const NAMES_SQL: Record<Dialect, { teams: string; touchpoints: string }> = {
  sqlite: {
    teams: `INSERT INTO "Team" ("slug", "name", "createdAt") SELECT t.value->>0, t.value->>1, ? FROM json_each(?) t WHERE true ON CONFLICT ("slug") DO NOTHING`,
    touchpoints: `INSERT INTO "Touchpoint" ("name", "createdAt") SELECT t.value, ? FROM json_each(?) t WHERE true ON CONFLICT ("name") DO NOTHING`,
  },
  postgres: {
    teams: `INSERT INTO "Team" ("slug", "name", "createdAt") SELECT t->>0, t->>1, $1::timestamp(3) FROM jsonb_array_elements($2::jsonb) t ON CONFLICT ("slug") DO NOTHING`,
    touchpoints: `INSERT INTO "Touchpoint" ("name", "createdAt") SELECT t, $1::timestamp(3) FROM jsonb_array_elements_text($2::jsonb) t ON CONFLICT ("name") DO NOTHING`,
  },
};

/** Parameters of NAMES_SQL for teams (slugs) and touchpoints (names). */
export const teamsParam = (slugs: string[]) => JSON.stringify(slugs.map((slug) => [slug, defaultTeamName(slug)]));
export const touchpointsParam = (names: string[]) => JSON.stringify(names);
