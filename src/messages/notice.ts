// A one-line answer: a refusal, a confirmation, an explanation.
import type { Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

export function buildNotice(lang: Lang, text: string): Message {
  return { kind: "notice", lang, summary: text, blocks: [{ type: "text", text }] };
}
