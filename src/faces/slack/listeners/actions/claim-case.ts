// "Jeg tager den / I'll take it" (case.claim): CaseService.claim decides; on success the alert is
// shown again where it was clicked ("Taget af …"), a refusal only the clicker sees.
import type { ListenerDeps } from "../deps.ts";
import { alertPlaceOf, showInPlace, tellPrivately } from "../places.ts";
import type { SlackUsers } from "../users.ts";
import { caseAction } from "./case-click.ts";

export const CLAIM_ACTION = "case.claim";

export function claimCase(deps: ListenerDeps, users: SlackUsers) {
  return caseAction(CLAIM_ACTION, deps, users, async (click) => {
    const actor = await users.actor(click.answering.client, click.userId, click.userName);
    const result = await deps.cases.claim(click.caseId, actor, deps.now(), click.lang, alertPlaceOf(click.place));
    if (result.ok) await showInPlace(click.place, result.alert, click.answering);
    else await tellPrivately(click.place, result.explanation, click.answering);
  });
}
