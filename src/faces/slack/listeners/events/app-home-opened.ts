// The person opened the app's Home tab: publish their overview (HomeService). The Messages tab
// (tab "messages") needs nothing. Not behind handleEventsOnce: publishing twice does no harm,
// and a row per visit in HandledDelivery would.
import type { ListenerClient } from "../client.ts";
import type { ListenerDeps } from "../deps.ts";
import { publishHome } from "../home-tab.ts";
import type { SlackUsers } from "../users.ts";

export const APP_HOME_OPENED = "app_home_opened";

export interface AppHomeOpenedArgs {
  event: { user: string; tab?: string };
  client: Pick<ListenerClient, "users" | "views">;
}

export function appHomeOpened(deps: ListenerDeps, users: SlackUsers) {
  return async ({ event, client }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== "home") return;
    try {
      await publishHome(deps, users, client, event.user);
    } catch (error) {
      deps.log.error(`slack: could not publish the Home tab of ${event.user}`, error);
    }
  };
}
