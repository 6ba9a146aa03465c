// kundepuls import FILE [--source NAME] [--team SLUG] [--dry-run] [--skip-invalid]
// Streams a CSV export. Every row is checked (nothing is written if one is invalid, unless
// --skip-invalid) and encoded once as the line the store writes. SQLite (one writer at a time):
// the checked lines are spooled to a temporary file and stored after the check, in short
// transactions. PostgreSQL: they are stored while the check goes on, in one transaction that an
// invalid row rolls back. Re-imports add nothing.
import fs from "node:fs";
import { z } from "zod";
import type { App } from "../../app.ts";
import { CsvFormatError, CsvHeaderError, readCsvAnswers, type CsvProgress } from "../../ingest/csv/reader.ts";
import type { NormalizedAnswer } from "../../ingest/normalized-answer.ts";
import { BoundedQueue } from "../../ingest/bounded-queue.ts";
import { ROWS_PER_STATEMENT, type WriteCounts } from "../../store/answers.ts";
import { Spool } from "./import-spool.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";
import { importTexts, summaryLine, type Summary } from "./import-texts.ts";
/** Answers a dry run compares with the database at a time. */
const BATCH = 2_000;
/** How long an import transaction on SQLite takes new answers before it commits (see
 * AnswerStore.storeEncoded): it holds the write lock, which the running bot's writes wait out
 * (its busy timeout is 10 s); with the commit it lasts 1–1.5 s on a table of a million answers. */
const SQLITE_TRANSACTION_MS = 1_000;
/** Statements' worth of checked answers waiting for the store when both run at once (PostgreSQL). */
const STATEMENTS_IN_FLIGHT = 4;
/** Invalid rows listed one by one; beyond this only the count (a broken export can have millions). */
const LIST_INVALID = 50;

const schema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).length(1, lang === "da" ? "nævn én CSV-fil" : "name one CSV file"),
    source: z.string().trim().min(1).max(100).default("csv"),
    team: teamSlug(lang).optional(),
    "dry-run": z.boolean().default(false),
    "skip-invalid": z.boolean().default(false),
  });

export const importCommand: CliCommand = {
  name: "import",
  needs: "app",
  synopsis: { da: "FIL [--source NAVN] [--team HOLD] [--dry-run] [--skip-invalid]", en: "FILE [--source NAME] [--team TEAM] [--dry-run] [--skip-invalid]" },
  summary: { da: "indlæser svar fra en CSV-eksport (se docs/importing.md)", en: "imports survey answers from a CSV export (see docs/importing.md)" },
  details: {
    da: "  --source NAVN    hvor svarene kommer fra (standard: csv)\n  --team HOLD      holdet for rækker uden et\n  --dry-run        tæller, hvad der ville ske, uden at skrive noget\n  --skip-invalid   indlæser de gyldige rækker, selv om nogle er ugyldige",
    en: "  --source NAME    where the answers come from (default: csv)\n  --team TEAM      the team for rows without one\n  --dry-run        counts what would happen, without writing anything\n  --skip-invalid   imports the valid rows even when some are invalid",
  },
  run: (argv: string[], app: App, io: CliIo) => importFile(argv, app, io),
};

