// Draws a Message (src/messages/model.ts) as Slack Block Kit: blocks plus the fallback `text`
// that notifications and old clients show. Every limit of limits.ts holds for any input; text
// that does not fit is cut with "…", blocks that do not fit are replaced by one note. Forms
// (src/messages/forms.ts) are drawn as modals with input blocks (renderFormModal).
import type { Form, FormField } from "../../messages/forms.ts";
import { mentionText, type Action, type Block, type Message, type MentionPart } from "../../messages/model.ts";
import type { Lang } from "../../core/language.ts";
import { escapeMrkdwn, fitMrkdwn, fitPlain } from "./escape.ts";
import { LIMITS } from "./limits.ts";
import { chartAsText, chartBlock, type SlackChart } from "./charts.ts";

export interface PlainText { type: "plain_text"; text: string; emoji?: boolean }
export interface Mrkdwn { type: "mrkdwn"; text: string }
export type SlackElement =
  | { type: "button"; action_id: string; text: PlainText; value: string; style?: "primary" | "danger" }
  | { type: "users_select"; action_id: string; placeholder: PlainText };
export type SlackBlock =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: Mrkdwn }
  | { type: "section"; fields: Mrkdwn[] }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "divider" }
  | { type: "actions"; block_id?: string; elements: SlackElement[] }
  | { type: "data_visualization"; title: string; chart: SlackChart };

/** where the blocks are shown: a message (charts allowed, 50 blocks) or a view (100 blocks) */
export type Surface = "message" | "home" | "modal";

export interface RenderedMessage {
  /** fallback text: notifications, screen readers, clients that show no blocks */
  text: string;
  blocks: SlackBlock[];
}

const SHORTENED: Record<Lang, string> = {
  da: "… beskeden er forkortet, den var for lang til Slack.",
  en: "… message shortened, it was too long for Slack.",
};

const plain = (text: string, max: number): PlainText => ({ type: "plain_text", text: fitPlain(text, max), emoji: true });
const mrkdwn = (text: string): Mrkdwn => ({ type: "mrkdwn", text });
const bold = (escaped: string) => (escaped.trim() === "" ? escaped : `*${escaped.trim()}*`);
const boldLines = (escaped: string) => escaped.split("\n").map(bold).join("\n");
const size = (value: unknown) => JSON.stringify(value).length;

/** A Slack block whose texts are at most `cap` characters each (null: nothing to draw). */
type Producer = (cap: number) => SlackBlock | null;

/** Users picked in a users_select carry the action's value in the block_id: kp.pick.<n>.<value> */
export function pickerBlockId(index: number, value: string): string {
  return `kp.pick.${index}.${value}`;
}
export function pickerValueFromBlockId(blockId: string): string | null {
  const match = /^kp\.pick\.\d+\.(.*)$/s.exec(blockId);
  return match ? match[1]! : null;
}

/**
 * One message or view may show the same action more than once (the Home tab has a "Løst" button
 * per case). Slack wants each action_id once, so repeats get a suffix: case.resolve, then
 * case.resolve~2, case.resolve~3 … Listeners match all of them with actionIdPattern().
 */
