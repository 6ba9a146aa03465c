// What both dialects' answer writers share: the encoder (which team an answer goes to, whether a
// follow-up is queued with it), what a write reports, and the writer's interface. Each dialect has
// exactly one writer (answer-writer-sqlite.ts, answer-writer-postgres.ts) on a driver connection
// Kundepuls owns; deliveries (the API, the survey tools) and the import go through it alike.
import { decodeLine, encodeLine, refuseUnstorable, type DecodedAnswer } from "./answer-columns.ts";
import type { AnswerRecord } from "../core/answer-record.ts";
import type { Dialect } from "./sql.ts";

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** follow-ups queued with them */
  queued: number;
}

export type Key = { source: string; externalId: string };
export const keyOf = (k: Key) => `${k.source}\u0000${k.externalId}`;
export type Inserted = { id: number; source: string; externalId: string };
export type Existing = { id: number; contentHash: string };

/** What one write did: counts, and (when asked for: a delivery reports them, an import only
 * counts) the answers it created and updated, by id. */
export interface Written extends WriteCounts {
  changes: { created: Inserted[]; updated: (Inserted & { queued: boolean })[] } | null;
}

export const written = (keepChanges: boolean): Written =>
  ({ created: 0, updated: 0, unchanged: 0, queued: 0, changes: keepChanges ? { created: [], updated: [] } : null });

export function addCounts(to: WriteCounts, w: WriteCounts): void {
  to.created += w.created;
  to.updated += w.updated;
  to.unchanged += w.unchanged;
  to.queued += w.queued;
}

/** Lines per PostgreSQL statement, and per chunk the import pulls. */
export const ROWS_PER_STATEMENT = 200;

/** Lines in statements of ROWS_PER_STATEMENT. */
export function chunks(lines: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < lines.length; i += ROWS_PER_STATEMENT) out.push(lines.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/** Which answers get a follow-up (a case, a story) queued with them. */
export interface QueueRule {
  /** answers given before this (epoch ms) get none: old history needs no follow-up */
  from: number;
  /** a new answer is queued only if a follow-up could do something with it */
  wanted(a: AnswerRecord): boolean;
}

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
  unresolvedTeams(answers: readonly AnswerRecord[]): string[] {
    const slugs = new Set<string>();
    for (const a of answers) if (a.teamSlug !== null && !this.teamOf.has(a.teamSlug)) slugs.add(a.teamSlug);
    return [...slugs];
  }

  resolveTeams(resolved: ReadonlyMap<string, string>): void {
    for (const [slug, team] of resolved) this.teamOf.set(slug, team);
  }

  /** The line an answer is stored by. Its content hash keeps the team as the answer named it, so a
   * dry run (which resolves nothing) compares the same hashes as the import. */
  encode(a: AnswerRecord): string {
    refuseUnstorable(a);
    const team = a.teamSlug === null ? null : (this.teamOf.get(a.teamSlug) ?? a.teamSlug);
    if (team !== null) this.teams.add(team);
    if (a.touchpoint !== null) this.touchpoints.add(a.touchpoint);
    return encodeLine(this.dialect, a, team, a.answeredAt.getTime() >= this.rule.from && this.rule.wanted(a));
  }

  /** An edit of a stored answer is always worth a look when recent (a lifted score closes a case). */
  queuesEdit(a: DecodedAnswer): boolean {
    return a.answeredAt.getTime() >= this.rule.from;
  }
}

/** The teams and touchpoints an encoder has met since the last call (its sets only grow, in
 * insertion order): an import creates them in its transaction, as they are first named. */
export class NewNames {
  private teams = 0;
  private touchpoints = 0;

  constructor(private readonly encoder: AnswerEncoder) {}

  take(): { teams: string[]; touchpoints: string[] } {
    const since = (names: Set<string>, done: number) => (names.size > done ? [...names].slice(done) : []);
    const teams = since(this.encoder.teams, this.teams);
    const touchpoints = since(this.encoder.touchpoints, this.touchpoints);
    this.teams += teams.length;
    this.touchpoints += touchpoints.length;
    return { teams, touchpoints };
  }
}

/** A line naming a stored answer: unchanged (same content hash), or an edit to write. `existing` is
 * updated, so a later line naming the answer again compares with this version. */
export function compareStored(line: string, existing: Existing, encoder: AnswerEncoder, w: Written): { answer: DecodedAnswer; queued: boolean } | null {
  const answer = decodeLine(line);
  if (existing.contentHash === answer.contentHash) {
    w.unchanged++;
    return null;
  }
  existing.contentHash = answer.contentHash;
  const queued = encoder.queuesEdit(answer);
  w.updated++;
  w.changes?.updated.push({ id: existing.id, source: answer.source, externalId: answer.externalId, queued });
  return { answer, queued };
}

/** One dialect's way of writing answers. */
export interface AnswerWriter {
  readonly dialect: Dialect;
  /** A delivery's lines (one per answer), all or nothing: new ones inserted, stored ones compared and
   * updated, follow-ups queued, in one transaction. */
  deliver(lines: string[], at: string, encoder: AnswerEncoder): Promise<Written>;
  /** The import's lines, pulled as needed; a transaction takes lines for `transactionMs` (Infinity:
   * all in one), creating the teams and touchpoints they name as it goes. A source that throws rolls
   * its transaction back. */
  storeLines(lines: AsyncIterable<string[]>, at: string, encoder: AnswerEncoder, transactionMs: number): Promise<WriteCounts>;
  /** The stored version of each answer named, by keyOf. */
  findExisting(keys: Key[]): Promise<Map<string, Existing>>;
  close(): Promise<void>;
}
