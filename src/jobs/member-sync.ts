// Team members synced from Slack user groups once a day (and at start): the job run per local day
// keeps replicas from doing it twice.
import { zonedParts } from "../core/timezone.ts";
import type { Logger } from "../logger.ts";
import type { RoleAdmin } from "../services/role-admin.ts";
import type { JobRunStore } from "../store/job-runs.ts";

export function dailyMemberSync(roles: Pick<RoleAdmin, "syncSlackGroups">, jobRuns: JobRunStore, timeZone: string, log: Logger) {
  return async (now: Date): Promise<number> => {
    const d = zonedParts(now, timeZone);
    const key = `members:slack:${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
    if (await jobRuns.isFinished(key)) return 0;
    const lines = await roles.syncSlackGroups(now);
    await jobRuns.finish(key, now, lines.join("; ") || "no user groups");
    if (lines.length > 0) log.info(`members: ${lines.join("; ")}`);
    return lines.length;
  };
}
