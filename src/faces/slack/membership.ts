// A connected channel is only useful if the bot may post in it: public channels it joins by
// itself (conversations.join, scope channels:join); private channels someone must invite it to.
import { slackErrorCode } from "./web-client.ts";

export type Membership = "member" | "joined" | "needsInvite";

/** The part of the WebClient this needs (structural, so tests can hand in a small fake). */
export interface MembershipClient {
  conversations: {
    join(args: { channel: string }): Promise<{ warning?: string; response_metadata?: { warnings?: string[] } }>;
    info(args: { channel: string }): Promise<{ channel?: { is_member?: boolean } }>;
  };
}

export async function ensureMember(client: MembershipClient, channel: string): Promise<Membership> {
  try {
    const joined = await client.conversations.join({ channel });
    const warnings = [joined.warning, ...(joined.response_metadata?.warnings ?? [])];
    return warnings.includes("already_in_channel") ? "member" : "joined";
  } catch (error) {
    const code = slackErrorCode(error);
    // A private channel cannot be joined (and one the bot is not in looks "not found" to it).
    if (code !== "method_not_supported_for_channel_type" && code !== "channel_not_found") throw error;
    const info = await client.conversations.info({ channel }).catch(() => null);
    return info?.channel?.is_member ? "member" : "needsInvite";
  }
}
