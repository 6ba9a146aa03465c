// Stores incoming answers. Answers recent enough to matter for the habits (a detractor case, a
// story) are queued for follow-up in the same transaction, and the follow-up worker is woken:
// the caller (a survey tool's POST) gets its answer as soon as the answers are stored.
//
// Group commit: deliveries that arrive while one is being written are written together, in one
// transaction, by the next write. A statement and a commit cost about the same for one answer as
// for fifty, so under a burst of single-answer POSTs this multiplies what the bot can take. Each
// delivery stays all-or-nothing (the group is), gets its own counts, and a group that fails is
// retried delivery by delivery, so one bad delivery fails alone. On PostgreSQL several groups are
// written at once (each on its own pool connection; a group's write is mostly waiting for the
// database), never two naming the same answer; SQLite has one writer, so one group at a time.
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import { keyOf, type AnswerEncoder, type AnswerStore, type UpsertOptions, type UpsertResult, type WriteCounts } from "../store/answers.ts";

const DAY_MS = 86_400_000;
/** A group stops growing here (a few statements of ROWS_PER_STATEMENT rows). */
const MAX_GROUP_ANSWERS = 2_000;
const BUSY_MS = 50;

interface Pending {
  batch: NormalizedAnswer[];
  receivedAt: Date;
  resolve(result: UpsertResult): void;
  reject(error: unknown): void;
}

export class IngestService {
  private readonly waiting: Pending[] = [];
  /** groups being written, and the answers they name */
  private writing = 0;
  private readonly writingKeys = new Set<string>();
  private scheduled = false;
  private lastArrival = 0;

  constructor(
    private readonly answers: AnswerStore,
    /** answers older than this open no case and make no story (CASE_MAX_AGE_DAYS): not queued */
    private readonly followUpDays: number,
    private readonly onQueued: () => void = () => {},
    /** a new answer no habit would act on (a passive, a promoter with nothing to tell) is not queued */
    private readonly followUpIf?: UpsertOptions["followUpIf"],
  ) {}

  /** Answers are arriving (one came in the last BUSY_MS, or a write is going on). */
  busy(): boolean {
    return this.writing > 0 || performance.now() - this.lastArrival < BUSY_MS;
  }

  store(batch: NormalizedAnswer[], receivedAt = new Date()): Promise<UpsertResult> {
    this.lastArrival = performance.now();
    return new Promise((resolve, reject) => {
      this.waiting.push({ batch, receivedAt, resolve, reject });
      if (this.writing < this.answers.concurrentWrites && !this.scheduled) {
        // Let deliveries whose bytes have already arrived join the group too.
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.startGroups();
        });
      }
    });
  }

  /** Starts writing waiting groups, as many as may be written at once. */
  private startGroups(): void {
    while (this.writing < this.answers.concurrentWrites && this.waiting.length > 0) {
      const { group, keys } = this.takeGroup();
      if (group.length === 0) return; // the next delivery names an answer being written: after it
      for (const k of keys) this.writingKeys.add(k);
      this.writing++;
      void this.writeGroup(group).finally(() => {
        for (const k of keys) this.writingKeys.delete(k);
        this.writing--;
        this.startGroups();
      });
    }
  }

  /** Waiting deliveries in arrival order, up to the size cap; two that name the same answer are
   * never in one group, nor in two groups written at once (each must see the other's effect, as if
   * written one after the other). With the group, the answers it names. */
  private takeGroup(): { group: Pending[]; keys: Set<string> } {
    const group: Pending[] = [];
    const keys = new Set<string>();
    let size = 0;
    for (let i = 0; i < this.waiting.length; i++) {
      const p = this.waiting[i]!;
      if (group.length > 0 && size + p.batch.length > MAX_GROUP_ANSWERS) break;
      const own = p.batch.map(keyOf);
      if (own.some((k) => keys.has(k) || this.writingKeys.has(k))) break;
      for (const k of own) keys.add(k);
      group.push(p);
      size += p.batch.length;
    }
    this.waiting.splice(0, group.length);
    return { group, keys };
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    if (group.length === 1) {
      const [p] = group as [Pending];
      await this.write(p.batch, p.receivedAt).then(p.resolve, p.reject);
      return;
    }
    // One receivedAt for the group: the earliest, i.e. when its first delivery was acknowledged to wait.
    const receivedAt = group[0]!.receivedAt;
    let result: UpsertResult;
    try {
      result = await this.write(group.flatMap((p) => p.batch), receivedAt);
    } catch {
      for (const p of group) await this.write(p.batch, p.receivedAt).then(p.resolve, p.reject);
      return;
    }
    const byKey = new Map(result.changes.map((c) => [keyOf(c), c]));
    for (const p of group) {
      const changes = [...new Set(p.batch.map(keyOf))].flatMap((k) => byKey.get(k) ?? []);
      const created = changes.filter((c) => c.kind === "created").length;
      const updated = changes.length - created;
      p.resolve({ created, updated, unchanged: p.batch.length - created - updated, changes });
    }
  }

  /** For a bulk load (the CSV import): answers are encoded as they are checked, stored later by
   * `storeEncoded` many per transaction (no group commit: one caller). */
  encoder(receivedAt: Date): AnswerEncoder {
    return this.answers.encoder(this.followUps(receivedAt));
  }

  /** The import's lines for a batch of checked answers, each naming the team it goes to. */
  async encode(encoder: AnswerEncoder, batch: readonly NormalizedAnswer[]): Promise<string[]> {
    await this.answers.resolveTeams(encoder, batch);
    return batch.map((a) => encoder.encode(a));
  }

  async storeEncoded(chunks: AsyncIterable<string[]>, encoder: AnswerEncoder, receivedAt: Date, transactionMs: number): Promise<WriteCounts> {
    const counts = await this.answers.storeEncoded(chunks, encoder, receivedAt, transactionMs);
    if (counts.queued > 0) this.onQueued();
    return counts;
  }

  private followUps(receivedAt: Date): UpsertOptions {
    return { followUpFrom: new Date(receivedAt.getTime() - this.followUpDays * DAY_MS), followUpIf: this.followUpIf };
  }

  private async write(batch: NormalizedAnswer[], receivedAt: Date): Promise<UpsertResult> {
    const result = await this.answers.upsertBatch(batch, receivedAt, this.followUps(receivedAt));
    if (result.changes.some((c) => c.queued)) this.onQueued();
    return result;
  }
}