const REPEAT = "~";
export function actionIdPattern(id: string): RegExp {
  return new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:${REPEAT}\\d+)?$`);
}
export function baseActionId(actionId: string): string {
  const at = actionId.indexOf(REPEAT);
  return at < 0 ? actionId : actionId.slice(0, at);
}

function renderAction(action: Action, seen: Map<string, number>): SlackElement | null {
  const count = (seen.get(action.id) ?? 0) + 1;
  const id = count === 1 ? action.id : `${action.id}${REPEAT}${count}`;
  if (action.id.length === 0 || id.length > LIMITS.actionId) return null;
  seen.set(action.id, count);
  if (action.kind === "button") {
    // An id or value cut short would do the wrong thing when clicked: such a button is left out.
    if (action.value.length > LIMITS.actionValue) return null;
    return { type: "button", action_id: id, text: plain(action.label, LIMITS.buttonText), value: action.value, ...(action.style ? { style: action.style } : {}) };
  }
  return { type: "users_select", action_id: id, placeholder: plain(action.placeholder, LIMITS.placeholderText) };
}

/** A mention line: `<@U…>` for a person with a Slack user, the escaped name otherwise. Too long for
 * the cap (it never is: the builders name a few people), it falls back to the names as text. */
function mentionsMrkdwn(parts: MentionPart[], cap: number): string {
  const text = parts
    .map((p) => (typeof p === "string" ? escapeMrkdwn(p) : p.slackUserId && /^[UW][A-Z0-9]{2,}$/.test(p.slackUserId) ? `<@${p.slackUserId}>` : escapeMrkdwn(p.name)))
    .join("");
  return text.length <= cap ? text : fitMrkdwn(mentionText(parts), cap);
}

function producers(block: Block, index: number, surface: Surface, charts: { count: number }, actionIds: Map<string, number>): Producer[] {
  switch (block.type) {
    case "header":
      return [() => ({ type: "header", text: plain(block.text, LIMITS.headerText) })];
    case "text":
      if (block.emphasis === "muted") return [(cap) => ({ type: "context", elements: [mrkdwn(fitMrkdwn(block.text, Math.min(cap, LIMITS.contextText)))] })];
      return [(cap) => ({ type: "section", text: mrkdwn(fitMrkdwn(block.text, Math.min(cap, LIMITS.sectionText), block.emphasis === "strong" ? boldLines : undefined)) })];
    case "facts": {
      const groups: (typeof block.facts)[] = [];
      for (let i = 0; i < block.facts.length; i += LIMITS.sectionFields) groups.push(block.facts.slice(i, i + LIMITS.sectionFields));
      return groups.map((facts) => (cap: number) => {
        const max = Math.min(cap, LIMITS.fieldText);
        return {
          type: "section",
          fields: facts.map((f) => {
            const label = fitMrkdwn(f.label, Math.max(1, Math.floor(max / 3)), bold);
            return mrkdwn(`${label}\n${fitMrkdwn(f.value, Math.max(0, max - label.length - 1))}`);
          }),
        };
      });
    }
    case "quote":
      return [
        (cap) => {
          const max = Math.min(cap, LIMITS.sectionText);
          const by = block.attribution ? `\n— ${fitMrkdwn(block.attribution, Math.floor(max / 4))}` : "";
          const quoted = fitMrkdwn(block.text, Math.max(0, max - by.length), (s) => s.split("\n").map((l) => `>${l}`).join("\n"));
          return { type: "section", text: mrkdwn(quoted + by) };
        },
      ];
    case "lineChart":
    case "barChart": {
      const chart = surface === "message" && charts.count < LIMITS.chartsPerMessage ? chartBlock(block) : null;
      if (chart) {
        charts.count++;
        return [() => chart];
      }
      return [(cap) => chartAsText(block, cap)];
    }
    case "gauge":
      return []; // Slack has no gauge, and the figure is already in the facts: text would only repeat it
    case "context":
      return [(cap) => ({ type: "context", elements: [mrkdwn(fitMrkdwn(block.text, Math.min(cap, LIMITS.contextText)))] })];
    case "mentions":
      return [(cap) => ({ type: "section", text: mrkdwn(mentionsMrkdwn(block.parts, Math.min(cap, LIMITS.sectionText))) })];
    case "divider":
      return [() => ({ type: "divider" })];
    case "actions": {
      // Drawn once, here: producers may be called several times, the action ids must not change.
      const elements = block.actions
        .map((a) => renderAction(a, actionIds))
        .filter((e): e is SlackElement => e !== null)
        .slice(0, LIMITS.actionsElements);
      if (elements.length === 0) return [];
      const picker = block.actions.find((a) => a.kind === "userPicker");
      const blockId = picker ? pickerBlockId(index, picker.value) : undefined;
      const actions: SlackBlock = { type: "actions", ...(blockId && blockId.length <= LIMITS.blockId ? { block_id: blockId } : {}), elements };
      return [() => actions];
    }
  }
}

/** The largest text cap (≤ `start`) for which the block is at most `room` JSON characters. */
function shrinkToFit(produce: Producer, room: number, start: number): SlackBlock | null {
  let lo = 0;
  let hi = start;
  let best: SlackBlock | null = null;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const block = produce(mid);
    if (block && size(block) <= room) {
      best = block;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Message → Block Kit for a message (default), the Home tab or a modal. */
export function renderMessage(message: Message, surface: Surface = "message"): RenderedMessage {
  const maxBlocks = surface === "message" ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  const charts = { count: 0 };
  const actionIds = new Map<string, number>();
  const pending = message.blocks.flatMap((b, i) => producers(b, i, surface, charts, actionIds));
  const note: SlackBlock = { type: "context", elements: [mrkdwn(escapeMrkdwn(SHORTENED[message.lang]))] };
  const reserve = size(note) + 1;
  const blocks: SlackBlock[] = [];
  let used = 2; // "[]"
  for (let i = 0; i < pending.length; i++) {
    const last = i === pending.length - 1;
    const slotsLeft = maxBlocks - blocks.length - (last ? 0 : 1);
    const room = LIMITS.totalJson - used - (blocks.length > 0 ? 1 : 0) - (last ? 0 : reserve);
    const full = pending[i]!(Number.MAX_SAFE_INTEGER);
    if (full === null) continue;
    const block = slotsLeft <= 0 ? null : size(full) <= room ? full : shrinkToFit(pending[i]!, room, LIMITS.sectionText);
    // A block cut below a readable size is not worth showing; the note says there was more.
    if (block === null || (block !== full && size(block) < Math.min(size(full), 200))) {
      blocks.push(note);
      break;
    }
    blocks.push(block);
    used += size(block) + (blocks.length > 1 ? 1 : 0);
  }
  return { text: fitMrkdwn(message.summary, LIMITS.fallbackText), blocks };
}

/** An input of a modal: a text field or a menu of fixed options (static_select). */
export interface InputBlock {
  type: "input";
  block_id: string;
  label: PlainText;
  optional: boolean;
  element:
    | { type: "plain_text_input"; action_id: string; multiline: boolean; max_length: number; initial_value?: string }
    | { type: "static_select"; action_id: string; options: { text: PlainText; value: string }[] };
}
export type ViewBlock = SlackBlock | InputBlock;

/**
 * Limits of input blocks (docs.slack.dev/reference/block-kit/blocks/input-block, …/block-elements/
 * plain-text-input-element and select-menu-element, composition-objects/option-object).
 */
export const INPUT_LIMITS = { label: 2000, textLength: 3000, options: 100, optionText: 75, optionValue: 150 } as const;

export interface HomeView { type: "home"; blocks: SlackBlock[] }
export interface ModalView {
  type: "modal";
  title: PlainText;
  blocks: ViewBlock[];
  callback_id?: string;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
}

/** A Message as the App Home tab (views.publish). */
export function renderHomeView(message: Message): HomeView {
  return { type: "home", blocks: renderMessage(message, "home").blocks };
}

/** A Message as a read-only or submit-able modal (views.open); inputs are added by the caller. */
export function renderModalView(message: Message, options: { title: string; callbackId?: string; submit?: string; close?: string; privateMetadata?: string }): ModalView {
  if (options.privateMetadata && options.privateMetadata.length > LIMITS.privateMetadata) throw new Error("private_metadata longer than 3,000 characters");
  return {
    type: "modal",
    title: plain(options.title, LIMITS.modalTitle),
    blocks: renderMessage(message, "modal").blocks,
    ...(options.callbackId ? { callback_id: options.callbackId } : {}),
    ...(options.submit ? { submit: plain(options.submit, LIMITS.modalTitle) } : {}),
    ...(options.close ? { close: plain(options.close, LIMITS.modalTitle) } : {}),
    ...(options.privateMetadata ? { private_metadata: options.privateMetadata } : {}),
  };
}

function renderField(field: FormField): InputBlock | null {
  const label = plain(field.label, INPUT_LIMITS.label);
  if (field.kind === "select") {
    // A value cut short would submit something else: such an option is left out.
    const options = field.options
      .filter((o) => o.value.length > 0 && o.value.length <= INPUT_LIMITS.optionValue)
      .slice(0, INPUT_LIMITS.options)
      .map((o) => ({ text: plain(o.label, INPUT_LIMITS.optionText), value: o.value }));
    if (options.length === 0) return null;
    return { type: "input", block_id: field.id, label, optional: !field.required, element: { type: "static_select", action_id: field.id, options } };
  }
  const max = Math.min(field.maxLength, INPUT_LIMITS.textLength);
  const initial = field.initial ? fitPlain(field.initial, max) : "";
  return {
    type: "input",
    block_id: field.id,
    label,
    optional: !field.required,
    element: { type: "plain_text_input", action_id: field.id, multiline: field.kind === "multiline", max_length: max, ...(initial ? { initial_value: initial } : {}) },
  };
}

/**
 * A Form (src/messages/forms.ts) as a modal: one input block per field, block_id and action_id
 * both the field id (so view_submission errors name the field), callback_id the form id.
 * `intro` is drawn above the inputs (e.g. which case is being resolved).
 */
export function renderFormModal(form: Form, options: { close: string; privateMetadata?: string; intro?: Message }): ModalView {
  const base = renderModalView(options.intro ?? { kind: "formIntro", lang: "da", summary: "", blocks: [] }, {
    title: form.title,
    callbackId: form.id,
    submit: form.submitLabel,
    close: options.close,
    ...(options.privateMetadata ? { privateMetadata: options.privateMetadata } : {}),
  });
  const inputs = form.fields.map(renderField).filter((b): b is InputBlock => b !== null);
  return { ...base, blocks: [...base.blocks.slice(0, LIMITS.viewBlocks - inputs.length), ...inputs] };
}
