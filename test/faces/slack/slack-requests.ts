// Interaction payloads as Slack sends them, built from the recorded ones in
// test/fixtures/recorded (block_actions, view_submission, message shortcut, events), and
// posted to /slack/events signed with the signing secret.
/* eslint-disable @typescript-eslint/no-explicit-any */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../../support/cli.ts";
import { postSigned } from "../../support/fake-slack.ts";

export const recorded = (file: string) => JSON.parse(fs.readFileSync(path.resolve(ROOT, "test", "fixtures", "recorded", file), "utf8"));
const ACTIONS = recorded("actions-reactions-slack.json");
const MODALS = recorded("modals-slack.json");
const JOINED = recorded("member-joined-channel-slack.json").memberJoinedChannel;

let counter = 0;
const nextId = () => String(++counter).padStart(6, "0");
const user = (id: string, name: string) => ({ id, username: name, name, team_id: "T00FAKE00AA" });

/** Where the clicked button is: a message (DM or channel), an ephemeral message, or the Home tab. */
export type Container =
  | { type: "message"; channel: string; ts: string; ephemeral?: boolean }
  | { type: "home" };

export interface Click {
  user: { id: string; name: string };
  container: Container;
  /** a button: action_id + value; the people picker: action_id + block_id + selected_user */
  action: { action_id: string; value?: string; block_id?: string; selected_user?: string };
  responseUrl?: string;
}

/** A block_actions payload in the recorded shape (button click or users_select choice). */
export function blockActions(click: Click): Record<string, unknown> {
  const base = structuredClone(click.action.selected_user ? ACTIONS.staticSelectAction : ACTIONS.action);
  base.user = user(click.user.id, click.user.name);
  base.trigger_id = `10215325802133.3901254001572.${nextId()}`;
  const a = click.action;
  base.actions = [
    a.selected_user
      ? { type: "users_select", action_id: a.action_id, block_id: a.block_id ?? "x", selected_user: a.selected_user, initial_user: "", action_ts: "1767326130.289415" }
      : { type: "button", block_id: a.block_id ?? "P0z+f", action_id: a.action_id, text: { type: "plain_text", text: "…", emoji: true }, value: a.value ?? "", action_ts: "1767326130.289415" },
  ];
  const c = click.container;
  if (c.type === "home") {
    delete base.channel;
    delete base.message;
    delete base.response_url;
    base.container = { type: "view", view_id: "V00HOMEVIEW1" };
    base.view = { id: "V00HOMEVIEW1", team_id: "T00FAKE00AA", type: "home", blocks: [], private_metadata: "", callback_id: "", state: { values: {} }, hash: "1.a", title: { type: "plain_text", text: "View Title" }, clear_on_close: false, notify_on_close: false, close: null, submit: null, previous_view_id: null, root_view_id: "V00HOMEVIEW1", app_id: "A00FAKEAPP01", external_id: "", app_installed_team_id: "T00FAKE00AA", bot_id: "B00FAKEBOT01" };
  } else {
    base.container = { type: "message", message_ts: c.ts, channel_id: c.channel, is_ephemeral: c.ephemeral ?? false };
    base.channel = { id: c.channel, name: c.channel.startsWith("D") ? "directmessage" : "support" };
    if (c.ephemeral) delete base.message;
    else base.message = { user: "U00FAKEBOT01", type: "message", ts: c.ts, bot_id: "B00FAKEBOT01", text: "…" };
    base.response_url = click.responseUrl ?? base.response_url;
  }
  return base;
}

export type FieldValue = { text: string | null } | { option: string | null };

/** A view_submission payload (recorded shape) for our modal with these field values. */
export function viewSubmission(userId: string, userName: string, view: { callback_id: string; private_metadata: string; blocks?: unknown[] }, values: Record<string, FieldValue>): Record<string, unknown> {
  const base = structuredClone(MODALS.viewSubmission);
  base.user = { ...user(userId, userName), team_id: "T00FAKE00BB" };
  base.trigger_id = `10348409668983.10229338706656.${nextId()}`;
  base.view.callback_id = view.callback_id;
  base.view.private_metadata = view.private_metadata;
  base.view.blocks = view.blocks ?? [];
  base.view.state.values = Object.fromEntries(
    Object.entries(values).map(([id, v]) => [
      id,
      { [id]: "text" in v ? { type: "plain_text_input", value: v.text } : { type: "static_select", selected_option: v.option === null ? null : { text: { type: "plain_text", text: v.option, emoji: true }, value: v.option } } },
    ]),
  );
  return base;
}

/** A message shortcut (message_action) on a message with this text. */
export function messageShortcut(userId: string, channel: string, text: string, responseUrl: string): Record<string, unknown> {
  return {
    type: "message_action", callback_id: "share_story", trigger_id: `10520020890661.10229338706656.${nextId()}`, response_url: responseUrl,
    team: { id: "T00FAKE00BB", domain: "acme-test-workspace" }, channel: { id: channel, name: "support" },
    user: { id: userId, name: "testuser" }, message: { type: "message", user: "U00FAKEUSER2", ts: "1772518347.953719", text },
    message_ts: "1772518347.953719", action_ts: "1772518400.000001", token: "zCdEfGhIjKlMnOpQrStUvWxY",
  };
}

/** app_home_opened in the Events API envelope (recorded member_joined_channel envelope). */
export function appHomeOpened(userId: string, tab: "home" | "messages"): Record<string, unknown> {
  const base = structuredClone(JOINED);
  base.event_id = `Ev00HOME${nextId()}`;
  base.event = { type: "app_home_opened", user: userId, channel: `D${userId.slice(1)}`, tab, event_ts: `1772518352.${nextId()}` };
  return base;
}

export async function postInteraction(url: string, secret: string, payload: Record<string, unknown>) {
  return postSigned(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { secret });
}

export async function postEvent(url: string, secret: string, envelope: Record<string, unknown>) {
  return postSigned(url, JSON.stringify(envelope), { secret, contentType: "application/json" });
}
