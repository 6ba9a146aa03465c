// The Teams face with botbuilder loaded: adapter, turn handler, card actions, HTTP route,
// deliverer. Built on first use by index.ts, so commands that never talk to Teams do not load the SDK.
import type { Handler } from "../../server/http-server.ts";
import { botAppId, createAdapter } from "./adapter.ts";
import { createTurnErrorHandler, createTurnHandler } from "./bot.ts";
import { TeamsConversationStore } from "./conversations.ts";
import { TeamsDeliverer } from "./deliverer.ts";
import { createMessagesRoute } from "./http.ts";
import type { TeamsDeps } from "./index.ts";
import type { CardActionHandler, CardActionHandlers } from "./listeners/actions/card-action.ts";
import { caseActions } from "./listeners/actions/case-actions.ts";
import { STORY_SUBMIT, submitStory } from "./listeners/actions/story-action.ts";
import { TeamsMembers } from "./members.ts";
import type { TeamsSettings } from "./settings.ts";

export interface TeamsRuntime {
  handle: Handler;
  deliverer: TeamsDeliverer;
}

/** Every card button by action id: the alert's and home card's, the story form's, and any extra ones. */
export function cardActions(deps: TeamsDeps): CardActionHandlers {
  return new Map<string, CardActionHandler>([
    ...caseActions({ cases: deps.cases, home: deps.home }),
    [STORY_SUBMIT, submitStory({ stories: deps.stories })],
    ...(deps.actions ?? new Map()),
  ]);
}

export function createTeamsRuntime(settings: TeamsSettings, deps: TeamsDeps): TeamsRuntime {
  const adapter = createAdapter(settings);
  adapter.onTurnError = createTurnErrorHandler(deps.log, deps.defaultLang);
  const conversations = new TeamsConversationStore(deps.prisma);
  const turn = createTurnHandler({
    commands: deps.commands,
    bindings: deps.bindings,
    stories: deps.stories,
    home: deps.home,
    conversations,
    actions: cardActions(deps),
    members: new TeamsMembers(deps.log),
    roles: deps.roles,
    defaultLang: deps.defaultLang,
    log: deps.log,
  });
  return {
    handle: createMessagesRoute({ adapter, turn, access: settings.mode === "local" ? "loopback" : "token", log: deps.log }),
    deliverer: new TeamsDeliverer(adapter, botAppId(settings), conversations, deps.log),
  };
}
