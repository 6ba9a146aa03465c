// The botbuilder CloudAdapter for the configured mode. With credentials, botbuilder verifies
// every inbound token (issuer, audience = MICROSOFT_APP_ID, signing keys) and signs outbound
// calls; without any (local mode) its credential factory reports authentication disabled, so it
// accepts unauthenticated activities and replies without a token, as the Emulator expects.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { TeamsSettings } from "./settings.ts";

export function createAdapter(settings: TeamsSettings): CloudAdapter {
  const options =
    settings.mode === "credentials"
      ? {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.password ?? undefined,
          MicrosoftAppTenantId: settings.tenantId ?? undefined,
          // botbuilder spells the managed identity "UserAssignedMsi" and compares case-insensitively
          MicrosoftAppType: settings.appType,
        }
      : // no app id and no password: MultiTenant with nothing is botbuilder's "auth disabled"
        { MicrosoftAppType: "MultiTenant" };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

/** The app id proactive turns run under ("" without credentials). */
export function botAppId(settings: TeamsSettings): string {
  return settings.mode === "credentials" ? settings.appId : "";
}
