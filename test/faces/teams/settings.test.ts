// Which Teams face runs for which MICROSOFT_APP_* variables, and how a bad combination stops
// start-up: one line naming the variable, exit code 2.
import os from "node:os";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { teamsSettings } from "../../../src/faces/teams/settings.ts";
import { startTestApp } from "../../support/app.ts";
import { runCli } from "../../support/cli.ts";
import { createTestDatabase } from "../../support/databases.ts";
import { personalMessage } from "./recorded.ts";

const APP_ID = "11111111-2222-3333-4444-555555555555";
const TENANT = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
const settings = (env: Record<string, string>, slack = false) => teamsSettings(loadConfig(env), slack);

describe("teamsSettings", () => {
  it("no variables: local mode (unauthenticated); with Slack configured: Teams off", () => {
    expect(settings({})).toEqual({ mode: "local" });
    expect(settings({}, true)).toBeNull();
  });

  it("complete credentials, SingleTenant by default", () => {
    expect(settings({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "s3cret", MICROSOFT_APP_TENANT_ID: TENANT })).toEqual({
      mode: "credentials", appId: APP_ID, password: "s3cret", tenantId: TENANT, appType: "SingleTenant",
    });
    expect(settings({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "s3cret", MICROSOFT_APP_TYPE: "MultiTenant" })).toMatchObject({ mode: "credentials", tenantId: null });
    expect(settings({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: "UserAssignedMSI", MICROSOFT_APP_TENANT_ID: "contoso.onmicrosoft.com" })).toMatchObject({ password: null });
  });

  it("inconsistent combinations are refused with one line naming the variable", () => {
    const refused: [Record<string, string>, RegExp][] = [
      [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT }, /^Configuration error: MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set \(MICROSOFT_APP_TYPE=SingleTenant\)$/],
      [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: "MultiTenant" }, /MICROSOFT_APP_PASSWORD is required/],
      [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "s3cret" }, /MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=SingleTenant/],
      [{ MICROSOFT_APP_PASSWORD: "s3cret" }, /MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not/],
      [{ MICROSOFT_APP_TENANT_ID: TENANT }, /MICROSOFT_APP_TENANT_ID is set but MICROSOFT_APP_ID is not/],
      [{ MICROSOFT_APP_ID: "kundepuls-bot", MICROSOFT_APP_PASSWORD: "x", MICROSOFT_APP_TENANT_ID: TENANT }, /MICROSOFT_APP_ID must be the bot's Application \(client\) ID, a GUID/],
      [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "x", MICROSOFT_APP_TENANT_ID: "not a tenant" }, /MICROSOFT_APP_TENANT_ID must be the Directory \(tenant\) ID/],
      [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: "UserAssignedMSI", MICROSOFT_APP_PASSWORD: "x", MICROSOFT_APP_TENANT_ID: TENANT }, /must not be set when MICROSOFT_APP_TYPE=UserAssignedMSI/],
      [{ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: "UserAssignedMSI" }, /MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=UserAssignedMSI/],
    ];
    for (const [env, message] of refused) {
      let error: Error | undefined;
      try {
        settings(env);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.name, JSON.stringify(env)).toBe("Error");
      expect(error?.constructor.name).toBe("ConfigError");
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain("\n");
      expect(error?.message).not.toContain("s3cret");
    }
  });

  it("kundepuls start stops with exactly one line and exit code 2", async () => {
    const test = await createTestDatabase("sqlite");
    try {
      const result = await runCli(["start"], { DATABASE_URL: test.databaseUrl, PORT: "0", MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("kundepuls: Configuration error: MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set (MICROSOFT_APP_TYPE=SingleTenant)\n");
    } finally {
      await test.drop();
    }
  });
});

describe("who may post to /api/messages", () => {
  it("with credentials, an activity without a token or with a forged one is refused (401) and nothing is sent", async () => {
    const run = await startTestApp("sqlite", { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "s3cret-of-test", MICROSOFT_APP_TENANT_ID: TENANT });
    const quiet = console.error; // botbuilder prints the refused token's stack
    console.error = () => {};
    try {
      expect(run.app.localMode).toBe(false);
      expect(run.app.teams?.settings.mode).toBe("credentials");
      const body = JSON.stringify(personalMessage("http://127.0.0.1:9/", "nps"));
      const send = (headers: Record<string, string>) => fetch(`${run.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      expect((await send({})).status).toBe(401);
      // a token that is no JWT: botbuilder's own verification refuses it (without going online)
      const forged = await send({ authorization: "Bearer not-a-jwt" });
      expect(forged.status).toBe(401);
      expect(await forged.text()).toMatch(/Unauthorized/);
      expect(await run.app.db.prisma.teamsConversation.count()).toBe(0);
    } finally {
      console.error = quiet;
      await run.stop();
    }
  });

  it("with Slack only, there is no Teams endpoint", async () => {
    const run = await startTestApp("sqlite", { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "signing-secret-of-test" });
    try {
      expect(run.app.teams).toBeNull();
      expect((await fetch(`${run.url}/api/messages`, { method: "POST", body: "{}" })).status).toBe(404);
    } finally {
      await run.stop();
    }
  });

  const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  it.runIf(external)("in local mode (unauthenticated) only this machine may post", async () => {
    const run = await startTestApp("sqlite", {}, undefined, "0.0.0.0");
    try {
      const port = new URL(run.url).port;
      const body = JSON.stringify(personalMessage("http://127.0.0.1:9/", "nps"));
      const res = await fetch(`http://${external}:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(res.status).toBe(401);
    } finally {
      await run.stop();
    }
  });
});
