// The story modal submitted (callback_id "story.submit"): fields checked at the edge, then
// StoryService.submit (it redacts contact details and stores the story). A refusal ("too short")
// stays in the modal under the story field; a stored story closes it, and the person gets a
// private thank-you where they started (ephemeral), or in the app's Messages tab.
import { readStory } from "../../../../messages/form-reading.ts";
import { storyForm } from "../../../../messages/forms.ts";
import type { Message } from "../../../../messages/model.ts";
import { renderMessage } from "../../blocks.ts";
import { apologyMessage, staleButtonMessage } from "../../texts.ts";
import type { ListenerClient } from "../client.ts";
import type { ListenerDeps } from "../deps.ts";
import { decodeMetadata, storyMetadata } from "../metadata.ts";
import { settleWithin } from "../timing.ts";
import type { SlackUsers } from "../users.ts";
import { readModal, submittedView } from "./form-values.ts";
import { noticeView } from "./modal-answers.ts";
import type { ViewSubmissionArgs } from "./resolve-case.ts";
import { STORY_VIEW, storyTeams } from "./story-modal.ts";

export function storySubmission(deps: ListenerDeps, users: SlackUsers) {
  return async ({ ack, body, client }: ViewSubmissionArgs): Promise<void> => {
    const parsed = submittedView.safeParse(body);
    const meta = parsed.success ? decodeMetadata(storyMetadata, parsed.data.view.private_metadata) : null;
    if (!parsed.success || !meta) {
      deps.log.warn(`slack: ${STORY_VIEW} submission we cannot read; answered with "no longer works"`);
      await ack({ response_action: "update", view: noticeView(staleButtonMessage(deps.defaultLang), "Kundepuls") });
      return;
    }
    const { user, view } = parsed.data;
    // The same form as was shown (the team menu checks the chosen team is one of those offered).
    const form = storyForm(meta.lang, "", await storyTeams(deps));
    const read = readModal(readStory, form, view.state.values, meta.lang);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    const work = (async () => {
      const by = await users.actor(client, user.id, user.name ?? user.username ?? null);
      return deps.stories.submit({ ...read.values, by }, deps.now(), meta.lang);
    })();
    let early;
    try {
      early = await settleWithin(work, deps.ackWindowMs ?? 2_500);
    } catch (error) {
      deps.log.error(`slack: storing the story of ${user.id} failed`, error);
      await ack({ response_action: "update", view: noticeView(apologyMessage(meta.lang), form.title) });
      return;
    }
    if (early.settled && !early.value.ok) {
      await ack({ response_action: "errors", errors: { text: early.value.message.summary } });
      return;
    }
    await ack();
    try {
      const result = early.settled ? early.value : await work;
      await confirm(client, deps, user.id, meta.channel, result.message);
    } catch (error) {
      deps.log.error(`slack: storing the story of ${user.id} failed after the modal closed`, error);
      await confirm(client, deps, user.id, null, apologyMessage(meta.lang));
    }
  };
}

/** Ephemeral in the channel where the person started; if that fails (the bot is not there), a DM. */
async function confirm(client: ListenerClient, deps: ListenerDeps, userId: string, channel: string | null, message: Message): Promise<void> {
  const { text, blocks } = renderMessage(message);
  if (channel) {
    try {
      await client.chat.postEphemeral({ channel, user: userId, text, blocks });
      return;
    } catch (error) {
      deps.log.info(`slack: no ephemeral confirmation in ${channel} (${error instanceof Error ? error.message : String(error)}); sending it as a DM`);
    }
  }
  try {
    await client.chat.postMessage({ channel: userId, text, blocks });
  } catch (error) {
    deps.log.error(`slack: could not confirm the story to ${userId}`, error);
  }
}
