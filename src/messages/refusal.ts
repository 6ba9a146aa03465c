// A refused action, told privately to the asker: who may do it, in their language.
import type { MayDo, PolicyAction } from "../core/permissions.ts";
import type { Message } from "./model.ts";
import type { Lang, Texts } from "../core/language.ts";
import { buildNotice } from "./notice.ts";

/** What the action is, as the end of "Only … can …". */
const DOING: Record<PolicyAction, Texts> = {
  "goal.set": { da: "sætte mål", en: "set goals" },
  "channel.connect": { da: "forbinde kanaler", en: "connect channels" },
  "channel.disconnect": { da: "afbryde kanaler", en: "disconnect channels" },
  "cases.list": { da: "se sagerne med kundeoplysninger", en: "see the cases with customer details" },
  "case.claim": { da: "tage sagen", en: "take this case" },
  "case.handOver": { da: "give sagen videre", en: "hand this case over" },
  "case.resolve": { da: "løse sagen", en: "resolve this case" },
  "case.contact": { da: "se kundens kontaktoplysninger", en: "see the customer's contact details" },
  "nps.view": { da: "se teamets NPS", en: "see the team's NPS" },
  "report.view": { da: "se rapporten med alle teams", en: "see the report with every team" },
};

function who(mayDo: MayDo, team: string | null, lang: Lang): string {
  const da = lang === "da";
  const lead = team ? (da ? `teamlederen for ${team}` : `the team lead of ${team}`) : da ? "teamlederen" : "the team lead";
  switch (mayDo) {
    case "leadOrAdmin":
      return da ? `teamlederen for ${team ?? "teamet"} eller en administrator` : `the team lead of ${team ?? "the team"} or an admin`;
    case "ownerLeadOrAdmin":
      return da ? `den ansvarlige, ${lead} eller en administrator` : `the owner, ${lead} or an admin`;
    case "memberLeadOrAdmin":
      return da ? `medlemmer af ${team ?? "teamet"}, teamlederen eller en administrator` : `members of ${team ?? "the team"}, the team lead or an admin`;
    case "adminOnly":
      return da ? "en administrator" : "an admin";
    case "members":
      return da ? `medlemmer af ${team ?? "teamet"}` : `members of ${team ?? "the team"}`;
  }
}

/** "Kun teamlederen for Support eller en administrator kan sætte mål." */
export function refusalText(action: PolicyAction, mayDo: MayDo, team: string | null, lang: Lang): string {
  return `${lang === "da" ? "Kun" : "Only"} ${who(mayDo, team, lang)} ${lang === "da" ? "kan" : "can"} ${DOING[action][lang]}.`;
}

export function buildRefusal(action: PolicyAction, mayDo: MayDo, team: string | null, lang: Lang): Message {
  return buildNotice(lang, refusalText(action, mayDo, team, lang));
}
