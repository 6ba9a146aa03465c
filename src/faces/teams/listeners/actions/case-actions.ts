// The detractor alert's buttons (src/messages/alert.ts) and the home card's: claim, resolve (the
// form on the card), hand over (the people picker), show contact. CaseService decides every
// rule; these translate the click into its call and its result into a Teams answer.
import { parseCaseId } from "../../../../core/case-id.ts";
import { readResolveCase } from "../../../../messages/form-reading.ts";
import type { Lang } from "../../../../messages/model.ts";
import type { AlertPlace, CaseActionResult, CaseService } from "../../../../services/case-service.ts";
import type { HomeService } from "../../../../services/home-service.ts";
import type { Actor } from "../../../../services/people.ts";
import { renderCard } from "../../cards.ts";
import { describeProblems, formCard, inlineForm, readCardForm } from "../../forms.ts";
import { caseLabel, teamsNotice } from "../../texts.ts";
import type { ActionContext, CardAction, CardActionHandler, CardActionResult } from "./card-action.ts";

export const CLAIM = "case.claim";
export const RESOLVE = "case.resolve";
export const HAND_OVER = "case.handOver";
export const CONTACT = "case.contact";

export interface CaseActionDeps {
  cases: Pick<CaseService, "claim" | "resolve" | "handOver" | "contactFor">;
  home: Pick<HomeService, "forActor">;
}

const caseIdOf = (action: CardAction): number | null => parseCaseId(action.value);

/** A personal chat is private to the clicker: the owner's copy there keeps the contact line. */
const placeOf = (action: CardAction): AlertPlace => (action.conversationKind === "personal" ? "private" : "shared");

const stale = (lang: Lang): CardActionResult => ({ kind: "notice", message: teamsNotice("staleButton", lang) });

/**
 * A service result → the answer: refused → a line to the clicker only; done → the card again for
 * everyone (the alert; on the home card, the person's home card drawn afresh).
 */
async function shown(result: CaseActionResult, action: CardAction, actor: Actor, ctx: ActionContext, deps: CaseActionDeps): Promise<CardActionResult> {
  if (!result.ok) return { kind: "notice", message: result.explanation };
  if (action.card === "home") return { kind: "updated", message: await deps.home.forActor(actor, ctx.now, action.lang) };
  return { kind: "updated", message: result.alert, note: result.note };
}

export function claimCase(deps: CaseActionDeps): CardActionHandler {
  return async (action, ctx) => {
    const id = caseIdOf(action);
    if (id === null) return stale(action.lang);
    const actor = await ctx.actor(action.userId, action.userName);
    return shown(await deps.cases.claim(id, actor, ctx.now, action.lang, placeOf(action)), action, actor, ctx, deps);
  };
}

/** The resolve form's inputs arrive with the click; anything missing → the form again, marked. */
export function resolveCase(deps: CaseActionDeps): CardActionHandler {
  return async (action, ctx) => {
    const form = inlineForm(RESOLVE, action.value, action.lang);
    if (!form) return stale(action.lang);
    const input = readCardForm(readResolveCase, form, action.data, action.lang);
    if (!input.ok) {
      const problem = describeProblems(form, input.problems, action.lang);
      return { kind: "private", card: formCard(form, action.lang, { intro: caseLabel(action.value, action.lang), problem, values: input.entered, card: action.card }) };
    }
    const actor = await ctx.actor(action.userId, action.userName);
    return shown(await deps.cases.resolve(Number(action.value), actor, input.values, ctx.now, action.lang, placeOf(action)), action, actor, ctx, deps);
  };
}

/** The picker's value is the chosen person's Entra object id. */
export function handOverCase(deps: CaseActionDeps): CardActionHandler {
  return async (action, ctx) => {
    const id = caseIdOf(action);
    if (id === null) return stale(action.lang);
    if (!action.user) return { kind: "notice", message: teamsNotice("pickPerson", action.lang) };
    const [actor, to] = await Promise.all([ctx.actor(action.userId, action.userName), ctx.actor(action.user)]);
    return shown(await deps.cases.handOver(id, actor, to, ctx.now, action.lang, placeOf(action)), action, actor, ctx, deps);
  };
}

/** Contact details only to the clicker: the alert with them, in place of theirs alone; or why not. */
export function showContact(deps: CaseActionDeps): CardActionHandler {
  return async (action, ctx) => {
    const id = caseIdOf(action);
    if (id === null) return stale(action.lang);
    const message = await deps.cases.contactFor(id, await ctx.actor(action.userId, action.userName), ctx.now, action.lang);
    return message.kind === "alert" ? { kind: "private", card: renderCard(message) } : { kind: "notice", message };
  };
}

export function caseActions(deps: CaseActionDeps): [string, CardActionHandler][] {
  return [
    [CLAIM, claimCase(deps)],
    [RESOLVE, resolveCase(deps)],
    [HAND_OVER, handOverCase(deps)],
    [CONTACT, showContact(deps)],
  ];
}
