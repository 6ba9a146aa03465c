// The Slack face: a Bolt app that translates Slack ↔ the services. Socket Mode when
// SLACK_APP_TOKEN is set; otherwise Slack posts commands, interactions and events to
// POST /slack/events on Kundepuls' own HTTP server, checked by Bolt's HTTPReceiver
// (HMAC v0 signature with SLACK_SIGNING_SECRET, requests older than 5 minutes refused).
import { App, HTTPReceiver } from "@slack/bolt";
import { ConfigError } from "../../config.ts";
import type { Logger } from "../../logger.ts";
import type { Lang } from "../../core/language.ts";
import { sendJson, type HttpServer } from "../../server/http-server.ts";
import type { SlackSettings } from "./config.ts";
import { SlackDeliverer } from "./deliverer.ts";
import type { ListenerDeps } from "./listeners/deps.ts";
import { registerListeners } from "./listeners/index.ts";
import { boltLogger, createWebClient, slackErrorCode, webClientOptions } from "./web-client.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackFace {
  settings: SlackSettings;
  bolt: App;
  /** for the outbox worker: chat.postMessage without retries of its own */
  deliverer: SlackDeliverer;
  /** checks the bot token once (auth.test, learns the bot's user id); requests wait for it */
  ready(): Promise<void>;
  /** ready(), and in Socket Mode opens the connection to Slack */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackFaceDeps extends Omit<ListenerDeps, "now" | "defaultLang"> {
  defaultLang: Lang;
  server: HttpServer;
  now?: () => Date;
}

/** A token Slack refuses is a configuration mistake (one line, exit 2); anything else is not. */
function describeStartError(error: unknown, variable: "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN"): Error {
  const code = slackErrorCode(error);
  if (code && ["invalid_auth", "not_authed", "account_inactive", "token_revoked", "not_allowed_token_type", "team_disabled"].includes(code)) {
    return new ConfigError(`Configuration error: ${variable} was refused by Slack (${code})`);
  }
  return new Error(`cannot reach Slack to check ${variable}: ${error instanceof Error ? error.message : String(error)}`);
}

export function createSlackFace(settings: SlackSettings, deps: SlackFaceDeps): SlackFace {
  const log: Logger = deps.log;
  const logger = boltLogger(log);
  // deferInitialization: constructing the face talks to nobody (the CLI's nps/import commands
  // build the app too); auth.test runs in ready().
  const common = { token: settings.botToken, logger, clientOptions: webClientOptions(settings, log), deferInitialization: true };
  let receiver: HTTPReceiver | null = null;
  let bolt: App;
  if (settings.mode === "socket") {
    bolt = new App({ ...common, appToken: settings.appToken!, socketMode: true });
  } else {
    receiver = new HTTPReceiver({ signingSecret: settings.signingSecret!, endpoints: SLACK_EVENTS_PATH, logger });
    bolt = new App({ ...common, receiver });
  }
  registerListeners(bolt, { ...deps, now: deps.now ?? (() => new Date()) });
  bolt.error(async (error) => log.error("slack: a listener failed", error.original ?? error));

  let initializing: Promise<void> | null = null;
  const ready = () =>
    (initializing ??= bolt.init().catch((error: unknown) => {
      initializing = null; // the next request tries again
      throw describeStartError(error, "SLACK_BOT_TOKEN");
    }));

  if (receiver) {
    const listener = receiver.requestListener;
    deps.server.route("POST", SLACK_EVENTS_PATH, async (req, res) => {
      try {
        await ready();
      } catch (error) {
        log.error("slack: cannot answer Slack before the bot token is checked", error);
        sendJson(res, 503, { error: "slack face not ready" });
        return;
      }
      listener(req, res); // Bolt reads, verifies and answers the request itself
    });
  }

  let started = false;
  return {
    settings,
    bolt,
    deliverer: new SlackDeliverer(createWebClient(settings, log, true)),
    ready,
    async start() {
      await ready();
      if (settings.mode === "socket" && !started) {
        await bolt.start().catch((error: unknown) => {
          throw describeStartError(error, "SLACK_APP_TOKEN");
        });
        started = true;
      }
    },
    async stop() {
      if (started) await bolt.stop();
      started = false;
    },
  };
}
