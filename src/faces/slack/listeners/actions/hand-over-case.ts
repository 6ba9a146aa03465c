// "Giv videre / Hand over" (case.handOver, a users_select; the case id travels in its block_id):
// the chosen person is looked up (users.info) and CaseService.handOver decides. The new owner
// gets the alert in private through the outbox; the alert here is shown again in place.
import type { ListenerDeps } from "../deps.ts";
import { alertPlaceOf, showInPlace, tellPrivately } from "../places.ts";
import type { SlackUsers } from "../users.ts";
import { caseAction } from "./case-click.ts";

export const HAND_OVER_ACTION = "case.handOver";

export function handOverCase(deps: ListenerDeps, users: SlackUsers) {
  return caseAction(HAND_OVER_ACTION, deps, users, async (click) => {
    const chosen = click.action.selected_user;
    if (!chosen) return; // the picker was cleared: nothing to do
    const client = click.answering.client;
    const [actor, to] = await Promise.all([users.actor(client, click.userId, click.userName), users.actor(client, chosen)]);
    const result = await deps.cases.handOver(click.caseId, actor, to, deps.now(), click.lang, alertPlaceOf(click.place));
    if (result.ok) await showInPlace(click.place, result.alert, click.answering);
    else await tellPrivately(click.place, result.explanation, click.answering);
  });
}
