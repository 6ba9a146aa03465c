// kundepuls migrate — applies pending migrations (start does this too).
import type { Config } from "../../config.ts";
import { parseDatabaseUrl } from "../../store/database.ts";
import { applyMigrations } from "../../store/migrate.ts";

export async function migrateCommand(config: Config, out: (s: string) => void): Promise<void> {
  const target = parseDatabaseUrl(config.DATABASE_URL);
  const report = await applyMigrations(target);
  const where = target.provider === "sqlite" ? target.url : "PostgreSQL";
  if (report.applied.length === 0) out(`${where}: up to date (${report.alreadyApplied} migrations applied earlier)\n`);
  else out(`${where}: applied ${report.applied.join(", ")}\n`);
}
