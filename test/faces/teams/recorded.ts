// Teams activities as Teams really sends them. The message payloads are copied from recordings
// of real tenants (vercel/chat, packages/integration-tests/fixtures/replay, MIT licence,
// © 2026 Vercel, Inc.; a copy is in test/fixtures/recorded/); ids are fake. The install
// events follow the payloads in Microsoft's Teams bot documentation. Each builder points the
// activity at a given serviceUrl (the fake connector) and can change the text and ids.

export const BOT = { id: "28:11111111-2222-3333-4444-555555555555", name: "Chat SDK Demo" };
export const USER = {
  id: "29:1xXxFakeUserBase64IdStringForTeamsPlatformAbcDeFgHiJkLmNoPqRsTuVwXyZ012345ABCDEF",
  name: "Test User",
  aadObjectId: "00000000-1111-2222-3333-444444444444",
};
export const TENANT = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
export const TEAM = "19:8j-Mnacwmq2QFDbzykeQH5v55m6cN1X3QJ5viHvGIIQ1@thread.tacv2";
export const CHANNEL = "19:d441d38c655c47a085215b2726e76927@thread.tacv2";
export const PERSONAL = "a:17NditBRO5pbPlIimLiU0g7vfMqIYTPwqILZJq-TOhzzKiAmv2i6Oerr-QPUpuznpKMZinowF80qU8SFPCsvZlg3EpJU8FYt3rO-iSCFfYzIIk2STWat73naOa8x5LdSv";

/** "@Chat SDK Demo <command>" typed as a new post in a channel (recorded: channel-teams.json, mention). */
export function channelMention(serviceUrl: string, command: string, opts: { id?: string; channel?: string } = {}) {
  const id = opts.id ?? "1771290107407";
  const channel = opts.channel ?? CHANNEL;
  return {
    text: `<at>Chat SDK Demo</at> ${command}`,
    textFormat: "plain",
    attachments: [{ contentType: "text/html", content: `<p><span itemtype="http://schema.skype.com/Mention" itemscope="" itemid="0">Chat SDK Demo</span>&nbsp;${command}</p>` }],
    type: "message",
    timestamp: "2026-02-17T01:01:47.4513813Z",
    localTimestamp: "2026-02-16T17:01:47.4513813-08:00",
    id,
    channelId: "msteams",
    serviceUrl,
    from: USER,
    conversation: { isGroup: true, conversationType: "channel", tenantId: TENANT, id: `${channel};messageid=${id}` },
    recipient: BOT,
    entities: [
      { mentioned: BOT, text: "<at>Chat SDK Demo</at>", type: "mention" },
      { locale: "en-US", country: "US", platform: "Web", timezone: "America/Los_Angeles", type: "clientInfo" },
    ],
    channelData: {
      teamsChannelId: channel,
      teamsTeamId: TEAM,
      channel: { id: channel },
      team: { id: TEAM },
      tenant: { id: TENANT },
    },
    locale: "en-US",
    localTimezone: "America/Los_Angeles",
  };
}

/** A message in the personal chat with the bot (recorded: dm-teams.json, dmMessage). */
export function personalMessage(serviceUrl: string, text: string, opts: { id?: string; conversation?: string } = {}) {
  return {
    text,
    textFormat: "plain",
    type: "message",
    timestamp: "2026-01-02T18:28:24.3788393Z",
    id: opts.id ?? "1767378504354",
    channelId: "msteams",
    serviceUrl,
    from: USER,
    conversation: { conversationType: "personal", tenantId: TENANT, id: opts.conversation ?? PERSONAL },
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
  };
}

/** A reaction on a bot message (recorded: actions-reactions-teams.json, reaction): not handled. */
export function reaction(serviceUrl: string) {
  return {
    type: "messageReaction",
    timestamp: "2026-01-02T03:55:18.9534472Z",
    id: "1767326111492",
    channelId: "msteams",
    serviceUrl,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation: { isGroup: true, conversationType: "channel", tenantId: TENANT, id: `${CHANNEL};messageid=1767326091220` },
    recipient: BOT,
    reactionsAdded: [{ type: "like" }],
    channelData: { channel: { id: CHANNEL }, team: { id: TEAM }, tenant: { id: TENANT }, legacy: { replyToId: "1:1fLA_RNPuIsZAvfb52Da3sgax9CKJ4lKCcz6sqX0k7FQ" } },
    replyToId: "1767326111492",
  };
}

