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
import { parseCommandArgs } from "../args.ts";

const FORGET_USAGE = "usage: kundepuls forget EMAIL [--dry-run] | kundepuls forget --account NAME [--dry-run]";
const EXPORT_USAGE = "usage: kundepuls export EMAIL | kundepuls export --account NAME";
const RETENTION_USAGE = "usage: kundepuls retention [--dry-run]";

const customerArgs = (verb: string) => z.object({
  positionals: z.array(z.email(`${verb} takes the customer's e-mail address`)).max(1, `${verb} takes one e-mail address`),
  account: safeText(z.string().trim().min(1, "must name an account")).optional(),
  "dry-run": z.boolean().default(false),
}).refine((a) => (a.positionals.length === 1) !== (a.account !== undefined), `${verb} needs an e-mail address or --account NAME (one of them)`);

const options = { account: { type: "string" }, "dry-run": { type: "boolean" } } as const;

/** The CLI's operator, as the audit trail names them. */
const operator = (): AuditActor => ({ platform: "cli", userId: os.userInfo().username, name: null });

function selectorOf(args: { positionals: string[]; account?: string | undefined }): CustomerSelector {
  return args.account !== undefined ? { account: args.account } : { email: args.positionals[0]! };
}

function describe(c: ErasureCounts): string {
  return `${c.answers} answer(s), ${c.cases} case(s), ${c.stories} story(ies), ${c.messagesDeleted} chat message(s) deleted, ${c.messagesCancelled} waiting message(s) cancelled`;
}

export async function forgetCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const args = parseCommandArgs(argv, options, customerArgs("forget"), FORGET_USAGE);
  const dryRun = args["dry-run"];
  const counts = await app.privacy.forget(selectorOf(args), operator(), { dryRun, now });
  out(dryRun ? `would erase: ${describe(counts)}\n` : `erased: ${describe(counts)}\n`);
  if (!dryRun && counts.messagesDeleted > 0) await deliver(app, out);
}

export async function exportCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const args = parseCommandArgs(argv, { account: options.account }, customerArgs("export"), EXPORT_USAGE);
  const document = await app.privacy.export(selectorOf(args), operator(), now);
  out(`${JSON.stringify(document, null, 2)}\n`);
}

export async function retentionCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const schema = z.object({ positionals: z.array(z.string()).max(0, "retention takes no arguments"), "dry-run": z.boolean().default(false) });
  const args = parseCommandArgs(argv, { "dry-run": options["dry-run"] }, schema, RETENTION_USAGE);
  const dryRun = args["dry-run"];
  const days = app.config.RETENTION_DAYS;
  const counts = await app.privacy.retention(now, operator(), dryRun);
  out(`older than ${days} days (RETENTION_DAYS): ${dryRun ? "would make anonymous" : "made anonymous"}: ${describe(counts)}\n`);
  if (dryRun) return;
  const pruned = await app.privacy.prune(now);
  out(`older than ${app.config.PRUNE_AFTER_DAYS} days (PRUNE_AFTER_DAYS): ${pruned.handledDeliveries} handled delivery(ies), ${pruned.jobRuns} job run(s) deleted, ${pruned.payloads} message payload(s) emptied\n`);
  if (counts.messagesDeleted > 0) await deliver(app, out);
}

/** The deletions are queued; with a face configured they go out now (else the running bot sends them). */
async function deliver(app: App, out: (s: string) => void): Promise<void> {
  const sent = await app.deliverNow();
  out(sent === null ? "the running bot deletes the chat messages within seconds\n" : `outbox messages handled now: ${sent}\n`);
}
