// Where a button was clicked, and how to answer there: the updated alert shown in place
// (chat.update, the response_url of an ephemeral message, or the Home tab published again), or a
// private answer only the clicker sees.
import { z } from "zod";
import type { Message } from "../../../messages/model.ts";
import { renderMessage } from "../blocks.ts";
import type { ListenerDeps } from "./deps.ts";
import type { ActionRespond, ActionResponse, ListenerClient } from "./client.ts";
import { publishHome } from "./home-tab.ts";
import type { SlackUsers } from "./users.ts";

export const placeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("message"), channel: z.string().min(1), ts: z.string().min(1) }),
  z.object({ kind: z.literal("ephemeral"), responseUrl: z.url().nullable() }),
  z.object({ kind: z.literal("home") }),
  z.object({ kind: z.literal("none") }),
]);
export type Place = z.infer<typeof placeSchema>;

/** A message in a direct-message channel (ids start with "D") is the clicker's own copy. */
export function alertPlaceOf(place: Place): "private" | "shared" {
  return place.kind === "message" && place.channel.startsWith("D") ? "private" : "shared";
}

/** The block_actions payload, as far as the face reads it (docs: block_actions payload). */
export const blockActionBody = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  container: z.object({
    type: z.string(),
    message_ts: z.string().optional(),
    channel_id: z.string().optional(),
    is_ephemeral: z.boolean().optional(),
  }),
  channel: z.object({ id: z.string() }).optional(),
  view: z.object({ type: z.string() }).optional(),
  actions: z
    .array(z.object({ type: z.string(), action_id: z.string(), block_id: z.string().optional(), value: z.string().optional(), selected_user: z.string().nullish() }))
    .min(1),
});
export type BlockActionBody = z.infer<typeof blockActionBody>;

export function placeOf(body: BlockActionBody): Place {
  const c = body.container;
  if (c.type === "message" && c.is_ephemeral) return { kind: "ephemeral", responseUrl: body.response_url ?? null };
  const channel = c.channel_id ?? body.channel?.id;
  if (c.type === "message" && channel && c.message_ts) return { kind: "message", channel, ts: c.message_ts };
  if (c.type === "view" && body.view?.type === "home") return { kind: "home" };
  return { kind: "none" };
}

/** What answering needs: Slack, the response_url of this request (if any), and who asked. */
export interface Answering {
  client: ListenerClient;
  respond?: ActionRespond | undefined;
  userId: string;
  deps: ListenerDeps;
  users: SlackUsers;
}

/** Posts to a response_url kept from an earlier request (Bolt's respond() exists only for the current one). */
async function postToResponseUrl(url: string, payload: ActionResponse): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Shows `message` (the updated alert) where the button was clicked. Failures are logged. */
export async function showInPlace(place: Place, message: Message, a: Answering): Promise<void> {
  const { text, blocks } = renderMessage(message);
  try {
    if (place.kind === "message") {
      try {
        await a.client.chat.update({ channel: place.channel, ts: place.ts, text, blocks });
      } catch (error) {
        if (!a.respond) throw error;
        a.deps.log.warn(`slack: chat.update of ${place.channel}/${place.ts} failed; replacing it through the response_url`, error);
        await a.respond({ replace_original: true, text, blocks });
      }
    } else if (place.kind === "ephemeral") {
      const replace: ActionResponse = { response_type: "ephemeral", replace_original: true, text, blocks };
      if (a.respond) await a.respond(replace);
      else if (place.responseUrl) await postToResponseUrl(place.responseUrl, replace);
    } else if (place.kind === "home") {
      await publishHome(a.deps, a.users, a.client, a.userId);
    }
  } catch (error) {
    a.deps.log.error(`slack: could not show the updated ${message.kind} (${place.kind})`, error);
  }
}

/** Answers only the person who clicked: ephemeral where they are, else in the app's Messages tab. */
export async function tellPrivately(place: Place, message: Message, a: Answering): Promise<void> {
  const { text, blocks } = renderMessage(message);
  const privately: ActionResponse = { response_type: "ephemeral", replace_original: false, text, blocks };
  try {
    if (a.respond) await a.respond(privately);
    else if (place.kind === "message") await a.client.chat.postEphemeral({ channel: place.channel, user: a.userId, text, blocks });
    else if (place.kind === "ephemeral" && place.responseUrl) await postToResponseUrl(place.responseUrl, privately);
    else await a.client.chat.postMessage({ channel: a.userId, text, blocks });
  } catch (error) {
    a.deps.log.error(`slack: could not answer ${a.userId} privately (${message.kind})`, error);
  }
}
