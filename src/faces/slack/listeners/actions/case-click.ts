// What every detractor-alert button shares: ack at once, read the click (zod), find the case id
// (the button's value, or for the people picker the block_id — see pickerValueFromBlockId), and
// never leave the person in silence when something fails.
import { parseCaseId } from "../../../../core/case-id.ts";
import type { Lang } from "../../../../messages/model.ts";
import { pickerValueFromBlockId } from "../../blocks.ts";
import { apologyMessage, staleButtonMessage } from "../../texts.ts";
import type { ActionRespond, ListenerClient } from "../client.ts";
import type { ListenerDeps } from "../deps.ts";
import { blockActionBody, placeOf, tellPrivately, type Answering, type BlockActionBody, type Place } from "../places.ts";
import type { SlackUsers } from "../users.ts";

export interface CaseActionArgs {
  ack: () => Promise<void>;
  body: unknown;
  client: ListenerClient;
  /** present when the click came from a message (its response_url) */
  respond?: ActionRespond;
}

export interface CaseClick {
  caseId: number;
  action: BlockActionBody["actions"][number];
  body: BlockActionBody;
  place: Place;
  userId: string;
  /** the Slack handle, used as a name only if users.info gives none */
  userName: string | null;
  lang: Lang;
  answering: Answering;
}

function caseIdOf(action: BlockActionBody["actions"][number]): number | null {
  const raw = action.type === "users_select" ? pickerValueFromBlockId(action.block_id ?? "") : action.value;
  return parseCaseId(raw);
}

/**
 * Registers nothing itself: wraps `work` into a Bolt action listener. `name` is for the logs.
 * A click whose payload or case id cannot be read gets a private "this button no longer works".
 */
export function caseAction(name: string, deps: ListenerDeps, users: SlackUsers, work: (click: CaseClick) => Promise<void>) {
  return async ({ ack, body, client, respond }: CaseActionArgs): Promise<void> => {
    await ack(); // first: Slack waits 3 seconds, and a modal's trigger_id expires as fast
    const parsed = blockActionBody.safeParse(body);
    if (!parsed.success) {
      deps.log.warn(`slack: ${name} with a payload we cannot read; ignored`);
      return;
    }
    const b = parsed.data;
    const place = placeOf(b);
    const lang = deps.defaultLang;
    const answering: Answering = { client, respond, userId: b.user.id, deps, users };
    const action = b.actions[0]!;
    const caseId = caseIdOf(action);
    if (caseId === null) {
      deps.log.warn(`slack: ${name} without a readable case id (${action.value ?? action.block_id ?? "none"})`);
      await tellPrivately(place, staleButtonMessage(lang), answering);
      return;
    }
    const userName = b.user.name ?? b.user.username ?? null;
    try {
      await work({ caseId, action, body: b, place, userId: b.user.id, userName, lang, answering });
    } catch (error) {
      deps.log.error(`slack: ${name} of case #${caseId} by ${b.user.id} failed`, error);
      await tellPrivately(place, apologyMessage(lang), answering);
    }
  };
}
