// kundepuls migrate — applies pending migrations (start does this too).
import { z } from "zod";
import type { Config } from "../../config.ts";
import { parseDatabaseUrl } from "../../store/database.ts";
import { applyMigrations } from "../../store/migrate.ts";
import { parseCommandArgs } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";

export const migrateCommand: CliCommand = {
  name: "migrate",
  needs: "config",
  synopsis: { da: "", en: "" },
  summary: { da: "opdaterer databasens skema (start gør det også)", en: "applies database migrations (start does this too)" },
  async run(argv: string[], config: Config, _log, { lang, out }: CliIo) {
    const schema = z.object({ positionals: z.array(z.string()).max(0, lang === "da" ? "migrate tager ingen argumenter" : "migrate takes no arguments") });
    parseCommandArgs(argv, {}, schema, usageOf(migrateCommand, lang), lang);
    const target = parseDatabaseUrl(config.DATABASE_URL);
    const report = await applyMigrations(target);
    const where = target.provider === "sqlite" ? target.url : "PostgreSQL";
    if (report.applied.length > 0) out(`${where}: ${lang === "da" ? "anvendte" : "applied"} ${report.applied.join(", ")}\n`);
    else if (lang === "da") out(`${where}: opdateret (${report.alreadyApplied} migreringer anvendt tidligere)\n`);
    else out(`${where}: up to date (${report.alreadyApplied} migrations applied earlier)\n`);
  },
};
