// What the outbox worker needs from a face: deliver one message to one target. Faces throw
// RetryableDeliveryError (rate limits, 5xx, network) or PermanentDeliveryError (4xx: wrong
// channel, bot not in channel) so the worker knows whether to try again.
import type { PauseScope } from "../../core/delivery-schedule.ts";
import type { Platform } from "../../core/platform.ts";
import type { Message } from "../../messages/model.ts";

export type { Platform };

export interface Delivery {
  /** the outbox key: unique per message; a face may attach it (Slack message metadata) */
  key?: string;
  platform: Platform;
  /** Slack: channel or user id; Teams: conversation id of a stored reference; console: a label */
  target: string;
  message: Message;
  /** post as a reply in this thread (Slack ts / Teams activity id) */
  threadOf?: string | null;
}

export interface DeliveryResult {
  /** the platform's id of the posted message (Slack ts, Teams activity id), for updates and threads */
  remoteId: string | null;
}

export interface Deliverer {
  readonly platform: Platform;
  deliver(delivery: Delivery): Promise<DeliveryResult>;
  /**
   * After a crash between "sent" and "recorded as sent", the next worker asks whether the
   * message with this key already arrived (Slack: message metadata in the channel history),
   * so it is not posted twice. Faces that cannot tell leave it out: then it is sent again.
   */
  findDelivered?(delivery: Delivery & { key: string }, since: Date): Promise<DeliveryResult | null>;
  /**
   * For faces without findDelivered: true when an attempt that died mid-call must not be sent
   * again blindly (it is dead-lettered as "fate unknown" for a person to check) — a second post
   * would be worse than a held one. Unset: it is sent again.
   */
  readonly holdWhenInDoubt?: boolean;
  /** Deletes a message sent earlier (a forgotten customer, retention). A message that is already
   * gone counts as deleted. Failures are classified as in deliver(). A face without it cannot
   * delete: such a deletion is dead-lettered (visible in `kundepuls outbox --failed`). */
  delete?(deletion: Deletion): Promise<void>;
}

/** A message sent earlier, to be deleted: where it went, and the platform's id of it. */
export interface Deletion {
  platform: Platform;
  target: string;
  /** the platform id of the message (Slack ts, Teams activity id) */
  remoteId: string;
  /** it was a reply in this thread */
  threadOf?: string | null;
}

export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    /** the request may have reached the platform (timeout, connection lost): check before re-sending */
    readonly maybeDelivered = false,
    /** a rate limit: nothing more goes to this channel (or the whole platform) until retryAfterMs is over */
    readonly pause?: PauseScope,
  ) {
    super(message);
  }
}

export class PermanentDeliveryError extends Error {}
