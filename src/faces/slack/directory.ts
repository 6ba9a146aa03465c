// What Slack can tell the role administration about people: the user behind an e-mail
// (users.lookupByEmail, scope users:read.email) and a user group's members
// (usergroups.users.list, scope usergroups:read).
import type { Logger } from "../../logger.ts";
import type { SlackDirectory } from "../../services/role-admin.ts";
import type { SlackSettings } from "./config.ts";
import { createWebClient, slackErrorCode } from "./web-client.ts";

export function slackDirectory(settings: SlackSettings, log: Logger): SlackDirectory {
  const client = createWebClient(settings, log);
  return {
    async userIdByEmail(email) {
      try {
        return (await client.users.lookupByEmail({ email })).user?.id ?? null;
      } catch (error) {
        // nobody with that e-mail is an answer; anything else is logged and the person stays e-mail only
        if (slackErrorCode(error) !== "users_not_found") log.warn(`slack: users.lookupByEmail failed (${slackErrorCode(error) ?? (error as Error).message}); the person stays known by e-mail only`);
        return null;
      }
    },
    async usergroupMembers(usergroupId) {
      return (await client.usergroups.users.list({ usergroup: usergroupId })).users ?? [];
    },
  };
}
