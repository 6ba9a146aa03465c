// Replies to "/nps connect <team> [digest|stories|alerts]" and "/nps disconnect …".
import type { ChannelPurpose } from "../core/nps-command.ts";
import type { Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

/** What "/nps connect|disconnect" did (services/binding-service.ts): the reply says it. */
export type BindResult =
  | { ok: true; team: { slug: string; name: string }; purposes: ChannelPurpose[]; changed: number }
  | { ok: false; reason: "unknownTeam"; teams: string[] };

const PURPOSE = {
  da: { digest: "daglig opsummering", stories: "kundehistorier", alerts: "alarmer om utilfredse kunder" },
  en: { digest: "daily digest", stories: "customer stories", alerts: "detractor alerts" },
} as const;

function list(purposes: ChannelPurpose[], lang: Lang): string {
  const names = purposes.map((p) => PURPOSE[lang][p]);
  const and = lang === "da" ? " og " : " and ";
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")}${and}${names[names.length - 1]}`;
}

export function buildBindingReply(kind: "connect" | "disconnect", result: BindResult, lang: Lang): Message {
  let text: string;
  if (!result.ok) {
    const teams = result.teams.join(", ") || "–";
    text = lang === "da" ? `Det team kender jeg ikke. Teams: ${teams}.` : `I do not know that team. Teams: ${teams}.`;
  } else if (kind === "connect") {
    text =
      lang === "da"
        ? `Denne kanal får nu ${list(result.purposes, lang)} for ${result.team.name}.`
        : `This channel now gets the ${list(result.purposes, lang)} for ${result.team.name}.`;
  } else {
    text =
      lang === "da"
        ? `Denne kanal får ikke længere ${list(result.purposes, lang)} for ${result.team.name}.`
        : `This channel no longer gets the ${list(result.purposes, lang)} for ${result.team.name}.`;
  }
  return { kind: "bindingReply", lang, summary: text, blocks: [{ type: "text", text }] };
}
