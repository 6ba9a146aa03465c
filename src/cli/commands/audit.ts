// kundepuls audit [--since DATE] [--team SLUG] [--json] — who did what, allowed or refused.
import { z } from "zod";
import type { App } from "../../app.ts";
import { zonedToUtc } from "../../core/timezone.ts";
import type { AuditRow } from "../../store/audit.ts";
import { Directory } from "../../store/directory.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";

const USAGE = "usage: kundepuls audit [--since 2026-12-01] [--team SLUG] [--json]";
const schema = z.object({
  positionals: z.array(z.string()).max(0, "audit takes no arguments (use --since and --team)"),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-12-01")
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "is not a real date")
    .optional(),
  team: teamSlug.optional(),
  json: z.boolean().default(false),
});

/** The JSON shape of one event (documented in docs/roles.md). */
export function auditJson(row: AuditRow, teams: Map<number, string>) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    object: { type: row.objectType, id: row.objectId },
    team: row.teamId === null ? null : (teams.get(row.teamId) ?? null),
    allowed: row.allowed,
    detail: row.detail,
  };
}

export async function auditCommand(argv: string[], app: App, out: (s: string) => void): Promise<void> {
  const args = parseCommandArgs(argv, { since: { type: "string" }, team: { type: "string" }, json: { type: "boolean" } }, schema, USAGE);
  const directory = new Directory(app.db.prisma);
  const team = args.team ? await directory.findTeam(args.team) : null;
  if (args.team && !team) throw new UsageError(`unknown team "${args.team}"`);
  // a date is a day in the configured time zone: from its local midnight
  const since = args.since ? zonedToUtc({ year: Number(args.since.slice(0, 4)), month: Number(args.since.slice(5, 7)), day: Number(args.since.slice(8, 10)), hour: 0, minute: 0, second: 0 }, app.config.TIME_ZONE) : undefined;
  const rows = await app.audit.list({ ...(since ? { since } : {}), ...(team ? { teamId: team.id } : {}) });
  const teams = new Map((await directory.listTeams()).map((t) => [t.id, t.slug]));
  if (args.json) {
    out(JSON.stringify({ since: since?.toISOString() ?? null, team: team?.slug ?? null, events: rows.map((r) => auditJson(r, teams)) }) + "\n");
    return;
  }
  if (rows.length === 0) return out("no audit events\n");
  for (const r of rows) {
    const who = [r.actor.name, r.actor.userId && r.actor.userId !== r.actor.name ? `(${r.actor.platform}:${r.actor.userId})` : `(${r.actor.platform})`].filter(Boolean).join(" ");
    const where = r.teamId !== null ? ` [${teams.get(r.teamId) ?? r.teamId}]` : "";
    const detail = r.detail ? ` ${JSON.stringify(r.detail)}` : "";
    out(`${r.at.toISOString()} ${r.allowed ? "allowed" : "REFUSED"} ${r.action} ${r.objectType}${r.objectId !== null ? ` ${r.objectId}` : ""}${where} by ${who}${detail}\n`);
  }
}
