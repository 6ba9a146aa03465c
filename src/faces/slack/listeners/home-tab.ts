// The App Home tab: the person's open cases, their team's goal and this month's NPS
// (HomeService), published with views.publish — when the tab is opened and after a case
// button on it was used.
import { renderHomeView } from "../blocks.ts";
import type { ListenerClient } from "./client.ts";
import type { ListenerDeps } from "./deps.ts";
import type { SlackUsers } from "./users.ts";

export async function publishHome(deps: ListenerDeps, users: SlackUsers, client: Pick<ListenerClient, "users" | "views">, userId: string): Promise<void> {
  const actor = await users.actor(client, userId);
  const message = await deps.home.forActor(actor, deps.now(), deps.defaultLang);
  await client.views.publish({ user_id: userId, view: renderHomeView(message) });
}
