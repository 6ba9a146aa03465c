// kundepuls audit [--since DATE] [--team SLUG] [--json] — who did what, allowed or refused.
import { z } from "zod";
import type { App } from "../../app.ts";
import { zonedToUtc } from "../../core/timezone.ts";
import type { AuditRow } from "../../store/audit.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { formatMoment, usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

const schema = (lang: Lang) => {
  const da = lang === "da";
  return z.object({
    positionals: z.array(z.string()).max(0, da ? "audit tager ingen argumenter (brug --since og --team)" : "audit takes no arguments (use --since and --team)"),
    since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, da ? "skal være en dato som 2026-12-01" : "must be a date such as 2026-12-01")
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), da ? "er ikke en rigtig dato" : "is not a real date")
      .optional(),
    team: teamSlug(lang).optional(),
    json: z.boolean().default(false),
  });
};

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

export const auditCommand: CliCommand = {
  name: "audit",
  needs: "app",
  synopsis: { da: "[--since 2026-12-01] [--team HOLD] [--json]", en: "[--since 2026-12-01] [--team TEAM] [--json]" },
  summary: { da: "hvem gjorde hvad – tilladt eller afvist", en: "who did what, allowed or refused" },
  details: { da: "  --since  fra denne dato (lokal tid)\n  --json   det format, docs/roles.md beskriver", en: "  --since  from this date (local time)\n  --json   the shape docs/roles.md describes" },
  run: (argv: string[], app: App, io: CliIo) => runAudit(argv, app, io),
};

async function runAudit(argv: string[], app: App, { lang, out }: CliIo): Promise<void> {
  const da = lang === "da";
  const args = parseCommandArgs(argv, { since: { type: "string" }, team: { type: "string" }, json: { type: "boolean" } }, schema(lang), usageOf(auditCommand, lang), lang);
  const directory = app.repos.directory;
  const team = args.team ? await directory.findTeam(args.team) : null;
  if (args.team && !team) throw new UsageError(UnknownScopeError.team(args.team).texts[lang]);
  // a date is a day in the configured time zone: from its local midnight
  const since = args.since ? zonedToUtc({ year: Number(args.since.slice(0, 4)), month: Number(args.since.slice(5, 7)), day: Number(args.since.slice(8, 10)), hour: 0, minute: 0, second: 0 }, app.config.TIME_ZONE) : undefined;
  const rows = await app.audit.list({ ...(since ? { since } : {}), ...(team ? { teamId: team.id } : {}) });
  const teams = new Map((await directory.listTeams()).map((t) => [t.id, t.slug]));
  if (args.json) {
    out(JSON.stringify({ since: since?.toISOString() ?? null, team: team?.slug ?? null, events: rows.map((r) => auditJson(r, teams)) }) + "\n");
    return;
  }
  if (rows.length === 0) return out(da ? "ingen hændelser\n" : "no audit events\n");
  for (const r of rows) {
    const who = [r.actor.name, r.actor.userId && r.actor.userId !== r.actor.name ? `(${r.actor.platform}:${r.actor.userId})` : `(${r.actor.platform})`].filter(Boolean).join(" ");
    const where = r.teamId !== null ? ` [${teams.get(r.teamId) ?? r.teamId}]` : "";
    const detail = r.detail ? ` ${JSON.stringify(r.detail)}` : "";
    const verdict = r.allowed ? (da ? "tilladt" : "allowed") : da ? "AFVIST" : "REFUSED";
    out(`${formatMoment(r.at, lang, app.config.TIME_ZONE)} ${verdict} ${r.action} ${r.objectType}${r.objectId !== null ? ` ${r.objectId}` : ""}${where} ${da ? "af" : "by"} ${who}${detail}\n`);
  }
}