/** The app added to (or removed from) a team: conversation = the team's General channel. */
export function teamInstall(serviceUrl: string, action: "add" | "remove") {
  return {
    action,
    type: "installationUpdate",
    timestamp: "2026-11-28T09:00:00.000Z",
    id: `f:install-${action}`,
    channelId: "msteams",
    serviceUrl,
    from: USER,
    conversation: { isGroup: true, conversationType: "channel", tenantId: TENANT, id: TEAM },
    recipient: BOT,
    entities: [{ locale: "da-DK", country: "DK", platform: "Windows", timezone: "Europe/Copenhagen", type: "clientInfo" }],
    channelData: {
      settings: { selectedChannel: { id: TEAM } },
      channel: { id: TEAM },
      team: { id: TEAM, name: "Kundeservice", aadGroupId: "99999999-8888-7777-6666-555555555555" },
      tenant: { id: TENANT },
      source: { name: "message" },
    },
    locale: "da-DK",
  };
}

/** The bot added to / removed from a personal chat as a conversation member. */
export function personalMembers(serviceUrl: string, change: "membersAdded" | "membersRemoved") {
  return {
    [change]: [{ id: BOT.id }],
    type: "conversationUpdate",
    timestamp: "2026-11-28T09:00:00.000Z",
    id: `f:members-${change}`,
    channelId: "msteams",
    serviceUrl,
    from: USER,
    conversation: { conversationType: "personal", tenantId: TENANT, id: PERSONAL },
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
  };
}

/** Someone else in the same tenant (a colleague of USER). */
export const OTHER = {
  id: "29:1yYyFakeSecondUserIdStringForTeamsPlatformZyXwVuTsRqPoNmLkJiHgFeDcBa98765ZYXWVU",
  name: "Anders And",
  aadObjectId: "55555555-6666-7777-8888-999999999999",
};
export const OTHER_PERSONAL = "a:1OtherPersonalChatWithTheBotFakeIdAbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

type Account = { id: string; name?: string; aadObjectId?: string };

/** The app added to a personal chat (installationUpdate, as Microsoft documents it). */
export function personalInstall(serviceUrl: string, action: "add" | "remove", opts: { from?: Account; conversation?: string; locale?: string } = {}) {
  return {
    action,
    type: "installationUpdate",
    timestamp: "2026-11-28T09:00:00.000Z",
    id: `f:personal-install-${action}`,
    channelId: "msteams",
    serviceUrl,
    from: opts.from ?? USER,
    conversation: { conversationType: "personal", tenantId: TENANT, id: opts.conversation ?? PERSONAL },
    recipient: BOT,
    entities: [{ locale: opts.locale ?? "da-DK", country: "DK", platform: "Windows", timezone: "Europe/Copenhagen", type: "clientInfo" }],
    channelData: { tenant: { id: TENANT }, source: { name: "message" } },
    locale: opts.locale ?? "da-DK",
  };
}

/**
 * A click on an Action.Execute button in a card the bot posted: the envelope of the recorded
 * card action (actions-reactions-teams.json, action), as the adaptiveCard/action invoke Teams
 * sends for Universal Actions — inputs merged into `data`, `replyToId` = the card's message.
 * In a channel the conversation is the card's thread; in a personal chat the chat itself.
 */
export function cardClick(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  opts: { from?: Account; replyToId?: string; personal?: string; thread?: string; channel?: string } = {},
) {
  const replyToId = opts.replyToId ?? "1771290108656";
  const channel = opts.channel ?? CHANNEL;
  return {
    type: "invoke",
    name: "adaptiveCard/action",
    id: "f:975cac46-e795-f39b-0c0d-491c14495a9b",
    channelId: "msteams",
    serviceUrl,
    from: opts.from ?? USER,
    conversation: opts.personal
      ? { conversationType: "personal", tenantId: TENANT, id: opts.personal }
      : { isGroup: true, conversationType: "channel", tenantId: TENANT, id: `${channel};messageid=${opts.thread ?? "1771290107407"}`, name: "Chat SDK" },
    recipient: BOT,
    replyToId,
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    channelData: opts.personal
      ? { tenant: { id: TENANT }, source: { name: "message" }, legacy: { replyToId: "1:1aEb_t8xYcdQWHv96vLan89Vq2bzTp3wih6Cu23Gxk_I" } }
      : { channel: { id: channel }, team: { id: TEAM }, tenant: { id: TENANT }, source: { name: "message" }, legacy: { replyToId: "1:1aEb_t8xYcdQWHv96vLan89Vq2bzTp3wih6Cu23Gxk_I" } },
  };
}
