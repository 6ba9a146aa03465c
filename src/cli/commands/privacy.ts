// kundepuls forget EMAIL | --account NAME [--dry-run] — erase a customer's personal data;
// kundepuls export EMAIL | --account NAME — everything stored about them, as JSON on stdout;
// kundepuls retention [--dry-run] — what RETENTION_DAYS makes anonymous (the daily job), now.
import os from "node:os";
import { z } from "zod";
import type { App } from "../../app.ts";
import type { CustomerSelector } from "../../core/privacy.ts";
import { safeText } from "../../ingest/safe-text.ts";
import type { ErasureCounts } from "../../services/privacy-service.ts";
import type { AuditActor } from "../../store/audit.ts";
import { countOf } from "../../core/plural.ts";
import { parseCommandArgs } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

const customerArgs = (verb: string, lang: Lang) => {
  const da = lang === "da";
  return z.object({
    positionals: z.array(z.email(da ? `${verb} tager kundens e-mailadresse` : `${verb} takes the customer's e-mail address`)).max(1, da ? `${verb} tager én e-mailadresse` : `${verb} takes one e-mail address`),
    account: safeText(z.string().trim().min(1, da ? "skal nævne en konto" : "must name an account")).optional(),
    "dry-run": z.boolean().default(false),
  }).refine((a) => (a.positionals.length === 1) !== (a.account !== undefined), da ? `${verb} skal have en e-mailadresse eller --account NAVN (én af dem)` : `${verb} needs an e-mail address or --account NAME (one of them)`);
};

const options = { account: { type: "string" }, "dry-run": { type: "boolean" } } as const;

/** The CLI's operator, as the audit trail names them. */
const operator = (): AuditActor => ({ platform: "cli", userId: os.userInfo().username, name: null });

function selectorOf(args: { positionals: string[]; account?: string | undefined }): CustomerSelector {
  return args.account !== undefined ? { account: args.account } : { email: args.positionals[0]! };
}

function describe(c: ErasureCounts, lang: Lang): string {
  const [deleted, cancelled] = lang === "da" ? ["slettet", "annulleret"] : ["deleted", "cancelled"];
  return [countOf(c.answers, "answer", lang), countOf(c.cases, "case", lang), countOf(c.stories, "story", lang),
    `${countOf(c.messagesDeleted, "chatMessage", lang)} ${deleted}`, `${countOf(c.messagesCancelled, "waitingMessage", lang)} ${cancelled}`].join(", ");
}

export const forgetCommand: CliCommand = {
  name: "forget",
  needs: "app",
  synopsis: { da: "E-MAIL [--dry-run]\n--account NAVN [--dry-run]", en: "EMAIL [--dry-run]\n--account NAME [--dry-run]" },
  summary: { da: "slet en kundes personoplysninger og chatbeskederne om kunden", en: "erase a customer's personal data and the chat messages about them" },
  details: { da: "  --dry-run  vis kun, hvad der ville blive slettet\n  se docs/privacy.md", en: "  --dry-run  only show what would be erased\n  see docs/privacy.md" },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const args = parseCommandArgs(argv, options, customerArgs("forget", lang), usageOf(forgetCommand, lang), lang);
    const dryRun = args["dry-run"];
    const counts = await app.privacy.forget(selectorOf(args), operator(), { dryRun, now });
    const what = describe(counts, lang);
    out(lang === "da" ? `${dryRun ? "ville slette" : "slettet"}: ${what}\n` : `${dryRun ? "would erase" : "erased"}: ${what}\n`);
    if (!dryRun && counts.messagesDeleted > 0) await deliver(app, lang, out);
  },
};

export const exportCommand: CliCommand = {
  name: "export",
  needs: "app",
  synopsis: { da: "E-MAIL\n--account NAVN", en: "EMAIL\n--account NAME" },
  summary: { da: "alt, hvad der er gemt om en kunde, som JSON (indsigtsanmodning)", en: "everything stored about a customer, as JSON (access request)" },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const args = parseCommandArgs(argv, { account: options.account }, customerArgs("export", lang), usageOf(exportCommand, lang), lang);
    const document = await app.privacy.export(selectorOf(args), operator(), now);
    out(`${JSON.stringify(document, null, 2)}\n`);
  },
};

export const retentionCommand: CliCommand = {
  name: "retention",
  needs: "app",
  synopsis: { da: "[--dry-run]", en: "[--dry-run]" },
  summary: { da: "gør data ældre end RETENTION_DAYS anonyme nu (sker også dagligt)", en: "make data older than RETENTION_DAYS anonymous now (also daily)" },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const da = lang === "da";
    const schema = z.object({ positionals: z.array(z.string()).max(0, da ? "retention tager ingen argumenter" : "retention takes no arguments"), "dry-run": z.boolean().default(false) });
    const args = parseCommandArgs(argv, { "dry-run": options["dry-run"] }, schema, usageOf(retentionCommand, lang), lang);
    const dryRun = args["dry-run"];
    const days = app.config.RETENTION_DAYS;
    const counts = await app.privacy.retention(now, operator(), dryRun);
    const done = da ? (dryRun ? "ville blive anonymt" : "gjort anonymt") : dryRun ? "would make anonymous" : "made anonymous";
    out(da ? `ældre end ${days} dage (RETENTION_DAYS), ${done}: ${describe(counts, lang)}\n` : `older than ${days} days (RETENTION_DAYS), ${done}: ${describe(counts, lang)}\n`);
    if (dryRun) return;
    const pruned = await app.privacy.prune(now);
    const p = app.config.PRUNE_AFTER_DAYS;
    out(da
      ? `ældre end ${p} dage (PRUNE_AFTER_DAYS): ${countOf(pruned.handledDeliveries, "handledDelivery", lang)}, ${countOf(pruned.jobRuns, "jobRun", lang)} slettet, ${countOf(pruned.payloads, "messagePayload", lang)} tømt\n`
      : `older than ${p} days (PRUNE_AFTER_DAYS): ${countOf(pruned.handledDeliveries, "handledDelivery", lang)}, ${countOf(pruned.jobRuns, "jobRun", lang)} deleted, ${countOf(pruned.payloads, "messagePayload", lang)} emptied\n`);
    if (counts.messagesDeleted > 0) await deliver(app, lang, out);
  },
};

/** The deletions are queued; with a face configured they go out now (else the running bot sends them). */
async function deliver(app: App, lang: Lang, out: (s: string) => void): Promise<void> {
  const sent = await app.deliverNow();
  if (lang === "da") out(sent === null ? "den kørende bot sletter chatbeskederne inden for sekunder\n" : `udbakkebeskeder håndteret nu: ${sent}\n`);
  else out(sent === null ? "the running bot deletes the chat messages within seconds\n" : `outbox messages handled now: ${sent}\n`);
}
