// What the Slack listeners need from the rest of Kundepuls: services, never rules of their own.
import type { Logger } from "../../../logger.ts";
import type { Lang } from "../../../messages/model.ts";
import type { BindingService } from "../../../services/binding-service.ts";
import type { CaseService } from "../../../services/case-service.ts";
import type { ChatCommandService } from "../../../services/chat-commands.ts";
import type { HomeService } from "../../../services/home-service.ts";
import type { StoryService } from "../../../services/story-service.ts";
import type { Db } from "../../../store/database.ts";

export interface ListenerDeps {
  commands: Pick<ChatCommandService, "handle">;
  bindings: Pick<BindingService, "forChannel">;
  /** detractor alert buttons and the resolve modal */
  cases: Pick<CaseService, "claim" | "resolve" | "handOver" | "contactFor">;
  /** /kundehistorie and the share_story shortcut (the story modal's team menu too) */
  stories: Pick<StoryService, "submit" | "teamChoices">;
  /** the App Home tab */
  home: Pick<HomeService, "forActor">;
  /** handledDelivery: events handled once */
  prisma: Pick<Db, "handledDelivery">;
  /** the workspace language when the person's own cannot be told (DEFAULT_LANGUAGE) */
  defaultLang: Lang;
  log: Logger;
  now: () => Date;
  /**
   * A modal submission must be answered within 3 seconds. Work that takes longer than this
   * (default 2,500 ms) closes the modal first and answers the person privately afterwards.
   */
  ackWindowMs?: number;
  /** how long a users.info answer (name, e-mail) is reused; default 10 minutes */
  userCacheMs?: number;
}
