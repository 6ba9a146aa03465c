// The Slack variables: which combinations start which mode, and every mistake stops start-up
// with one line that names the variable (and never shows a token).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";
import { parseSlackSettings } from "../../../src/faces/slack/config.ts";
import { runCli } from "../../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../../support/databases.ts";
import { startFakeSlack, type FakeSlack } from "../../support/fake-slack.ts";

const BOT = "xoxb-1111-2222-SECRETBOTTOKEN";
const APP = "xapp-1-A111-2222-SECRETAPPTOKEN";
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const settings = (env: Record<string, string>) => parseSlackSettings(loadConfig(env));

function problem(env: Record<string, string>): string {
  try {
    settings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseSlackSettings", () => {
  it("no Slack variable: no Slack face (local mode)", () => {
    expect(settings({})).toBeNull();
    expect(settings({ SLACK_BOT_TOKEN: "" })).toBeNull();
  });

  it("bot token + signing secret: HTTP mode; with an app token: Socket Mode", () => {
    expect(settings({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toEqual({ botToken: BOT, mode: "http", appToken: null, signingSecret: SECRET, apiUrl: null });
    expect(settings({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP })).toMatchObject({ mode: "socket", appToken: APP, signingSecret: null });
    expect(settings({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: "http://127.0.0.1:4010/api" })?.apiUrl).toBe("http://127.0.0.1:4010/api/");
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "xoxp-user-token" }, "Configuration error: SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token under OAuth & Permissions) (value hidden)"],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: "xoxb-not-an-app-token" }, "Configuration error: SLACK_APP_TOKEN must start with xapp- (an app-level token with connections:write, for Socket Mode) (value hidden)"],
    [{ SLACK_BOT_TOKEN: BOT }, "Configuration error: SLACK_SIGNING_SECRET is missing: without SLACK_APP_TOKEN (Socket Mode) Slack posts to /slack/events, and those requests are checked with the signing secret"],
    [{ SLACK_SIGNING_SECRET: SECRET }, "Configuration error: SLACK_BOT_TOKEN is missing: SLACK_SIGNING_SECRET is set, and Slack needs the bot token (xoxb-…) too"],
    [{ SLACK_APP_TOKEN: APP, SLACK_API_URL: "http://127.0.0.1:1/api/" }, "Configuration error: SLACK_BOT_TOKEN is missing: SLACK_APP_TOKEN and SLACK_API_URL are set, and Slack needs the bot token (xoxb-…) too"],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "short" }, "Configuration error: SLACK_SIGNING_SECRET must be the Signing Secret under Basic Information → App Credentials (value hidden)"],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: "ftp://x.example/api/" }, 'Configuration error: SLACK_API_URL must be an http:// or https:// URL (got "ftp://x.example/api/")'],
  ])("%j → one clear line", (env, line) => {
    const message = problem(env);
    expect(message).toBe(line);
    for (const [name, value] of Object.entries(env)) if (name !== "SLACK_API_URL") expect(message).not.toContain(value);
  });
});

describe("kundepuls start with Slack variables", () => {
  let test: TestDatabase;
  let fake: FakeSlack;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
    await test?.drop();
  });
  const start = (env: Record<string, string>) => runCli(["start"], { DATABASE_URL: test.databaseUrl, PORT: "0", HOST: "127.0.0.1", ...env });

  it("a user token instead of a bot token: exit 2 and one line on stderr", async () => {
    const result = await start({ SLACK_BOT_TOKEN: "xoxp-123-SECRETUSERTOKEN", SLACK_SIGNING_SECRET: SECRET });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual(["kundepuls: Configuration error: SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token under OAuth & Permissions) (value hidden)"]);
  });

  it("a bot token Slack refuses (auth.test invalid_auth): exit 2 and one line", async () => {
    fake.errorNext("auth.test", "invalid_auth", 5);
    const result = await start({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: "error" });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual(["kundepuls: Configuration error: SLACK_BOT_TOKEN was refused by Slack (invalid_auth)"]);
    expect(fake.callsTo("auth.test")[0]!.token).toBe(BOT);
  });
});
