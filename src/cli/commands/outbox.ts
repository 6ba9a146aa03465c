// kundepuls outbox [--failed] [--retry] — what is waiting, and what could not be delivered.
import { z } from "zod";
import type { App } from "../../app.ts";
import { parseCommandArgs } from "../args.ts";

const USAGE = "usage: kundepuls outbox [--failed] [--retry]";
const schema = z.object({
  positionals: z.array(z.string()).max(0, "outbox takes no arguments"),
  failed: z.boolean().default(false),
  retry: z.boolean().default(false),
});

export async function outboxCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const args = parseCommandArgs(argv, { failed: { type: "boolean" }, retry: { type: "boolean" } }, schema, USAGE);
  if (args.retry) {
    const count = await app.outbox.retryDead(now);
    out(`${count} dead-lettered message(s) queued again; the running bot sends them within seconds.\n`);
    if (count > 0) {
      const sent = await app.deliverNow();
      if (sent !== null) out(`delivered now: ${sent}\n`);
    }
    return;
  }
  if (!args.failed) {
    // Rate limits hold whole channels or platforms: say so, or the waiting messages look stuck.
    for (const p of await app.outbox.pauses(now)) out(`paused until ${p.until.toISOString()}  ${p.scope}  (${p.reason})\n`);
  }
  const rows = await app.outbox.list(args.failed ? { state: "dead" } : { state: "pending" });
  if (rows.length === 0) {
    out(args.failed ? "no failed messages\n" : "nothing waiting to be sent\n");
    return;
  }
  for (const r of rows) {
    out(`#${r.id}  ${r.state.padEnd(7)} ${r.platform}:${r.target}  ${r.kind}  attempts ${r.attempts}  ${r.createdAt.toISOString()}  ${r.key}${r.lastError ? `\n      ${r.lastError}` : ""}\n`);
  }
}
