// The story modal (storyForm: the story, a team menu, who said it), opened by /kundehistorie and
// by the message shortcut share_story with the trigger_id of that request.
import type { Lang } from "../../../../messages/model.ts";
import { storyForm } from "../../../../messages/forms.ts";
import { INPUT_LIMITS, renderFormModal } from "../../blocks.ts";
import { MODAL_TEXT } from "../../texts.ts";
import type { ListenerClient } from "../client.ts";
import type { ListenerDeps } from "../deps.ts";
import { encodeMetadata } from "../metadata.ts";

export const STORY_VIEW = "story.submit";

/** The teams a story can belong to, for the menu (Slack shows at most 100 options). */
export async function storyTeams(deps: Pick<ListenerDeps, "stories">): Promise<{ slug: string; name: string }[]> {
  return deps.stories.teamChoices(INPUT_LIMITS.options);
}

export async function openStoryModal(
  deps: ListenerDeps,
  client: Pick<ListenerClient, "views">,
  request: { triggerId: string; lang: Lang; initialText: string; channel: string | null },
): Promise<void> {
  const form = storyForm(request.lang, request.initialText, await storyTeams(deps));
  const view = renderFormModal(form, {
    close: MODAL_TEXT[request.lang].cancel,
    privateMetadata: encodeMetadata({ lang: request.lang, channel: request.channel }),
  });
  await client.views.open({ trigger_id: request.triggerId, view });
}
