// Which queued messages may be sent now. The rules, in one place and without a database:
// - per channel (platform + target: a Slack channel, a Teams conversation, a DM target) messages
//   leave in the order they were queued (outbox id): only a channel's oldest message in line may
//   go, and while it waits for a retry or is being sent by any replica, the rest of the channel waits;
// - a message scheduled for later (a story spread over the day) is not in line until it is due,
//   so it holds up nobody; once attempted, it is in line until it is sent or dead-lettered;
// - a rate limit pauses a whole channel, or a whole platform/workspace, until it is over.

export interface QueuedMessage {
  id: number;
  platform: string;
  target: string;
  /** attempts made (a claim counts one) */
  attempts: number;
  nextAttemptAt: Date;
  /** a replica's lease on the message; live while later than now */
  lockedUntil: Date | null;
}

export interface DeliveryPause {
  scope: string;
  until: Date;
}

/** What a rate limit applies to: the channel the call was for, or everything on the platform. */
export type PauseScope = "channel" | "workspace";

/** Pause key of one channel. */
export const channelScope = (platform: string, target: string): string => `${platform}:${target}`;
/** Pause key of a whole platform (one Slack workspace / one Teams bot per installation). */
export const workspaceScope = (platform: string): string => platform;

export function pauseKey(scope: PauseScope, platform: string, target: string): string {
  return scope === "channel" ? channelScope(platform, target) : workspaceScope(platform);
}

/** In line: due now, or already attempted (then it keeps its place until sent or dead). */
export function inLine(m: QueuedMessage, now: Date): boolean {
  return m.attempts > 0 || m.nextAttemptAt.getTime() <= now.getTime();
}

/**
 * The messages that may be claimed now, oldest first, at most `limit`: each channel's oldest
 * message in line, if it is due, not leased, and neither its channel nor its platform is paused.
 * `queue` must hold every pending message that could be a channel's head (e.g. exactly the heads).
 */
export function sendableNow<M extends QueuedMessage>(queue: readonly M[], pauses: readonly DeliveryPause[], now: Date, limit: number): M[] {
  const at = now.getTime();
  const paused = new Set(pauses.filter((p) => p.until.getTime() > at).map((p) => p.scope));
  const headSeen = new Set<string>();
  const chosen: M[] = [];
  for (const m of [...queue].sort((a, b) => a.id - b.id)) {
    if (chosen.length >= limit) break;
    if (!inLine(m, now)) continue;
    const channel = channelScope(m.platform, m.target);
    if (headSeen.has(channel)) continue; // not the oldest of its channel
    headSeen.add(channel);
    if (paused.has(channel) || paused.has(workspaceScope(m.platform))) continue;
    if (m.nextAttemptAt.getTime() > at) continue; // waiting for its retry: the channel waits with it
    if (m.lockedUntil && m.lockedUntil.getTime() >= at) continue; // being sent (by any replica)
    chosen.push(m);
  }
  return chosen;
}
