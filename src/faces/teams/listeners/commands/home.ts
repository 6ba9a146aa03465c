// "overblik" / "home": the person's overview (HomeService: my open cases, my team's goal, this
// month's NPS) as a card — in the personal chat only, as it lists the person's own cases. Also
// the welcome when the app is installed personally. Its claim and resolve buttons are the
// alert's (listeners/actions/case-actions.ts), and redraw this card when clicked.
import type { Lang } from "../../../../core/language.ts";
import type { HomeService } from "../../../../services/home-service.ts";
import type { ConversationKind } from "../../activity.ts";
import { cardActivity, type CardMessageActivity } from "../../cards.ts";
import { teamsNotice } from "../../texts.ts";
import type { Who } from "./message.ts";

export interface HomeDeps {
  home: Pick<HomeService, "forActor">;
}

export async function answerHome(lang: Lang, kind: ConversationKind, deps: HomeDeps, who: Who, now: Date): Promise<CardMessageActivity> {
  if (kind !== "personal") return cardActivity(teamsNotice("homeInPersonalChat", lang));
  return cardActivity(await deps.home.forActor(await who(), now, lang));
}

/** The Teams client's language ("da-DK", "en-GB") if it is one we write, else the default. */
export function localeLang(locale: string | undefined, fallback: Lang): Lang {
  const prefix = locale?.slice(0, 2).toLowerCase();
  return prefix === "da" || prefix === "en" ? prefix : fallback;
}
