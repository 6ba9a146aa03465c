// The Slack Web API client and the Bolt logger, configured the same way wherever we talk to Slack.
import { LogLevel, webApi, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../logger.ts";
import type { SlackSettings } from "./config.ts";

/** Bolt and @slack/web-api log through ours (stderr, LOG_LEVEL), prefixed "slack:". */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: (...m: unknown[]) => log.debug(`slack: ${text(m)}`),
    info: (...m: unknown[]) => log.info(`slack: ${text(m)}`),
    warn: (...m: unknown[]) => log.warn(`slack: ${text(m)}`),
    error: (...m: unknown[]) => log.error(`slack: ${text(m)}`),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * Options for a WebClient. `forDelivery`: no retries of its own and 429 rejected at once, so the
 * outbox worker decides when to try again; otherwise one quick retry (listeners answer people).
 */
export function webClientOptions(settings: SlackSettings, log: Logger, forDelivery = false): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    logger: boltLogger(log),
    timeout: 10_000,
    rejectRateLimitedCalls: forDelivery,
    retryConfig: forDelivery ? { retries: 0 } : { retries: 1, minTimeout: 500, maxTimeout: 1_000 },
  };
}

export function createWebClient(settings: SlackSettings, log: Logger, forDelivery = false): webApi.WebClient {
  return new webApi.WebClient(settings.botToken, webClientOptions(settings, log, forDelivery));
}

/** The Slack error code of a failed Web API call ("channel_not_found"), or null. */
export function slackErrorCode(error: unknown): string | null {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  return null;
}
