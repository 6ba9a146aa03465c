// "Løst / Resolved" (case.resolve): opens the resolve modal (views.open with the click's
// trigger_id, which is valid for 3 seconds — so nothing slow runs before it). Its
// private_metadata carries the case id, the language and where the alert is, so the submission
// (views/resolve-case.ts) can update it in place.
import { resolveCaseForm } from "../../../../messages/forms.ts";
import { renderFormModal } from "../../blocks.ts";
import { caseIntroMessage, MODAL_TEXT } from "../../texts.ts";
import type { ListenerDeps } from "../deps.ts";
import { encodeMetadata } from "../metadata.ts";
import type { SlackUsers } from "../users.ts";
import { caseAction } from "./case-click.ts";

export const RESOLVE_ACTION = "case.resolve";

export function openResolveModal(deps: ListenerDeps, users: SlackUsers) {
  return caseAction(RESOLVE_ACTION, deps, users, async (click) => {
    const view = renderFormModal(resolveCaseForm(click.caseId, click.lang), {
      close: MODAL_TEXT[click.lang].cancel,
      privateMetadata: encodeMetadata({ caseId: click.caseId, lang: click.lang, place: click.place }),
      intro: caseIntroMessage(click.caseId, click.lang),
    });
    await click.answering.client.views.open({ trigger_id: click.body.trigger_id, view });
  });
}
