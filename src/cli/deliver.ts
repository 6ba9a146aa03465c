// The tail of a CLI command that queued chat messages (digest, weekly, report): with a face
// configured here they go out now (else the running bot sends them), and any of the command's
// kind that ended dead-lettered is pointed out.
import type { App } from "../app.ts";
import { countOf } from "../core/plural.ts";
import type { Texts } from "../core/language.ts";
import type { CliIo } from "./command.ts";

export async function deliverQueued(app: App, { lang, out }: CliIo, failed?: { kind: string; texts: Texts }): Promise<void> {
  const sent = await app.deliverNow();
  if (sent !== null) out(`${lang === "da" ? "leveret" : "delivered"}: ${countOf(sent, "message", lang)}\n`);
  if (!failed) return;
  const dead = await app.outbox.list({ state: "dead" });
  if (dead.some((d) => d.kind === failed.kind)) out(failed.texts[lang]);
}
