// How a modal submission is answered: ack() closes the modal, response_action "errors" keeps it
// open with words under the named fields, "update" replaces it with a read-only notice.
import type { Message } from "../../../../messages/model.ts";
import { renderModalView, type ModalView } from "../../blocks.ts";
import { MODAL_TEXT } from "../../texts.ts";

export type ViewAck = (response?: { response_action: "errors"; errors: Record<string, string> } | { response_action: "update"; view: ModalView }) => Promise<void>;

/** The modal replaced by `message` and a close button (a refusal, an apology). */
export function noticeView(message: Message, title: string): ModalView {
  return renderModalView(message, { title, close: MODAL_TEXT[message.lang].close });
}
