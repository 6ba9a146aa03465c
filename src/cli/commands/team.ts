// kundepuls team [list] | team set SLUG [--name NAME] [--lead PERSON] [--digest-cron "CRON"|default]
// kundepuls owner account|touchpoint NAME PERSON      (PERSON: e-mail, slack:U0123, teams:<AAD id>)
import { z } from "zod";
import type { App } from "../../app.ts";
import { DirectoryAdmin, DirectoryError, parsePersonRef, type PersonRef, type TeamSummary } from "../../services/directory-admin.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo, type Lang } from "../command.ts";

const PERSON = {
  da: "  PERSON: en e-mail, slack:<bruger-id> eller teams:<AAD-objekt-id>",
  en: "  PERSON: an e-mail, slack:<user id> or teams:<AAD object id>",
};

function person(text: string, lang: Lang): PersonRef {
  const ref = parsePersonRef(text);
  if ("da" in ref) throw new UsageError(ref[lang]);
  return ref;
}

async function guarded(lang: Lang, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DirectoryError) throw new UsageError(error.texts[lang]);
    throw error;
  }
}

function teamLine(t: TeamSummary, lang: Lang): string {
  const lead = t.lead ?? (lang === "da" ? "ingen" : "none");
  const digest = t.digestCron ?? (lang === "da" ? "standardtidspunkt" : "default schedule");
  return lang === "da" ? `${t.slug} (${t.name}): leder ${lead}, digest ${digest}` : `${t.slug} (${t.name}): lead ${lead}, digest ${digest}`;
}

const teamSchema = z.object({
  positionals: z.array(z.string()).max(2),
  name: z.string().trim().min(1).max(100).optional(),
  lead: z.string().optional(),
  "digest-cron": z.string().optional(),
});

export const teamCommand: CliCommand = {
  name: "team",
  needs: "app",
  synopsis: {
    da: '[list]\nset HOLD [--name NAVN] [--lead PERSON] [--digest-cron "CRON" | default]',
    en: '[list]\nset TEAM [--name NAME] [--lead PERSON] [--digest-cron "CRON" | default]',
  },
  summary: { da: "holdene, deres leder (advarsler, eskalering) og digest-tidspunkt", en: "teams, their lead (alerts, escalations) and digest schedule" },
  details: {
    da: `${PERSON.da}\n  fx: kundepuls team set support --name Kundeservice --lead mette@firma.dk --digest-cron "30 8 * * 1-5"`,
    en: `${PERSON.en}\n  e.g. kundepuls team set support --name "Customer service" --lead mette@firma.dk --digest-cron "30 8 * * 1-5"`,
  },
  async run(argv: string[], app: App, { lang, out }: CliIo) {
    const usage = usageOf(teamCommand, lang);
    const args = parseCommandArgs(argv, { name: { type: "string" }, lead: { type: "string" }, "digest-cron": { type: "string" } }, teamSchema, usage, lang);
    const admin = new DirectoryAdmin(app.db.prisma);
    const [action = "list", slug] = args.positionals;
    if (action === "list") {
      const teams = await admin.listTeams();
      if (teams.length > 0) out(teams.map((t) => teamLine(t, lang)).join("\n") + "\n");
      else out(lang === "da" ? "ingen hold endnu (de opstår med det første svar, der nævner dem, eller: kundepuls team set HOLD)\n" : "no teams yet (they appear with the first answer naming them, or: kundepuls team set TEAM)\n");
      return;
    }
    if (action !== "set" || !slug) throw new UsageError(usage);
    const cron = args["digest-cron"];
    const lead = args.lead ? person(args.lead, lang) : undefined;
    await guarded(lang, async () => {
      const team = await admin.setTeam(slug, { name: args.name, lead, digestCron: cron === undefined ? undefined : cron === "default" ? null : cron });
      out(teamLine(team, lang) + "\n");
    });
  },
};

const ownerSchema = (lang: Lang) =>
  z.object({
    positionals: z
      .array(z.string())
      .length(3, lang === "da" ? "angiv slagsen (account eller touchpoint), dens navn og personen" : "give the kind (account or touchpoint), its name and the person"),
  });

export const ownerCommand: CliCommand = {
  name: "owner",
  needs: "app",
  synopsis: { da: "account|touchpoint NAVN PERSON", en: "account|touchpoint NAME PERSON" },
  summary: { da: "hvem der får advarslerne for en kunde (account) eller et kontaktpunkt", en: "who gets the alerts for a customer account or a touchpoint" },
  details: PERSON,
  async run(argv: string[], app: App, { lang, out }: CliIo) {
    const usage = usageOf(ownerCommand, lang);
    const args = parseCommandArgs(argv, {}, ownerSchema(lang), usage, lang);
    const [kind, name, who] = args.positionals as [string, string, string];
    if (kind !== "account" && kind !== "touchpoint") throw new UsageError(usage);
    const ref = person(who, lang);
    await guarded(lang, async () => {
      const set = await new DirectoryAdmin(app.db.prisma).setOwner(kind, name, ref);
      const what = lang === "da" ? (kind === "account" ? "kunde" : "kontaktpunkt") : kind;
      out(`${what} "${set.name}": ${lang === "da" ? "ejer" : "owner"} ${set.owner}\n`);
    });
  },
};
