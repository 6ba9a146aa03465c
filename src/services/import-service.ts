// Imports a CSV export. Every row is checked (nothing is written if one is invalid, unless
// skipInvalid) and encoded once as the line the store writes. Two strategies behind one interface,
// chosen by the database: SQLite has one writer at a time, so the checked lines are spooled to a
// temporary file and stored after the check, in short transactions (SpoolThenStore); PostgreSQL
// locks rows, so they are stored while the check goes on, in one transaction that an invalid row
// rolls back (StoreWhileChecking). Re-imports add nothing. The caller draws progress (ImportView).
import fs from "node:fs";
import { BoundedQueue } from "../ingest/bounded-queue.ts";
import { readCsvAnswers, type CsvProgress } from "../ingest/csv/reader.ts";
import type { RowReason } from "../ingest/csv/row.ts";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import { ROWS_PER_STATEMENT, type AnswerEncoder, type AnswerStore, type WriteCounts } from "../store/answers.ts";
import { Spool } from "./import-spool.ts";
import type { IngestService } from "./ingest-service.ts";

/** Answers a dry run compares with the database at a time. */
const BATCH = 2_000;
/** How long an import transaction on SQLite takes new answers before it commits (see
 * AnswerStore.storeEncoded): it holds the write lock, which the running bot's writes wait out
 * (its busy timeout is 10 s); with the commit it lasts 1–1.5 s on a table of a million answers. */
const SQLITE_TRANSACTION_MS = 1_000;
/** Statements' worth of checked answers waiting for the store when both run at once (PostgreSQL). */
const STATEMENTS_IN_FLIGHT = 4;

export type ImportPass = "checking" | "checkingFirst" | "importingSecond" | "checkingAndImporting";

/** How an import shows its progress (the CLI draws it). */
export interface ImportView {
  /** a pass over `total` bytes begins; `progress.bytes` grows as it reads */
  pass(pass: ImportPass, progress: CsvProgress, total: number): { tick(rows: number): void; end(rows: number): void };
  /** an invalid row, in file order */
  invalidRow(line: number, reason: RowReason): void;
}

export interface ImportRequest {
  file: string;
  /** the file's size in bytes (what the first pass's progress is measured against) */
  size: number;
  source: string;
  /** the team for rows without one */
  team?: string;
  dryRun: boolean;
  skipInvalid: boolean;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

/** dry-run: counted, nothing written; refused: invalid rows and no skipInvalid, nothing written. */
export type ImportOutcome = { kind: "dry-run" | "refused" | "imported"; counts: ImportCounts };

/** One pass over the file: the valid answers in batches to `onBatch`, invalid rows to the view. */
type Pass = (pass: ImportPass, batchSize: number, onBatch: (batch: NormalizedAnswer[]) => Promise<void>, onInvalid?: () => void) => Promise<{ rows: number; invalid: number }>;

/** How checked lines reach the store. */
interface ImportStrategy {
  /** Checks the file and stores its valid lines; refused (nothing stored) when a row is invalid
   * and invalid rows are not to be skipped. */
  run(check: Pass, encoder: AnswerEncoder, importedAt: Date, skipInvalid: boolean): Promise<{ invalid: number; stored: WriteCounts | null }>;
}

export class ImportService {
  constructor(
    private readonly ingest: IngestService,
    private readonly answers: AnswerStore,
    private readonly timeZone: string,
  ) {}

