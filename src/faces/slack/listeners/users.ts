// Who clicked: the Slack user as an Actor for the services, with the real name and e-mail from
// users.info (scope users:read.email), so a Slack user is matched to a Kundepuls person by
// e-mail. Answers are kept for some minutes per process; if Slack does not answer (quickly),
// the work goes on without e-mail — a person is still found by their Slack user id.
import type { Logger } from "../../../logger.ts";
import type { Actor } from "../../../services/people.ts";
import type { ListenerClient } from "./client.ts";
import { withTimeout } from "./timing.ts";

const MAX_ENTRIES = 5_000;

export class SlackUsers {
  private readonly cache = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly log: Logger,
    private readonly ttlMs = 10 * 60_000,
    private readonly timeoutMs = 1_500,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `fallbackName` (the Slack handle from the payload) is used when users.info gives no name. */
  async actor(client: Pick<ListenerClient, "users">, userId: string, fallbackName?: string | null): Promise<Actor> {
    const hit = this.cache.get(userId);
    if (hit && hit.until > this.clock()) return hit.actor;
    try {
      const { user } = await withTimeout(client.users.info({ user: userId }), this.timeoutMs, "users.info");
      const p = user?.profile ?? {};
      const name = p.real_name || user?.real_name || p.display_name || fallbackName || null;
      const actor: Actor = { platform: "slack", userId, name, email: p.email || null };
      this.cache.delete(userId);
      this.cache.set(userId, { actor, until: this.clock() + this.ttlMs });
      if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      return actor;
    } catch (error) {
      this.log.warn(`slack: users.info for ${userId} failed; going on without e-mail`, error instanceof Error ? error.message : error);
      return { platform: "slack", userId, name: fallbackName ?? null, email: null };
    }
  }
}
