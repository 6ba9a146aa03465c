// What readiness asks the database: does it answer, and are all migrations this build ships
// applied? One cheap query (the migrations table), bounded in time so a hanging connection
// makes the replica unready instead of hanging the probe.
import type { Database } from "./database.ts";
import { APPLIED_QUERY, pendingMigrations, type AppliedRow, type MigrationFile } from "./migrate.ts";

export async function databaseProblem(db: Database, migrations: MigrationFile[], timeoutMs = 3_000): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  let applied: AppliedRow[];
  try {
    applied = await Promise.race([db.prisma.$queryRawUnsafe<AppliedRow[]>(APPLIED_QUERY), timeout]);
  } catch (error) {
    return `database unreachable: ${firstLine(error)}`;
  } finally {
    clearTimeout(timer);
  }
  try {
    const pending = pendingMigrations(migrations, applied);
    return pending.length > 0 ? `migrations pending: ${pending.map((m) => m.name).join(", ")}` : null;
  } catch (error) {
    return `migrations: ${firstLine(error)}`;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n").find((l) => l.trim() !== "")?.trim().slice(0, 200) ?? "unknown error";
}