  async run(request: ImportRequest, view: ImportView): Promise<ImportOutcome> {
    const importedAt = new Date();
    const pass: Pass = async (label, batchSize, onBatch, onInvalid = () => {}) => {
      const progress: CsvProgress = { bytes: 0 };
      const bar = view.pass(label, progress, request.size);
      let rows = 0;
      let invalid = 0;
      const batch: NormalizedAnswer[] = [];
      const options = { source: request.source, defaultTeam: request.team, timeZone: this.timeZone, importedAt, progress };
      for await (const row of readCsvAnswers(fs.createReadStream(request.file), options)) {
        rows++;
        if (row.ok) {
          batch.push(row.answer);
          if (batch.length >= batchSize) await onBatch(batch.splice(0));
        } else {
          if (invalid++ === 0) onInvalid();
          view.invalidRow(row.line, row.reason);
        }
        bar.tick(rows);
      }
      if (batch.length > 0) await onBatch(batch);
      bar.end(rows);
      return { rows, invalid };
    };
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
    if (request.dryRun) {
      counts.invalid = (await pass("checking", BATCH, async (b) => {
        const p = await this.answers.preview(b);
        counts.created += p.created;
        counts.updated += p.updated;
        counts.unchanged += p.unchanged;
      })).invalid;
      return { kind: "dry-run", counts };
    }
    const strategy: ImportStrategy = this.answers.longTransactionsBlockWriters
      ? new SpoolThenStore(this.ingest, view)
      : new StoreWhileChecking(this.ingest);
    const { invalid, stored } = await strategy.run(pass, this.ingest.encoder(importedAt), importedAt, request.skipInvalid);
    counts.invalid = invalid;
    if (!stored) return { kind: "refused", counts };
    counts.created = stored.created;
    counts.updated = stored.updated;
    counts.unchanged = stored.unchanged;
    return { kind: "imported", counts };
  }
}

/** SQLite: check everything first (spooling the encoded lines), then store in transactions of bounded length. */
class SpoolThenStore implements ImportStrategy {
  constructor(
    private readonly ingest: IngestService,
    private readonly view: ImportView,
  ) {}

  async run(check: Pass, encoder: AnswerEncoder, importedAt: Date, skipInvalid: boolean) {
    const spool = new Spool();
    try {
      // Checked answers are spooled as the lines the store writes (encoded once, stored as they are).
      const checked = await check("checkingFirst", ROWS_PER_STATEMENT, async (b) => spool.write(await this.ingest.encode(encoder, b)));
      if (checked.invalid > 0 && !skipInvalid) return { invalid: checked.invalid, stored: null };
      const { bytes } = await spool.finish();
      const progress: CsvProgress = { bytes: 0 };
      const bar = this.view.pass("importingSecond", progress, bytes);
      let rows = 0;
      async function* chunks() {
        for await (const lines of spool.read(ROWS_PER_STATEMENT, progress)) {
          yield lines;
          bar.tick((rows += lines.length));
        }
      }
      const stored = await this.ingest.storeEncoded(chunks(), encoder, importedAt, SQLITE_TRANSACTION_MS);
      bar.end(rows);
      return { invalid: checked.invalid, stored };
    } finally {
      spool.remove();
    }
  }
}

/** PostgreSQL: one transaction, written while the file is checked; an invalid row rolls it back. */
class StoreWhileChecking implements ImportStrategy {
  constructor(private readonly ingest: IngestService) {}

  async run(check: Pass, encoder: AnswerEncoder, importedAt: Date, skipInvalid: boolean) {
    const queue = new BoundedQueue<string[]>(STATEMENTS_IN_FLIGHT);
    const refused = new Error("an invalid row: the import is rolled back");
    const storing = this.ingest.storeEncoded(queue, encoder, importedAt, Number.POSITIVE_INFINITY);
    // The store failed (the database): the check stops too, and the store's error is reported.
    let storeFailure: { error: unknown } | null = null;
    storing.catch((error: unknown) => {
      if (error !== refused) storeFailure = { error };
      queue.abandon();
    });
    const checked = await check("checkingAndImporting", ROWS_PER_STATEMENT, async (b) => {
      if (storeFailure) throw storeFailure.error;
      if (queue.failed) return; // refused: only the invalid rows are still of interest
      await queue.push(await this.ingest.encode(encoder, b));
    }, () => {
      if (!skipInvalid) queue.fail(refused);
    }).catch(async (error: unknown) => {
      // An unreadable file (or the store's own failure): roll back, then report it.
      queue.fail(error);
      await storing.catch(() => {});
      throw error;
    });
    if (checked.invalid > 0 && !skipInvalid) {
      await storing.catch((error: unknown) => {
        if (error !== refused) throw error;
      });
      return { invalid: checked.invalid, stored: null };
    }
    queue.close();
    return { invalid: checked.invalid, stored: await storing };
  }
}
