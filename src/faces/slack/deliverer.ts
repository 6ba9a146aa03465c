// Delivers one outbox message to one Slack channel or user (chat.postMessage). The worker that
// calls it decides about retries, so every failure is classified: retryable or permanent.
// Every message carries its outbox key in message metadata, so after a crash between "posted"
// and "recorded as posted" findDelivered can look it up in the conversation's history instead of
// posting it a second time (scopes channels:history, groups:history, im:history; im:write to
// find the DM of a user id).
import { webApi } from "@slack/bolt";
import {
  PermanentDeliveryError,
  RetryableDeliveryError,
  type Deliverer,
  type Deletion,
  type Delivery,
  type DeliveryResult,
} from "../../services/outbox/deliverer.ts";
import type { PauseScope } from "../../core/delivery-schedule.ts";
import { retryAfterMs } from "../../core/retry-after.ts";
import { renderMessage } from "./blocks.ts";

/** Platform errors Slack itself calls transient; everything else in `ok:false` will fail again. */
const TRANSIENT = new Set(["ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"]);

/**
 * Turns a failed Web API call into the error the outbox worker understands. `rateScope` is what a
 * 429 pauses: chat.postMessage is limited per channel; the lookups (conversations.history,
 * .replies, .open) are workspace-wide Tier 3 methods, so their 429 pauses the whole workspace.
 */
export function classifySlackError(error: unknown, rateScope: PauseScope = "channel"): RetryableDeliveryError | PermanentDeliveryError {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new RetryableDeliveryError(`slack rate limit, retry after ${error.retryAfter}s`, retryAfterMs(error.retryAfter), false, rateScope);
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    return TRANSIENT.has(code) ? new RetryableDeliveryError(`slack: ${code}`) : new PermanentDeliveryError(`slack: ${code}`);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const retryAfter = retryAfterMs(error.headers["retry-after"]);
    // A 429 that the client did not read as a rate limit says nothing of a channel: the workspace waits.
    if (error.statusCode === 429) return new RetryableDeliveryError(`slack HTTP 429`, retryAfter, false, "workspace");
    if (error.statusCode >= 500 || error.statusCode === 408) return new RetryableDeliveryError(`slack HTTP ${error.statusCode}`, retryAfter);
    return new PermanentDeliveryError(`slack HTTP ${error.statusCode}`);
  }
  // Network errors, timeouts: try again later.
  const message = error instanceof Error ? error.message : String(error);
  // The request may have reached Slack before the connection failed: the outbox checks first.
  return new RetryableDeliveryError(`slack request failed: ${message}`, undefined, true);
}

/** What SlackDeliverer needs of a WebClient (the real one, configured with createWebClient(…, true)). */
export interface ChatPoster {
  chat: Pick<webApi.WebClient["chat"], "postMessage" | "delete">;
  conversations: Pick<webApi.WebClient["conversations"], "history" | "replies" | "open">;
}

/** message metadata `event_type` of every message Kundepuls posts from the outbox */
export const OUTBOX_EVENT_TYPE = "kundepuls_outbox";
/** Slack's clock and ours may differ: the history is searched from this long before `since` */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** at most this many history pages (newest first) are read for one lookup */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;

/** U… / W… ids are people: chat.postMessage posts to the bot's DM with them, whose id starts with D. */
const isUserId = (target: string) => /^[UW][A-Z0-9]+$/.test(target);

/** Slack's `oldest`/`latest` are "seconds.microseconds" strings. */
export const slackTs = (at: Date) => (Math.max(0, at.getTime()) / 1000).toFixed(6);

interface HistoryPage {
  messages?: { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

export class SlackDeliverer implements Deliverer {
  readonly platform = "slack" as const;

  constructor(private readonly client: ChatPoster) {}

  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    if (delivery.platform !== "slack") throw new PermanentDeliveryError(`SlackDeliverer cannot deliver to ${delivery.platform}`);
    const { text, blocks } = renderMessage(delivery.message);
    const args = {
      channel: delivery.target,
      text,
      blocks,
      // Links to a customer's site in a comment should not unfold into a preview.
      unfurl_links: false,
      unfurl_media: false,
      ...(delivery.threadOf ? { thread_ts: delivery.threadOf } : {}),
      ...(delivery.key ? { metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: delivery.key } } } : {}),
    };
    let result: { ts?: string };
    try {
      // @slack/types does not know data_visualization yet; the shape is checked in blocks.ts.
      result = await this.client.chat.postMessage(args as unknown as webApi.ChatPostMessageArguments);
    } catch (error) {
      throw classifySlackError(error);
    }
    return { remoteId: result.ts ?? null };
  }

  /** chat.delete of a message the bot posted (in a DM: found through conversations.open). */
  async delete(deletion: Deletion): Promise<void> {
    try {
      await this.client.chat.delete({ channel: await this.conversationOf(deletion.target), ts: deletion.remoteId });
    } catch (error) {
      // Deleted already (by a person, or an earlier attempt that died before recording it).
      if (error instanceof webApi.WebAPIPlatformError && error.data.error === "message_not_found") return;
      if (error instanceof PermanentDeliveryError) throw error;
      throw classifySlackError(error);
    }
  }

  /**
   * Whether the message with this outbox key is already in its conversation (posted by an
   * attempt that died before recording it): the history since `since` (less CLOCK_SKEW_MS),
   * newest first, with all message metadata; replies are searched in their thread. Returns the
   * message's ts, or null when it is not there. Failures are classified as in deliver().
   */
  async findDelivered(delivery: Delivery & { key: string }, since: Date): Promise<DeliveryResult | null> {
    if (delivery.platform !== "slack") throw new PermanentDeliveryError(`SlackDeliverer cannot look up ${delivery.platform} messages`);
    try {
      const channel = await this.conversationOf(delivery.target);
      const oldest = slackTs(new Date(since.getTime() - CLOCK_SKEW_MS));
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const common = { channel, oldest, include_all_metadata: true, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
        // A reply is only in its thread (conversations.replies), not in the channel's history.
        const result: HistoryPage = delivery.threadOf
          ? await this.client.conversations.replies({ ...common, ts: delivery.threadOf })
          : await this.client.conversations.history(common);
        const found = result.messages?.find(
          (m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && m.metadata.event_payload?.key === delivery.key,
        );
        if (found?.ts) return { remoteId: found.ts };
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!result.has_more || !cursor) return null;
      }
      return null;
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw error;
      throw classifySlackError(error, "workspace");
    }
  }

  /** A channel id as it is; a user id becomes the id of the bot's DM with them (conversations.open). */
  private async conversationOf(target: string): Promise<string> {
    if (!isUserId(target)) return target;
    const opened = await this.client.conversations.open({ users: target });
    const id = opened.channel?.id;
    if (!id) throw new PermanentDeliveryError(`slack: conversations.open returned no channel for ${target}`);
    return id;
  }
}
