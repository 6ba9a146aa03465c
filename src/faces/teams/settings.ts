// Which Teams face runs, decided once at start from the MICROSOFT_APP_* variables (parsed in
// src/config.ts). Inconsistent combinations stop start-up with one line (ConfigError). No
// botbuilder import here: this module runs for every command, the SDK loads only when used.
import { ConfigError, type Config } from "../../config.ts";

export type TeamsSettings =
  /** real Teams: inbound tokens are verified, outbound calls are signed with the app's credentials */
  | { mode: "credentials"; appId: string; password: string | null; tenantId: string | null; appType: Config["MICROSOFT_APP_TYPE"] }
  /** local mode: no credentials at all; unauthenticated, as the Bot Framework Emulator expects */
  | { mode: "local" };

/** An Entra (Azure AD) application or tenant id. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(text: string): never {
  throw new ConfigError(`Configuration error: ${text}`);
}

/** null: Teams is off (Slack is configured and MICROSOFT_APP_ID is not). */
export function teamsSettings(config: Config, slackConfigured: boolean): TeamsSettings | null {
  const { MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: password, MICROSOFT_APP_TENANT_ID: tenantId, MICROSOFT_APP_TYPE: appType } = config;
  if (!appId) {
    if (password) fail("MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not; set both (or neither for local mode)");
    if (tenantId) fail("MICROSOFT_APP_TENANT_ID is set but MICROSOFT_APP_ID is not; set MICROSOFT_APP_ID too (or neither for local mode)");
    return slackConfigured ? null : { mode: "local" };
  }
  if (!GUID.test(appId)) fail(`MICROSOFT_APP_ID must be the bot's Application (client) ID, a GUID such as 00000000-0000-0000-0000-000000000000 (got "${appId}")`);
  if (tenantId && !GUID.test(tenantId) && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(tenantId))
    fail(`MICROSOFT_APP_TENANT_ID must be the Directory (tenant) ID, a GUID, or a domain such as contoso.onmicrosoft.com (got "${tenantId}")`);
  if (appType === "UserAssignedMSI") {
    if (password) fail("MICROSOFT_APP_PASSWORD must not be set when MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity has no secret)");
    if (!tenantId) fail("MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=UserAssignedMSI");
  } else {
    if (!password) fail(`MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set (MICROSOFT_APP_TYPE=${appType})`);
    if (appType === "SingleTenant" && !tenantId)
      fail("MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=SingleTenant (the default); set it, or set MICROSOFT_APP_TYPE=MultiTenant");
  }
  return { mode: "credentials", appId, password: password ?? null, tenantId: tenantId ?? null, appType };
}
