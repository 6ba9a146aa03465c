// Message (src/messages/model.ts) → Adaptive Card 1.5 for Teams. One renderer for every message
// the bot sends (answers, help, binding replies, alerts, digests, stories, the home card): new
// blocks or actions are added here, not per message.
//
// Buttons are Action.Execute (Universal Actions): Teams sends an `adaptiveCard/action` invoke
// that the bot answers with the updated card, so the person who clicked sees the new state at
// once (and the same card works in Outlook). A button that needs a form (resolve a case) opens
// it on the card (Action.ShowCard, forms.ts). See listeners/actions/.
import { truncate, type Action, type Block, type MentionPart, type Message } from "../../messages/model.ts";
import { barChart, gauge, lineChart, type Element } from "./charts.ts";
import { executeAction, inlineForm, showFormAction } from "./forms.ts";
import { LIMITS, SHRINK_STEPS } from "./limits.ts";
import { escapeInline, escapeLines } from "./markdown.ts";

export const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";
const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

export type CardJson = Record<string, unknown>;

export type { CardActionData } from "./forms.ts";

/** The people picker's input id; its chosen user id arrives in the action data under this key. */
export const pickerInputId = (actionId: string) => `${actionId}.user`;

interface Budget {
  header: number;
  text: number;
  factTitle: number;
  factValue: number;
  facts: number;
  chartPoints: number;
  label: number;
}

function budget(factor: number): Budget {
  const cut = (n: number) => Math.max(20, Math.floor(n / factor));
  return {
    header: LIMITS.headerChars,
    text: cut(LIMITS.textChars),
    factTitle: LIMITS.factTitleChars,
    factValue: cut(LIMITS.factValueChars),
    facts: Math.max(4, Math.floor(LIMITS.factsPerSet / factor)),
    chartPoints: Math.max(6, Math.floor(LIMITS.chartPoints / factor)),
    label: LIMITS.chartLabelChars,
  };
}

/** Plain text → one TextBlock per line (a single "\n" is no line break in card Markdown). */
function textBlocks(text: string, max: number, style: Element = {}): Element[] {
  const blocks: Element[] = [];
  let gap = false;
  for (const line of escapeLines(truncate(text, max))) {
    if (line.trim() === "") {
      gap = blocks.length > 0;
      continue;
    }
    blocks.push({ type: "TextBlock", text: line, wrap: true, ...style, ...(blocks.length > 0 && !gap ? { spacing: "None" } : {}) });
    gap = false;
  }
  return blocks;
}

function actionElements(actions: Action[], message: Pick<Message, "lang" | "kind">): Element[] {
  const { lang, kind: card } = message;
  const inputs: Element[] = [];
  const buttons = actions.slice(0, LIMITS.actionsPerSet).map((a) => {
    const data = { action: a.id, value: a.value, lang, card };
    if (a.kind === "button") {
      // a button that opens a form (resolve a case) shows the form on the card itself
      const form = inlineForm(a.id, a.value, lang);
      return form ? showFormAction(a.label, form, lang, card) : executeAction(a.id, a.label, data, a.style);
    }
    // Teams' people picker: an Input.ChoiceSet filled from the organisation's directory
    inputs.push({
      type: "Input.ChoiceSet",
      id: pickerInputId(a.id),
      placeholder: truncate(a.placeholder, LIMITS.actionTitleChars),
      choices: [],
      "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
    });
    return executeAction(a.id, a.label, data);
  });
  return [...inputs, { type: "ActionSet", actions: buttons }];
}

