// Who clicked, for the services: a chat platform's user id → an Actor with the name and e-mail the
// platform tells (Slack's users.info, the Teams roster), so the person is matched to a Kundepuls
// person by e-mail. Answers are kept for some minutes per process, at most so many people; when
// the platform does not answer (quickly), the work goes on with the id and the name the click
// carried — a person is still found by their platform user id. Each face brings only its lookup.
import { withTimeout } from "../core/timeout.ts";
import type { Actor } from "./people.ts";

/** Kept values expire `ttlMs` after they were set; past `maxEntries` the least recently used goes. */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (hit.until <= this.clock()) return undefined;
    this.entries.set(key, hit); // a Map keeps insertion order: the end is the most recently used
    return hit.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.clock() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What the platform says about a user; blank counts as not told. */
export interface PlatformPerson {
  name?: string | null;
  email?: string | null;
}

export interface ActorCacheOptions {
  /** how long an answer is reused; 10 minutes unless given */
  ttlMs?: number;
  /** how long the platform may take to answer */
  timeoutMs: number;
  maxEntries?: number;
  clock?: () => number;
  /** the lookup failed or was too slow: the face says so in its log */
  onLookupFailed: (userId: string, error: unknown) => void;
}

export class ActorCache {
  private readonly cache: ExpiringCache<Actor>;

  constructor(
    private readonly platform: "slack" | "teams",
    private readonly options: ActorCacheOptions,
  ) {
    this.cache = new ExpiringCache(options.ttlMs ?? 10 * 60_000, options.maxEntries ?? 5_000, options.clock);
  }

  /** `fallbackName` (the name the click carried) is used when the platform gives none. */
  async actor(userId: string, fallbackName: string | null | undefined, lookup: (userId: string) => Promise<PlatformPerson>): Promise<Actor> {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const { platform } = this;
    try {
      const person = await withTimeout(lookup(userId), this.options.timeoutMs, `${platform} user look-up`);
      const actor: Actor = { platform, userId, name: person.name || fallbackName || null, email: person.email || null };
      this.cache.set(userId, actor);
      return actor;
    } catch (error) {
      this.options.onLookupFailed(userId, error);
      return { platform, userId, name: fallbackName || null, email: null };
    }
  }
}
