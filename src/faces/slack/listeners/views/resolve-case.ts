// The resolve modal submitted (callback_id "case.resolve"): fields checked at the edge, then
// CaseService.resolve decides. Done → the modal closes, the alert is shown again where it was
// clicked and the outcome note goes into the alert's thread. Refused → the modal shows why.
// When the work outlasts Slack's 3 seconds the modal closes first and the answer comes privately.
import { readResolveCase } from "../../../../messages/form-reading.ts";
import { resolveCaseForm } from "../../../../messages/forms.ts";
import type { CaseActionResult } from "../../../../services/case-service.ts";
import { renderMessage } from "../../blocks.ts";
import { apologyMessage, staleButtonMessage } from "../../texts.ts";
import type { ListenerClient } from "../client.ts";
import type { ListenerDeps } from "../deps.ts";
import { decodeMetadata, resolveMetadata, type ResolveMetadata } from "../metadata.ts";
import { alertPlaceOf, showInPlace, tellPrivately, type Answering } from "../places.ts";
import { settleWithin } from "../timing.ts";
import type { SlackUsers } from "../users.ts";
import { readModal, submittedView } from "./form-values.ts";
import { noticeView, type ViewAck } from "./modal-answers.ts";

export const RESOLVE_VIEW = "case.resolve";

export interface ViewSubmissionArgs {
  ack: ViewAck;
  body: unknown;
  client: ListenerClient;
}

export function resolveCaseSubmission(deps: ListenerDeps, users: SlackUsers) {
  return async ({ ack, body, client }: ViewSubmissionArgs): Promise<void> => {
    const parsed = submittedView.safeParse(body);
    const meta = parsed.success ? decodeMetadata(resolveMetadata, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta) {
      deps.log.warn(`slack: ${RESOLVE_VIEW} submission we cannot read; answered with "no longer works"`);
      await ack({ response_action: "update", view: noticeView(staleButtonMessage(deps.defaultLang), "Kundepuls") });
      return;
    }
    const { user, view } = parsed.data;
    const form = resolveCaseForm(meta.caseId, meta.lang);
    const input = readModal(readResolveCase, form, view.state.values, meta.lang);
    if (!input.ok) {
      await ack({ response_action: "errors", errors: input.errors });
      return;
    }
    const answering: Answering = { client, userId: user.id, deps, users };
    const work = (async () => {
      const actor = await users.actor(client, user.id, user.name ?? user.username ?? null);
      // resolved from the owner's DM, the redrawn alert there keeps the contact line (the service decides)
      return deps.cases.resolve(meta.caseId, actor, input.values, deps.now(), meta.lang, alertPlaceOf(meta.place));
    })();
    let early;
    try {
      early = await settleWithin(work, deps.ackWindowMs ?? 2_500);
    } catch (error) {
      deps.log.error(`slack: resolving case #${meta.caseId} by ${user.id} failed`, error);
      await ack({ response_action: "update", view: noticeView(apologyMessage(meta.lang), form.title) });
      return;
    }
    if (early.settled && !early.value.ok) {
      await ack({ response_action: "update", view: noticeView(early.value.explanation, form.title) });
      return;
    }
    await ack(); // done (or still working): the modal closes
    let result: CaseActionResult;
    try {
      result = early.settled ? early.value : await work;
    } catch (error) {
      deps.log.error(`slack: resolving case #${meta.caseId} by ${user.id} failed after the modal closed`, error);
      await tellPrivately({ kind: "none" }, apologyMessage(meta.lang), answering);
      return;
    }
    if (!result.ok) await tellPrivately(meta.place, result.explanation, answering);
    else await afterResolve(meta, result, answering);
  };
}

/** The alert shown resolved where it was clicked; the outcome note in its thread. */
async function afterResolve(meta: ResolveMetadata, result: Extract<CaseActionResult, { ok: true }>, a: Answering): Promise<void> {
  await showInPlace(meta.place, result.alert, a);
  if (meta.place.kind !== "message" || !result.note) return;
  const { text, blocks } = renderMessage(result.note);
  try {
    await a.client.chat.postMessage({ channel: meta.place.channel, thread_ts: meta.place.ts, text, blocks, unfurl_links: false, unfurl_media: false });
  } catch (error) {
    a.deps.log.error(`slack: could not post the outcome of case #${meta.caseId} in its thread`, error);
  }
}
