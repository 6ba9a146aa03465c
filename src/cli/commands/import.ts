// kundepuls import FILE [--source NAME] [--team SLUG] [--dry-run] [--skip-invalid]
// Streams a CSV export in two passes: first every row is checked (nothing is written if one is
// invalid, unless --skip-invalid), then valid rows are stored in batches. Re-imports add nothing.
import fs from "node:fs";
import { z } from "zod";
import type { App } from "../../app.ts";
import { CsvFormatError, CsvHeaderError, readCsvAnswers, type CsvProgress } from "../../ingest/csv/reader.ts";
import type { NormalizedAnswer } from "../../ingest/normalized-answer.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";

const USAGE = "usage: kundepuls import FILE [--source NAME] [--team SLUG] [--dry-run] [--skip-invalid]";
const BATCH = 1000;
/** Invalid rows listed one by one; beyond this only the count (a broken export can have millions). */
const LIST_INVALID = 50;

const schema = z.object({
  positionals: z.array(z.string()).length(1, "name one CSV file"),
  source: z.string().trim().min(1).max(100).default("csv"),
  team: teamSlug.optional(),
  "dry-run": z.boolean().default(false),
  "skip-invalid": z.boolean().default(false),
});

interface Summary {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

function progressLine(label: string, progress: CsvProgress, total: number, rows: number): string {
  const pct = total > 0 ? Math.min(100, Math.floor((100 * progress.bytes) / total)) : 100;
  return `\r${label} ${String(pct).padStart(3)}%  ${rows.toLocaleString("en-US")} rows`;
}

export async function importCommand(argv: string[], app: App, out: (s: string) => void): Promise<number> {
  const args = parseCommandArgs(
    argv,
    { source: { type: "string" }, team: { type: "string" }, "dry-run": { type: "boolean" }, "skip-invalid": { type: "boolean" } },
    schema,
    USAGE,
  );
  const file = args.positionals[0]!;
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new UsageError(`${file} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
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

  // One pass over the file; `onBatch` gets the valid answers in batches, invalid rows are listed.
  const pass = async (label: string, onBatch: ((batch: NormalizedAnswer[]) => Promise<void>) | null, listInvalid: boolean) => {
    const progress: CsvProgress = { bytes: 0 };
    let rows = 0;
    let invalid = 0;
    let batch: NormalizedAnswer[] = [];
    let lastDraw = 0;
    for await (const row of readCsvAnswers(fs.createReadStream(file), readOptions(progress))) {
      rows++;
      if (row.ok) {
        batch.push(row.answer);
        if (onBatch && batch.length >= BATCH) await onBatch(batch.splice(0));
      } else {
        invalid++;
        if (listInvalid && invalid <= LIST_INVALID) out(`${tty ? "\r\x1b[K" : ""}line ${row.line}: ${row.reason}\n`);
      }
      if (!onBatch) batch.length = 0;
      if (tty && Date.now() - lastDraw > 200) {
        lastDraw = Date.now();
        process.stderr.write(progressLine(label, progress, size, rows));
      }
    }
    if (onBatch && batch.length > 0) await onBatch(batch);
    if (tty) process.stderr.write(progressLine(label, progress, size, rows) + "\n");
    if (listInvalid && invalid > LIST_INVALID) out(`… and ${invalid - LIST_INVALID} more invalid rows\n`);
    return { rows, invalid };
  };

  const summary: Summary = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  try {
    if (!args["skip-invalid"] || args["dry-run"]) {
      const counter = args["dry-run"]
        ? async (b: NormalizedAnswer[]) => {
            const p = await app.answers.preview(b);
            summary.created += p.created;
            summary.updated += p.updated;
            summary.unchanged += p.unchanged;
          }
        : null;
      const checked = await pass(args["dry-run"] ? "checking" : "checking (1/2)", counter, true);
      summary.invalid = checked.invalid;
      if (checked.invalid > 0 && !args["skip-invalid"]) {
        out(`${summaryLine(args["dry-run"] ? summary : { ...summary, created: 0, updated: 0, unchanged: 0 })}\n`);
        out(
          args["dry-run"]
            ? `(dry run: nothing was written) ${checked.invalid} invalid row(s): an import would refuse the file unless --skip-invalid is given.\n`
            : `nothing imported: ${checked.invalid} invalid row(s). Fix them, or use --skip-invalid to import the valid rows.\n`,
        );
        return 1;
      }
      if (args["dry-run"]) {
        out(`${summaryLine(summary)}\n(dry run: nothing was written)\n`);
        return 0;
      }
    }
    const written = await pass(args["skip-invalid"] ? "importing" : "importing (2/2)", async (b) => {
      const r = await app.ingest.store(b, importedAt);
      summary.created += r.created;
      summary.updated += r.updated;
      summary.unchanged += r.unchanged;
    }, args["skip-invalid"]);
    summary.invalid = written.invalid;
  } catch (error) {
    if (error instanceof CsvHeaderError || error instanceof CsvFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  out(`${summaryLine(summary)}\n`);
  return 0;
}

function summaryLine(s: Summary): string {
  return `created ${s.created} · updated ${s.updated} · unchanged ${s.unchanged} · invalid ${s.invalid}`;
}
