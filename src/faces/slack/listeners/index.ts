// Every Slack listener, one folder per kind (actions/, views/, commands/, shortcuts/, events/).
// Each is a small function of ListenerDeps, tested on its own.
import type { App, BlockAction, MessageShortcut, ViewSubmitAction } from "@slack/bolt";
import { actionIdPattern } from "../blocks.ts";
import { CLAIM_ACTION, claimCase } from "./actions/claim-case.ts";
import { HAND_OVER_ACTION, handOverCase } from "./actions/hand-over-case.ts";
import { openResolveModal, RESOLVE_ACTION } from "./actions/open-resolve.ts";
import { CONTACT_ACTION, showContact } from "./actions/show-contact.ts";
import type { ListenerClient } from "./client.ts";
import { storyCommand, STORY_COMMAND } from "./commands/kundehistorie.ts";
import { npsCommand, NPS_COMMAND } from "./commands/nps.ts";
import type { ListenerDeps } from "./deps.ts";
import { APP_HOME_OPENED, appHomeOpened } from "./events/app-home-opened.ts";
import { MEMBER_JOINED_CHANNEL, memberJoinedChannel } from "./events/member-joined-channel.ts";
import { handleEventsOnce } from "./middleware/events-once.ts";
import { SHARE_STORY_SHORTCUT, shareStoryShortcut } from "./shortcuts/share-story.ts";
import { SlackUsers } from "./users.ts";
import { resolveCaseSubmission, RESOLVE_VIEW } from "./views/resolve-case.ts";
import { STORY_VIEW } from "./views/story-modal.ts";
import { storySubmission } from "./views/submit-story.ts";

/** What the face answers; the manifest test checks manifests/slack declares exactly these. */
export const HANDLED = {
  commands: [NPS_COMMAND, STORY_COMMAND],
  shortcuts: [SHARE_STORY_SHORTCUT],
  events: [MEMBER_JOINED_CHANNEL, APP_HOME_OPENED],
  /** block_actions by action_id (repeats on one surface carry a ~n suffix, see actionIdPattern) */
  actions: [CLAIM_ACTION, RESOLVE_ACTION, HAND_OVER_ACTION, CONTACT_ACTION],
  /** view_submission by callback_id: the form ids of src/messages/forms.ts */
  views: [RESOLVE_VIEW, STORY_VIEW],
} as const;

export function registerListeners(app: App, deps: ListenerDeps): void {
  // Each event listener that must act once runs behind handleEventsOnce, so only events we act
  // on are recorded.
  const once = handleEventsOnce(deps);
  const users = new SlackUsers(deps.log, deps.userCacheMs);
  // Bolt's client is a WebClient; the listeners declare the few methods they call (client.ts).
  const withClient =
    <T extends { client: unknown }>(listener: (args: T) => Promise<void>) =>
    (args: Omit<T, "client"> & { client: unknown }) =>
      listener({ ...args, client: args.client as ListenerClient } as T);

  app.command(NPS_COMMAND, withClient(npsCommand(deps, users)));
  app.command(STORY_COMMAND, withClient(storyCommand(deps)));
  app.shortcut<MessageShortcut>(SHARE_STORY_SHORTCUT, withClient(shareStoryShortcut(deps)));
  app.event(MEMBER_JOINED_CHANNEL, once, memberJoinedChannel(deps));
  app.event(APP_HOME_OPENED, withClient(appHomeOpened(deps, users)));

  const action = (id: string) => ({ type: "block_actions" as const, action_id: actionIdPattern(id) });
  app.action<BlockAction>(action(CLAIM_ACTION), withClient(claimCase(deps, users)));
  app.action<BlockAction>(action(RESOLVE_ACTION), withClient(openResolveModal(deps, users)));
  app.action<BlockAction>(action(HAND_OVER_ACTION), withClient(handOverCase(deps, users)));
  app.action<BlockAction>(action(CONTACT_ACTION), withClient(showContact(deps, users)));

  app.view<ViewSubmitAction>({ type: "view_submission", callback_id: RESOLVE_VIEW }, withClient(resolveCaseSubmission(deps, users)));
  app.view<ViewSubmitAction>({ type: "view_submission", callback_id: STORY_VIEW }, withClient(storySubmission(deps, users)));
}
