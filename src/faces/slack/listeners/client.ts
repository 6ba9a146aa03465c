// The part of Slack's Web API the listeners use, written out structurally so a test can hand in
// a small fake; Bolt's own `client` (a WebClient) is passed in by index.ts.
import type { HomeView, ModalView, SlackBlock } from "../blocks.ts";

export interface UsersInfoResult {
  user?: {
    id?: string;
    name?: string;
    real_name?: string;
    profile?: { email?: string; real_name?: string; display_name?: string };
  };
}

export interface ListenerClient {
  chat: {
    update(args: { channel: string; ts: string; text: string; blocks: SlackBlock[] }): Promise<unknown>;
    postMessage(args: { channel: string; text: string; blocks: SlackBlock[]; thread_ts?: string; unfurl_links?: boolean; unfurl_media?: boolean }): Promise<unknown>;
    postEphemeral(args: { channel: string; user: string; text: string; blocks: SlackBlock[] }): Promise<unknown>;
  };
  views: {
    open(args: { trigger_id: string; view: ModalView }): Promise<unknown>;
    publish(args: { user_id: string; view: HomeView }): Promise<unknown>;
  };
  users: { info(args: { user: string }): Promise<UsersInfoResult> };
}

/** What Bolt's respond() takes when answering an interaction through its response_url. */
export interface ActionResponse {
  response_type?: "ephemeral" | "in_channel";
  replace_original?: boolean;
  text: string;
  blocks: SlackBlock[];
}
export type ActionRespond = (payload: ActionResponse) => Promise<unknown>;
