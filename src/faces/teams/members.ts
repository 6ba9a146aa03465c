// Who someone is in Teams, for the services: an Actor with their Entra object id, and their name
// and e-mail when the roster tells them (TeamsInfo.getMember: the chat's or the team's members).
// The caching, the time limit and what happens when Teams does not answer — a person picked in a
// chat they are not in, the Emulator — are the services' ActorCache, shared with the Slack face.
import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Logger } from "../../logger.ts";
import { ActorCache } from "../../services/actor-cache.ts";
import type { ActorLookup } from "./listeners/actions/card-action.ts";
import { LIMITS } from "./limits.ts";

interface Member {
  name?: string;
  email?: string;
}

export class TeamsMembers {
  private readonly cache: ActorCache;

  constructor(
    log: Logger,
    ttlMs: number = 10 * 60_000,
    timeoutMs: number = LIMITS.rosterLookupMs,
    clock: () => number = Date.now,
    /** the roster call; TeamsInfo.getMember unless a test gives another */
    private readonly getMember: (context: TurnContext, userId: string) => Promise<Member> = (context, userId) => TeamsInfo.getMember(context, userId),
  ) {
    this.cache = new ActorCache("teams", {
      ttlMs,
      timeoutMs,
      clock,
      onLookupFailed: (userId, error) =>
        log.debug(`teams: no roster entry for ${userId} (${error instanceof Error ? error.message : String(error)}); going on without e-mail`),
    });
  }

  /**
   * The lookup for one turn: asks the roster of the conversation (or team) the turn came from.
   * The id stays the one asked for: it is what the conversation store keeps for the person's chat.
   */
  lookup(context: TurnContext): ActorLookup {
    return (userId, fallbackName) => this.cache.actor(userId, fallbackName, (id) => this.getMember(context, id));
  }
}
