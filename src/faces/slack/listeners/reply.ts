// Answering through a response_url (slash commands, shortcuts): the Message drawn as Block Kit.
import type { Logger } from "../../../logger.ts";
import type { Message } from "../../../messages/model.ts";
import { renderMessage, type SlackBlock } from "../blocks.ts";

export type ResponseType = "ephemeral" | "in_channel";

export interface ResponsePayload {
  response_type: ResponseType;
  text: string;
  blocks: SlackBlock[];
}

/** Bolt's respond(): posts to the response_url of the request being handled. */
export type Respond = (payload: ResponsePayload) => Promise<unknown>;

export function responsePayload(message: Message, type: ResponseType): ResponsePayload {
  return { response_type: type, ...renderMessage(message) };
}

/** Posts the reply; a failure (expired response_url, Slack down) is logged, never thrown at Bolt. */
export async function replyWith(respond: Respond, message: Message, type: ResponseType, log: Logger): Promise<boolean> {
  try {
    await respond(responsePayload(message, type));
    return true;
  } catch (error) {
    log.error(`slack: could not post the ${message.kind} reply to the response_url`, error);
    return false;
  }
}
