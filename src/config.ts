// Every environment variable Kundepuls reads, parsed once at start. A bad value stops the
// program with one line naming the variable (see ConfigError); .env.example lists them all.
import { z } from "zod";

const optionalText = z.string().trim().min(1).optional();
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const configSchema = z.object({
  DATABASE_URL: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  INGEST_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  TIME_ZONE: z.string().trim().refine(isTimeZone, "is not an IANA time zone such as Europe/Copenhagen").default("Europe/Copenhagen"),
  DEFAULT_LANGUAGE: z.enum(["da", "en"]).default("da"),
  MIN_RESPONSES: z.coerce.number().int().min(1).max(100_000).default(30),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** json: one JSON object a line (containers, log stacks); pretty: readable lines. Unset: pretty on a terminal, else json */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** on SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are cut */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(10),
  /** local mode: fill an empty database with demo answers on first start */
  DEMO_DATA: bool.optional(),
  /** admins (may resolve and hand over any case): comma-separated e-mails or Slack/Teams user ids */
  ADMINS: z.string().default("").transform((v) => v.split(",").map((x) => x.trim().toLowerCase()).filter(Boolean)),
  /** who sees a team's NPS in chat: "everyone", or "members" (its members, lead and admins; the company figure stays open) */
  NPS_VISIBILITY: z.enum(["everyone", "members"]).default("everyone"),
  /** answers at or below this score open a detractor case */
  ALERT_MAX_SCORE: z.coerce.number().int().min(0).max(10).default(6),
  /** a Customer Effort Score at or below this opens a case too; "off" disables */
  ALERT_MAX_CES: z.union([z.literal("off").transform(() => null), z.coerce.number().int().min(1).max(7)]).default(2),
  /** only answers younger than this open cases (an imported history must not page anyone) */
  CASE_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  REMIND_AFTER_HOURS: z.coerce.number().min(1).max(1000).default(24),
  ESCALATE_AFTER_HOURS: z.coerce.number().min(1).max(2000).default(48),
  /** where alerts go when a team has no owner or alert channel: "slack:C0123,teams:19:abc@thread.tacv2" */
  FALLBACK_ALERT_CHANNELS: z.string().default("").transform(parseChannelList),
  /** channels that get every team's stories (e.g. #kundehistorier), besides per-team bindings */
  STORY_CHANNELS: z.string().default("").transform(parseChannelList),
  STORIES_PER_DAY: z.coerce.number().int().min(0).max(50).default(3),
  /** share promoter comments without consent, anonymised (name removed, no attribution) */
  STORIES_ALLOW_ANONYMOUS: bool.default(false),
  /** when the daily digest goes out (cron: minute hour * * weekdays), per team overridable */
  DIGEST_CRON: z.string().trim().default("30 8 * * 1-5"),
  /** how long a dead replica's messages stay locked (a live one renews its leases every third of it): docs/delivery.md */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** answers, cases, stories and chat messages older than this are made anonymous / deleted (daily) */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
  /** rows that only serve deduplication (handled Slack deliveries, sent message payloads, job runs) */
  PRUNE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** when the weekly team view goes out (cron: minute hour * * weekdays; the latest complete week), per team overridable */
  WEEKLY_CRON: z.string().trim().default("0 9 * * 1"),
  /** "off": the schedule sends no weekly team view (kundepuls weekly still can) */
  WEEKLY_VIEW: z.enum(["on", "off"]).default("on"),
  /** management channels that get the monthly report on the first working day: "slack:C0123,teams:19:abc@thread.tacv2" */
  REPORT_CHANNELS: z.string().default("").transform(parseChannelList),
  /** local time (TIME_ZONE) the monthly report is posted from, HH:MM */
  REPORT_TIME: z.string().trim().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 09:00").default("09:00"),
  /** a day without new answers: "post" one line, or "skip" */
  DIGEST_QUIET_DAY: z.enum(["post", "skip"]).default("post"),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: z.url().optional(),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: z.enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"]).default("SingleTenant"),
});

export type Config = z.infer<typeof configSchema>;

export interface ChannelRef {
  platform: "slack" | "teams";
  channelId: string;
}

/** "slack:C0123,teams:19:abc@thread.tacv2" → channel refs; a bad entry fails the whole value. */
function parseChannelList(value: string, ctx: z.RefinementCtx): ChannelRef[] {
  const refs: ChannelRef[] = [];
  for (const item of value.split(",").map((x) => x.trim()).filter(Boolean)) {
    const at = item.indexOf(":");
    const platform = item.slice(0, at);
    const channelId = item.slice(at + 1);
    if (at < 0 || (platform !== "slack" && platform !== "teams") || !channelId) {
      ctx.addIssue({ code: "custom", message: `entries must look like slack:C0123 or teams:<conversation id> (got "${item}")` });
      return z.NEVER;
    }
    refs.push({ platform, channelId });
  }
  return refs;
}

export class ConfigError extends Error {}

/** Parses the environment; empty strings count as unset (as in most .env files). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.keys(configSchema.shape);
  const input = Object.fromEntries(known.map((key) => [key, env[key] === "" ? undefined : env[key]]));
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0]);
  const value = input[name];
  const shown = value === undefined ? "" : name.match(/TOKEN|SECRET|PASSWORD/) ? " (value hidden)" : ` (got "${value}")`;
  throw new ConfigError(`Configuration error: ${name} ${describeIssue(issue)}${shown}`);
}

/** zod's default texts are written for developers; these are for whoever edits the .env file. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "invalid_type" && issue.expected === "number") return "must be a whole number";
  if (issue.code === "too_small" || issue.code === "too_big") {
    const limit = issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
    return issue.origin === "string" ? `must be ${limit} characters long` : `must be ${limit}`;
  }
  if (issue.code === "invalid_format") return "is not a valid URL";
  return issue.message;
}
