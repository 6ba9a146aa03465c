// The Slack variables, checked together: each is valid on its own (src/config.ts) but they must
// also fit each other. A problem stops start-up with one line naming the variable (ConfigError).
import { z } from "zod";
import { ConfigError, type Config } from "../../config.ts";

export interface SlackSettings {
  botToken: string;
  /** socket: a WebSocket to Slack (SLACK_APP_TOKEN); http: Slack posts to /slack/events */
  mode: "socket" | "http";
  appToken: string | null;
  signingSecret: string | null;
  /** Web API base URL, always ending in "/" (tests, proxies); null = https://slack.com/api/ */
  apiUrl: string | null;
}

type SlackEnv = Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN" | "SLACK_SIGNING_SECRET" | "SLACK_API_URL">;

const schema = z
  .object({
    SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", "must start with xoxb- (the Bot User OAuth Token under OAuth & Permissions)").optional(),
    SLACK_APP_TOKEN: z.string().startsWith("xapp-", "must start with xapp- (an app-level token with connections:write, for Socket Mode)").optional(),
    SLACK_SIGNING_SECRET: z.string().regex(/^[^\s]{8,}$/, "must be the Signing Secret under Basic Information → App Credentials").optional(),
    SLACK_API_URL: z.string().regex(/^https?:\/\//, "must be an http:// or https:// URL").optional(),
  })
  .superRefine((env, ctx) => {
    const others = (["SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL"] as const).filter((k) => env[k] !== undefined);
    if (!env.SLACK_BOT_TOKEN && others.length > 0) {
      ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: `is missing: ${others.join(" and ")} ${others.length > 1 ? "are" : "is"} set, and Slack needs the bot token (xoxb-…) too` });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SLACK_SIGNING_SECRET"], message: "is missing: without SLACK_APP_TOKEN (Socket Mode) Slack posts to /slack/events, and those requests are checked with the signing secret" });
    }
  });

/** null when no Slack variable is set (local mode, or Teams only); throws ConfigError when they do not fit. */
export function parseSlackSettings(config: SlackEnv): SlackSettings | null {
  const env = { SLACK_BOT_TOKEN: config.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: config.SLACK_APP_TOKEN, SLACK_SIGNING_SECRET: config.SLACK_SIGNING_SECRET, SLACK_API_URL: config.SLACK_API_URL };
  if (Object.values(env).every((v) => v === undefined)) return null;
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]) as keyof SlackEnv;
    const value = env[name];
    const shown = value === undefined ? "" : name === "SLACK_API_URL" ? ` (got "${value}")` : " (value hidden)";
    throw new ConfigError(`Configuration error: ${name} ${issue.message}${shown}`);
  }
  const s = result.data;
  return {
    botToken: s.SLACK_BOT_TOKEN!,
    mode: s.SLACK_APP_TOKEN ? "socket" : "http",
    appToken: s.SLACK_APP_TOKEN ?? null,
    signingSecret: s.SLACK_SIGNING_SECRET ?? null,
    apiUrl: s.SLACK_API_URL ? (s.SLACK_API_URL.endsWith("/") ? s.SLACK_API_URL : `${s.SLACK_API_URL}/`) : null,
  };
}
