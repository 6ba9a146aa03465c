// Proactive posts (digests, alerts, stories) into Teams conversations for the outbox worker:
// the stored ConversationReference of `target` → adapter.continueConversationAsync → the card.
// Failures are sorted for the worker: throttling, 5xx and network errors can be retried (with
// Retry-After when the connector gives one); any other 4xx cannot (bot removed, chat gone).
import type { CloudAdapter, ConversationReference, TurnContext } from "botbuilder";
import type { PauseScope } from "../../core/delivery-schedule.ts";
import { retryAfterMs } from "../../core/retry-after.ts";
import type { Logger } from "../../logger.ts";
import { PermanentDeliveryError, RetryableDeliveryError, type Deletion, type Deliverer, type Delivery, type DeliveryResult } from "../../services/outbox/deliverer.ts";
import { cardActivity } from "./cards.ts";
import type { TeamsConversations } from "./conversations.ts";

/** A reply in a channel thread goes to "<channel id>;messageid=<id of the thread's first message>". */
export function threadConversationId(channelId: string, threadOf: string): string {
  return `${channelId};messageid=${threadOf}`;
}

interface ConnectorError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/**
 * A connector failure (RestError from @azure/core-rest-pipeline, or a network error) → what the
 * worker should do. A 429 on the post itself pauses that conversation (Teams throttles per bot
 * and conversation); one before the turn (token, connector) has no conversation: `rateScope`.
 */
export function classifyDeliveryError(error: unknown, target: string, rateScope: PauseScope = "channel"): RetryableDeliveryError | PermanentDeliveryError {
  const e = (error ?? {}) as ConnectorError;
  const status = e.statusCode;
  const detail = e.message ?? String(error);
  if (status === 429 || (status !== undefined && status >= 500)) {
    const wait = retryAfterMs(e.response?.headers?.get?.("retry-after"));
    return new RetryableDeliveryError(`Teams connector answered ${status} for ${target}: ${detail}`, wait, false, status === 429 ? rateScope : undefined);
  }
  if (status !== undefined && status >= 400) return new PermanentDeliveryError(`Teams connector refused the post to ${target} (${status}): ${detail}`);
  return new RetryableDeliveryError(`Teams connector not reached for ${target}: ${e.code ? `${e.code} ` : ""}${detail}`);
}

/**
 * The SDK's HTTP pipeline retries 429/5xx itself (three times, waiting out Retry-After). For the
 * outbox that only holds the worker's lock longer: the worker owns retries and their timing. The
 * pipeline is a private field of the connector client, so if it moves in an SDK update the SDK
 * simply keeps retrying (slower, still correct); a test notices.
 */
function withoutSdkRetries(adapter: CloudAdapter, context: TurnContext): void {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy({ name: "defaultRetryPolicy" });
}

export class TeamsDeliverer implements Deliverer {
  readonly platform = "teams" as const;
  /** Teams cannot be asked whether a post arrived (docs/delivery.md): an interrupted one is held, not re-posted. */
  readonly holdWhenInDoubt = true;

  constructor(
    private readonly adapter: CloudAdapter,
    /** MICROSOFT_APP_ID; "" in local mode (no credentials) */
    private readonly appId: string,
    private readonly conversations: TeamsConversations,
    private readonly log: Logger,
  ) {}

  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    let sentId: string | null = null;
    await this.inConversation(delivery.target, delivery.threadOf, async (context) => {
      // a new message, not a reply to the continuation event botbuilder invents
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const activity of activities) delete activity.replyToId;
        return next();
      });
      sentId = (await context.sendActivity(cardActivity(delivery.message)))?.id ?? null;
    });
    return { remoteId: sentId };
  }

  /** deleteActivity in the conversation (the thread) the message was posted to; gone already is fine. */
  async delete(deletion: Deletion): Promise<void> {
    try {
      await this.inConversation(deletion.target, deletion.threadOf, (context) => context.deleteActivity(deletion.remoteId));
    } catch (error) {
      if (error instanceof PermanentDeliveryError && / \(404\)/.test(error.message)) return;
      throw error;
    }
  }

  /** Runs `work` in a turn of the stored conversation `target` (a channel thread when `threadOf`);
   * every failure, before or in the turn, is classified for the worker. */
  private async inConversation(target: string, threadOf: string | null | undefined, work: (context: TurnContext) => Promise<unknown>): Promise<void> {
    const stored = await this.conversations.find(target);
    if (!stored) throw new PermanentDeliveryError(`no Teams conversation ${target}: the app is not installed there, or was removed`);
    let reference: Partial<ConversationReference> = stored.reference;
    if (threadOf && stored.kind === "channel") {
      reference = { ...reference, conversation: { ...reference.conversation!, id: threadConversationId(stored.conversationId, threadOf) } };
    } else if (threadOf) {
      this.log.debug(`teams: ${stored.kind} conversations have no threads; using ${stored.conversationId} directly`);
    }
    let failure: unknown;
    let rateScope: PauseScope = "workspace"; // until the turn runs, a failure is not the conversation's
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        withoutSdkRetries(this.adapter, context);
        rateScope = "channel";
        try {
          await work(context);
        } catch (error) {
          failure = error; // caught here: the adapter's onTurnError would swallow it
        }
      });
    } catch (error) {
      failure = error; // before the turn: token or connector creation
    }
    if (failure !== undefined) throw classifyDeliveryError(failure, target, rateScope);
  }
}