/** What a mention is written as in the card text and its entity: the name without markup characters. */
const atText = (name: string) => `<at>${name.replace(/[<>\\[\]*_`~{}]/g, "").trim()}</at>`;

/** A mention line: `<at>Name</at>` (with an entity, see mentionEntities) for a Teams user, else the name. */
function mentionsLine(parts: MentionPart[]): string {
  // escapeInline trims the start of what it escapes: the spaces between a mention and the text stay
  const plain = (text: string) => `${/^\s*/.exec(text)![0]}${escapeInline(text)}`;
  return parts.map((p) => (typeof p === "string" ? plain(p) : p.teamsUserId ? atText(p.name) : plain(p.name))).join("");
}

/** The card's mention entities (msteams.entities): one per person mentioned, so Teams notifies them. */
function mentionEntities(message: Message): Element[] {
  const seen = new Set<string>();
  return message.blocks.flatMap((block) => (block.type === "mentions" ? block.parts : [])).flatMap((p) => {
    if (typeof p === "string" || !p.teamsUserId || seen.has(p.teamsUserId)) return [];
    seen.add(p.teamsUserId);
    return [{ type: "mention", text: atText(p.name), mentioned: { id: p.teamsUserId, name: p.name } }];
  });
}

function blockElements(block: Block, message: Pick<Message, "lang" | "kind">, b: Budget): Element[] {
  switch (block.type) {
    case "header":
      return [{ type: "TextBlock", text: escapeInline(truncate(block.text, b.header)), wrap: true, size: "Large", weight: "Bolder", style: "heading" }];
    case "text":
      return textBlocks(block.text, b.text, block.emphasis === "strong" ? { weight: "Bolder" } : block.emphasis === "muted" ? { isSubtle: true } : {});
    case "facts":
      return [
        {
          type: "FactSet",
          facts: block.facts.slice(0, b.facts).map((f) => ({ title: escapeInline(truncate(f.label, b.factTitle)), value: escapeInline(truncate(f.value, b.factValue)) })),
        },
      ];
    case "quote": {
      const attribution = block.attribution ? textBlocks(`— ${block.attribution}`, b.factTitle, { size: "Small", isSubtle: true }) : [];
      return [{ type: "Container", style: "emphasis", items: [...textBlocks(block.text, b.text), ...attribution] }];
    }
    case "lineChart":
      return [lineChart(block, b.chartPoints, b.label)];
    case "barChart":
      return [barChart(block, b.chartPoints, b.label)];
    case "gauge":
      return [gauge(block, b.label)];
    case "context":
      return textBlocks(block.text, b.text, { size: "Small", isSubtle: true });
    case "mentions":
      return [{ type: "TextBlock", text: mentionsLine(block.parts), wrap: true }];
    case "divider":
      return [];
    case "actions":
      return actionElements(block.actions, message);
  }
}

function build(message: Message, b: Budget): CardJson {
  const body: Element[] = [];
  let separate = false;
  for (const block of message.blocks) {
    if (block.type === "divider") {
      separate = body.length > 0;
      continue;
    }
    const elements = blockElements(block, message, b);
    if (separate && elements[0]) elements[0] = { ...elements[0], separator: true };
    if (elements.length > 0) separate = false;
    body.push(...elements);
  }
  const wide = message.blocks.some((block) => block.type === "lineChart" || block.type === "barChart" || block.type === "gauge");
  const entities = mentionEntities(message);
  const msteams = { ...(wide ? { width: "Full" } : {}), ...(entities.length > 0 ? { entities } : {}) };
  return {
    $schema: SCHEMA,
    type: "AdaptiveCard",
    version: "1.5",
    fallbackText: truncate(message.summary, LIMITS.summaryChars),
    body,
    ...(Object.keys(msteams).length > 0 ? { msteams } : {}),
  };
}

const size = (card: CardJson) => Buffer.byteLength(JSON.stringify(card));

/** The card for a message, shortened step by step until it fits Teams' message size. */
export function renderCard(message: Message): CardJson {
  for (const factor of SHRINK_STEPS) {
    const card = build(message, budget(factor));
    if (size(card) <= LIMITS.cardBytes) return card;
  }
  // Still too large (thousands of blocks): the header and the one-line summary say what it was.
  const header = message.blocks.find((block) => block.type === "header");
  return build({ ...message, blocks: [...(header ? [header] : []), { type: "text", text: message.summary }] }, budget(1));
}

export function cardAttachment(message: Message): { contentType: string; content: CardJson } {
  return { contentType: ADAPTIVE_CARD, content: renderCard(message) };
}

export interface CardMessageActivity {
  type: "message";
  summary: string;
  attachments: { contentType: string; content: CardJson }[];
}

/** The outgoing activity: the card, and `summary` for notifications and the chat list preview. */
export function cardActivity(message: Message): CardMessageActivity {
  return cardJsonActivity(renderCard(message), message.summary);
}

/** The same for a card drawn directly (a form card). */
export function cardJsonActivity(card: CardJson, summary: string): CardMessageActivity {
  return { type: "message", summary: truncate(summary, LIMITS.summaryChars), attachments: [{ contentType: ADAPTIVE_CARD, content: card }] };
}
