// Who clicked: the Slack user as an Actor for the services, with the real name and e-mail from
// users.info (scope users:read.email). The caching, the time limit and what happens when Slack
// does not answer are the services' ActorCache, shared with the Teams face.
import type { Logger } from "../../../logger.ts";
import { ActorCache } from "../../../services/actor-cache.ts";
import type { Actor } from "../../../services/people.ts";
import type { ListenerClient } from "./client.ts";

export class SlackUsers {
  private readonly cache: ActorCache;

  constructor(log: Logger, ttlMs = 10 * 60_000, timeoutMs = 1_500, clock: () => number = Date.now) {
    this.cache = new ActorCache("slack", {
      ttlMs,
      timeoutMs,
      clock,
      onLookupFailed: (userId, error) => log.warn(`slack: users.info for ${userId} failed; going on without e-mail`, error instanceof Error ? error.message : error),
    });
  }

  /** `fallbackName` (the Slack handle from the payload) is used when users.info gives no name. */
  actor(client: Pick<ListenerClient, "users">, userId: string, fallbackName?: string | null): Promise<Actor> {
    return this.cache.actor(userId, fallbackName, async (user) => {
      const { user: found } = await client.users.info({ user });
      const p = found?.profile ?? {};
      return { name: p.real_name || found?.real_name || p.display_name || null, email: p.email || null };
    });
  }
}
