// Who someone is in Teams, for the services: an Actor with their Entra object id, and their name
// and e-mail when the roster tells them (TeamsInfo.getMember: the chat's or the team's members),
// so a Teams user is matched to a Kundepuls person by e-mail. Answers are kept for some minutes
// per process; when Teams does not answer (quickly) — a person picked in a chat they are not in,
// the Emulator — the work goes on with the id and the name the activity carried.
import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Logger } from "../../logger.ts";
import type { Actor } from "../../services/people.ts";
import type { ActorLookup } from "./listeners/actions/card-action.ts";
import { LIMITS } from "./limits.ts";
import { withTimeout } from "./timing.ts";

const MAX_ENTRIES = 5_000;

interface Member {
  name?: string;
  email?: string;
}

export class TeamsMembers {
  private readonly cache = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly log: Logger,
    private readonly ttlMs: number = 10 * 60_000,
    private readonly timeoutMs: number = LIMITS.rosterLookupMs,
    private readonly clock: () => number = Date.now,
    /** the roster call; TeamsInfo.getMember unless a test gives another */
    private readonly getMember: (context: TurnContext, userId: string) => Promise<Member> = (context, userId) => TeamsInfo.getMember(context, userId),
  ) {}

  /** The lookup for one turn: asks the roster of the conversation (or team) the turn came from. */
  lookup(context: TurnContext): ActorLookup {
    return (userId, fallbackName) => this.actor(context, userId, fallbackName ?? null);
  }

  private async actor(context: TurnContext, userId: string, fallbackName: string | null): Promise<Actor> {
    const hit = this.cache.get(userId);
    if (hit && hit.until > this.clock()) return hit.actor;
    try {
      const member = await withTimeout(this.getMember(context, userId), this.timeoutMs, "roster look-up");
      // the id stays the one asked for: it is what the conversation store keeps for the person's chat
      const actor: Actor = { platform: "teams", userId, name: member.name || fallbackName, email: member.email || null };
      this.cache.delete(userId);
      this.cache.set(userId, { actor, until: this.clock() + this.ttlMs });
      if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      return actor;
    } catch (error) {
      this.log.debug(`teams: no roster entry for ${userId} (${error instanceof Error ? error.message : String(error)}); going on without e-mail`);
      return { platform: "teams", userId, name: fallbackName, email: null };
    }
  }
}
