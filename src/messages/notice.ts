// A one-line answer: a refusal, a confirmation, an explanation.
import type { Lang, Message } from "./model.ts";

export function buildNotice(lang: Lang, text: string): Message {
  return { kind: "notice", lang, summary: text, blocks: [{ type: "text", text }] };
}