async function importFile(argv: string[], app: App, { lang, out }: CliIo): Promise<number> {
  const texts = importTexts[lang];
  const args = parseCommandArgs(
    argv,
    { source: { type: "string" }, team: { type: "string" }, "dry-run": { type: "boolean" }, "skip-invalid": { type: "boolean" } },
    schema(lang),
    usageOf(importCommand, lang),
    lang,
  );
  const file = args.positionals[0]!;
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new UsageError(texts.notAFile(file));
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(texts.unreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
  }
  const tty = process.stderr.isTTY === true;
  const importedAt = new Date();
  const readOptions = (progress: CsvProgress) => ({
    source: args.source,
    defaultTeam: args.team,
    timeZone: app.config.TIME_ZONE,
    importedAt,
    progress,
  });

  const progressBar = (label: string, progress: CsvProgress, total: number) => {
    let lastDraw = 0;
    return {
      tick(rows: number) {
        if (tty && Date.now() - lastDraw > 200) {
          lastDraw = Date.now();
          process.stderr.write(texts.progress(label, progress.bytes, total, rows));
        }
      },
      end: (rows: number) => tty && process.stderr.write(texts.progress(label, progress.bytes, total, rows) + "\n"),
    };
  };

  // One pass over the file; `onBatch` gets the valid answers in batches, invalid rows are listed.
  const pass = async (label: string, batchSize: number, onBatch: (batch: NormalizedAnswer[]) => Promise<void>, onInvalid = () => {}) => {
    const progress: CsvProgress = { bytes: 0 };
    const bar = progressBar(label, progress, size);
    let rows = 0;
    let invalid = 0;
    const batch: NormalizedAnswer[] = [];
    for await (const row of readCsvAnswers(fs.createReadStream(file), readOptions(progress))) {
      rows++;
      if (row.ok) {
        batch.push(row.answer);
        if (batch.length >= batchSize) await onBatch(batch.splice(0));
      } else {
        if (invalid++ === 0) onInvalid();
        if (invalid <= LIST_INVALID) out(`${tty ? "\r\x1b[K" : ""}${texts.invalidRow(row.line, row.reason)}\n`);
      }
      bar.tick(rows);
    }
    if (batch.length > 0) await onBatch(batch);
    bar.end(rows);
    if (invalid > LIST_INVALID) out(`${texts.moreInvalid(invalid - LIST_INVALID)}\n`);
    return { rows, invalid };
  };

  const summary: Summary = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  try {
    if (args["dry-run"]) {
      const preview = async (b: NormalizedAnswer[]) => {
        const p = await app.answers.preview(b);
        summary.created += p.created;
        summary.updated += p.updated;
        summary.unchanged += p.unchanged;
      };
      summary.invalid = (await pass(texts.checking, BATCH, preview)).invalid;
      out(`${summaryLine(summary, lang, true)}\n`);
      if (summary.invalid > 0 && !args["skip-invalid"]) {
        out(`${texts.dryRunRefused(summary.invalid)}\n`);
        return 1;
      }
      out(`${texts.dryRun}\n`);
      return 0;
    }
    const encoder = app.ingest.encoder(importedAt);
    const refuse = (invalid: number) => {
      out(`${summaryLine({ ...summary, invalid }, lang, false)}\n`);
      out(`${texts.refused(invalid)}\n`);
      return 1;
    };
    let stored: WriteCounts;
    if (app.answers.longTransactionsBlockWriters) {
      // Check everything first, then store in transactions of bounded length.
      const spool = new Spool();
      try {
        // Checked answers are spooled as the lines the store writes (encoded once, stored as they are).
        const checked = await pass(texts.checkingFirst, ROWS_PER_STATEMENT, async (b) => spool.write(await app.ingest.encode(encoder, b)));
        summary.invalid = checked.invalid;
        if (checked.invalid > 0 && !args["skip-invalid"]) return refuse(checked.invalid);
        const { bytes } = await spool.finish();
        const progress: CsvProgress = { bytes: 0 };
        const bar = progressBar(texts.importingSecond, progress, bytes);
        let rows = 0;
        async function* chunks() {
          for await (const lines of spool.read(ROWS_PER_STATEMENT, progress)) {
            yield lines;
            bar.tick((rows += lines.length));
          }
        }
        stored = await app.ingest.storeEncoded(chunks(), encoder, importedAt, SQLITE_TRANSACTION_MS);
        bar.end(rows);
      } finally {
        spool.remove();
      }
    } else {
      // One transaction, written while the file is checked; an invalid row rolls it back.
      const queue = new BoundedQueue<string[]>(STATEMENTS_IN_FLIGHT);
      const refused = new Error("an invalid row: the import is rolled back");
      const storing = app.ingest.storeEncoded(queue, encoder, importedAt, Number.POSITIVE_INFINITY);
      // The store failed (the database): the check stops too, and the store's error is reported.
      let storeFailure: { error: unknown } | null = null;
      storing.catch((error: unknown) => {
        if (error !== refused) storeFailure = { error };
        queue.abandon();
      });
      const checked = await pass(texts.checkingAndImporting, ROWS_PER_STATEMENT, async (b) => {
        if (storeFailure) throw storeFailure.error;
        if (queue.failed) return; // refused: only the invalid rows are still of interest
        await queue.push(await app.ingest.encode(encoder, b));
      }, () => {
        if (!args["skip-invalid"]) queue.fail(refused);
      }).catch(async (error: unknown) => {
        // An unreadable file (or the store's own failure): roll back, then report it.
        queue.fail(error);
        await storing.catch(() => {});
        throw error;
      });
      summary.invalid = checked.invalid;
      if (checked.invalid > 0 && !args["skip-invalid"]) {
        await storing.catch((error: unknown) => {
          if (error !== refused) throw error;
        });
        return refuse(checked.invalid);
      }
      queue.close();
      stored = await storing;
    }
    summary.created = stored.created;
    summary.updated = stored.updated;
    summary.unchanged = stored.unchanged;
  } catch (error) {
    if (error instanceof CsvHeaderError || error instanceof CsvFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  out(`${summaryLine(summary, lang, false)}\n`);
  // Cases and stories are the running bot's work (it delivers their messages): it takes them from
  // the queue within seconds, or when it starts.
  const queued = await app.followUps.pending();
  if (queued > 0) out(`${texts.queued(queued)}\n`);
  return 0;
}
