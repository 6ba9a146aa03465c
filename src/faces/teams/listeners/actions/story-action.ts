// The story form submitted (Action.Execute "story.submit" with the inputs in its data): checked at
// the edge, then StoryService.submit. Stored → the form card becomes the thank-you for everyone
// (so nobody sends it twice); missing fields or a refusal ("too short") → the form again, only
// for the person who sent it, with what they wrote and why it was not taken.
import { readStory } from "../../../../messages/form-reading.ts";
import { storyForm } from "../../../../messages/forms.ts";
import type { Message } from "../../../../messages/model.ts";
import { describeProblems, formCard, readCardForm } from "../../forms.ts";
import { storyTeams, type StoryDeps } from "../commands/story.ts";
import type { CardActionHandler } from "./card-action.ts";

export const STORY_SUBMIT = "story.submit";

const textOf = (message: Message) => message.blocks.flatMap((b) => (b.type === "text" ? [b.text] : [])).join(" ") || message.summary;

export function submitStory(deps: StoryDeps): CardActionHandler {
  return async (action, ctx) => {
    // the same form as was shown: the team menu's choice must be one of the teams offered
    const form = storyForm(action.lang, "", await storyTeams(deps));
    const read = readCardForm(readStory, form, action.data, action.lang);
    if (!read.ok) return { kind: "private", card: formCard(form, action.lang, { problem: describeProblems(form, read.problems, action.lang), values: read.entered }) };
    const by = await ctx.actor(action.userId, action.userName);
    const result = await deps.stories.submit({ ...read.values, by }, ctx.now, action.lang);
    if (result.ok) return { kind: "updated", message: result.message };
    const values = Object.fromEntries(Object.entries(read.values).filter((e): e is [string, string] => e[1] !== null));
    return { kind: "private", card: formCard(form, action.lang, { problem: textOf(result.message), values }) };
  };
}
