// The Teams face as the composition root sees it: POST /api/messages on the shared HTTP server
// and a Deliverer for the outbox. The Bot Framework SDK (botbuilder) is loaded on the first
// activity or delivery, and only inside src/faces/teams, so moving to the Microsoft 365 Agents
// SDK later touches this folder alone.
import type { Logger } from "../../logger.ts";
import type { Lang } from "../../messages/model.ts";
import type { HttpServer } from "../../server/http-server.ts";
import type { BindingService } from "../../services/binding-service.ts";
import type { CaseService } from "../../services/case-service.ts";
import type { ChatCommandService } from "../../services/chat-commands.ts";
import type { HomeService } from "../../services/home-service.ts";
import type { StoryService } from "../../services/story-service.ts";
import type { RoleAdmin } from "../../services/role-admin.ts";
import type { Deliverer } from "../../services/outbox/deliverer.ts";
import type { Db } from "../../store/database.ts";
import type { CardActionHandlers } from "./listeners/actions/card-action.ts";
import type { TeamsRuntime } from "./runtime.ts";
import type { TeamsSettings } from "./settings.ts";

export { teamsSettings, type TeamsSettings } from "./settings.ts";
export type { CardActionHandler, CardActionHandlers, CardActionResult } from "./listeners/actions/card-action.ts";

export interface TeamsDeps {
  prisma: Db;
  commands: ChatCommandService;
  bindings: BindingService;
  /** the alert's and home card's buttons: claim, resolve, hand over, show contact */
  cases: Pick<CaseService, "claim" | "resolve" | "handOver" | "contactFor">;
  /** kundehistorie / story and the story form (its team menu too) */
  stories: Pick<StoryService, "submit" | "teamChoices">;
  /** overblik / home, and the welcome on a personal install */
  home: Pick<HomeService, "forActor">;
  /** a linked Teams team's roster becomes the members of its Kundepuls team(s), once a day */
  roles: Pick<RoleAdmin, "syncTeamsRosterDaily">;
  defaultLang: Lang;
  log: Logger;
  /** more card button handlers by action id, besides the ones the services above bring */
  actions?: CardActionHandlers;
}

export interface TeamsFace {
  settings: TeamsSettings;
  deliverer: Deliverer;
}

export const MESSAGES_PATH = "/api/messages";

/** Adds POST /api/messages to the server; null settings (Teams off) adds nothing. */
export function mountTeamsFace(server: HttpServer, settings: TeamsSettings | null, deps: TeamsDeps): TeamsFace | null {
  if (!settings) return null;
  let runtime: Promise<TeamsRuntime> | undefined;
  const load = () =>
    (runtime ??= import("./runtime.ts")
      .then((m) => m.createTeamsRuntime(settings, deps))
      .catch((error: unknown) => {
        runtime = undefined; // try again next time rather than failing forever
        throw error;
      }));
  server.route("POST", MESSAGES_PATH, async (req, res) => (await load()).handle(req, res));
  return {
    settings,
    deliverer: {
      platform: "teams",
      deliver: async (delivery) => (await load()).deliverer.deliver(delivery),
      delete: async (deletion) => (await load()).deliverer.delete(deletion),
    },
  };
}
