// kundepuls import FILE [--source NAME] [--team SLUG] [--dry-run] [--skip-invalid]
// Parses the flags, runs the import (services/import-service.ts) and draws its progress and result.
import fs from "node:fs";
import { z } from "zod";
import type { App } from "../../app.ts";
import { CsvFormatError, CsvHeaderError, type CsvProgress } from "../../ingest/csv/reader.ts";
import { ImportService, type ImportView } from "../../services/import-service.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";
import { importTexts, summaryLine } from "./import-texts.ts";

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
  let invalid = 0;
  const view: ImportView = {
    pass(pass, progress: CsvProgress, total) {
      invalid = 0;
      let lastDraw = 0;
      const draw = (rows: number) => texts.progress(texts[pass], progress.bytes, total, rows);
      return {
        tick(rows) {
          if (tty && Date.now() - lastDraw > 200) {
            lastDraw = Date.now();
            process.stderr.write(draw(rows));
          }
        },
        end(rows) {
          if (tty) process.stderr.write(draw(rows) + "\n");
          if (invalid > LIST_INVALID) out(`${texts.moreInvalid(invalid - LIST_INVALID)}\n`);
        },
      };
    },
    invalidRow(line, reason) {
      if (++invalid <= LIST_INVALID) out(`${tty ? "\r\x1b[K" : ""}${texts.invalidRow(line, reason)}\n`);
    },
  };
  const service = new ImportService(app.ingest, app.answers, app.config.TIME_ZONE);
  let outcome;
  try {
    outcome = await service.run({ file, size, source: args.source, team: args.team, dryRun: args["dry-run"], skipInvalid: args["skip-invalid"] }, view);
  } catch (error) {
    if (error instanceof CsvHeaderError || error instanceof CsvFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const { counts } = outcome;
  if (outcome.kind === "dry-run") {
    out(`${summaryLine(counts, lang, true)}\n`);
    if (counts.invalid > 0 && !args["skip-invalid"]) {
      out(`${texts.dryRunRefused(counts.invalid)}\n`);
      return 1;
    }
    out(`${texts.dryRun}\n`);
    return 0;
  }
  if (outcome.kind === "refused") {
    out(`${summaryLine(counts, lang, false)}\n`);
    out(`${texts.refused(counts.invalid)}\n`);
    return 1;
  }
  out(`${summaryLine(counts, lang, false)}\n`);
  // Cases and stories are the running bot's work (it delivers their messages): it takes them from
  // the queue within seconds, or when it starts.
  const queued = await app.followUps.pending();
  if (queued > 0) out(`${texts.queued(queued)}\n`);
  return 0;
}
