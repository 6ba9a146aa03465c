// "kundehistorie <tekst>" / "story <text>": the story goes straight to StoryService.submit (it
// redacts contact details and stores it) and the answer is its confirmation. The keyword alone
// answers with the story form (storyForm) on a card; its submit is listeners/actions/story-action.ts.
import { storyForm } from "../../../../messages/forms.ts";
import type { Lang } from "../../../../messages/model.ts";
import type { StoryService } from "../../../../services/story-service.ts";
import { cardActivity, cardJsonActivity, type CardMessageActivity } from "../../cards.ts";
import { formCard } from "../../forms.ts";
import { LIMITS } from "../../limits.ts";
import type { Who } from "./message.ts";

export interface StoryDeps {
  stories: Pick<StoryService, "submit" | "teamChoices">;
}

/** The teams a story can belong to, for the form's menu (as many as a ChoiceSet shows). */
export function storyTeams(deps: StoryDeps): Promise<{ slug: string; name: string }[]> {
  return deps.stories.teamChoices(LIMITS.choices);
}

export async function answerStory(command: { text: string; lang: Lang }, deps: StoryDeps, who: Who, now: Date): Promise<CardMessageActivity> {
  if (command.text === "") {
    const form = storyForm(command.lang, "", await storyTeams(deps));
    return cardJsonActivity(formCard(form, command.lang), form.title);
  }
  const result = await deps.stories.submit({ text: command.text, team: null, attribution: null, by: await who() }, now, command.lang);
  return cardActivity(result.message);
}
