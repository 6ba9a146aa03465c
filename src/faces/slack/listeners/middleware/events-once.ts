// Slack re-sends an event it believes failed (X-Slack-Retry-Num; retry_attempt in Socket Mode),
// and several replicas may receive the same event. The first to record its event_id in
// HandledDelivery handles it; the others skip it. Used as listener middleware in front of the
// event listeners that must act once (index.ts); app_home_opened is not among them (publishing
// the Home tab twice does no harm, a row per visit would).
import type { ListenerDeps } from "../deps.ts";

export interface EventMiddlewareArgs {
  body: unknown;
  context: { retryNum?: number };
  next: () => Promise<void>;
}

export function eventKey(body: unknown): string | null {
  const id = (body as { type?: unknown; event_id?: unknown } | null)?.event_id;
  return typeof id === "string" && id.length > 0 ? `slack:event:${id}` : null;
}

export function handleEventsOnce(deps: Pick<ListenerDeps, "deliveries" | "log">) {
  return async ({ body, context, next }: EventMiddlewareArgs): Promise<void> => {
    const key = eventKey(body);
    if (!key) return next(); // commands and interactions are answered by a person's request
    if (!(await deps.deliveries.firstTime(key))) {
      deps.log.info(`slack: ${key} was already handled${context.retryNum ? ` (Slack retry ${context.retryNum})` : ""}; skipped`);
      return;
    }
    await next();
  };
}
