// "Vis kontakt / Show contact" (case.contact): the customer's contact details, for the owner, the
// team lead and admins only (CaseService.contactFor decides) — always answered privately.
import type { ListenerDeps } from "../deps.ts";
import { tellPrivately } from "../places.ts";
import type { SlackUsers } from "../users.ts";
import { caseAction } from "./case-click.ts";

export const CONTACT_ACTION = "case.contact";

export function showContact(deps: ListenerDeps, users: SlackUsers) {
  return caseAction(CONTACT_ACTION, deps, users, async (click) => {
    const actor = await users.actor(click.answering.client, click.userId, click.userName);
    await tellPrivately(click.place, await deps.cases.contactFor(click.caseId, actor, deps.now(), click.lang), click.answering);
  });
}
