// What readiness asks the database: does it answer, and are all migrations this build ships
// applied? One cheap query (the migrations table), bounded in time so a hanging connection
// makes the replica unready instead of hanging the probe.
import { withTimeout } from "../core/timeout.ts";
import type { Database } from "./database.ts";
import { APPLIED_QUERY, type AppliedRow, type MigrationFile } from "./migrate.ts";

export async function databaseProblem(db: Database, migrations: MigrationFile[], timeoutMs = 3_000): Promise<string | null> {
  let applied: AppliedRow[];
  try {
    applied = await withTimeout(db.prisma.$queryRawUnsafe<AppliedRow[]>(APPLIED_QUERY), timeoutMs, "the migrations table");
  } catch (error) {
    return `database unreachable: ${firstLine(error)}`;
  }
  // Only this build's own migrations count: a newer replica's migrations (a rolling upgrade) are
  // additive by rule, so an older replica stays ready while they are applied.
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = migrations.filter((m) => !done.has(m.name));
  return pending.length > 0 ? `migrations pending: ${pending.map((m) => m.name).join(", ")}` : null;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n").find((l) => l.trim() !== "")?.trim().slice(0, 200) ?? "unknown error";
}
