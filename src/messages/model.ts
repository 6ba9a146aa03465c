// The platform-neutral message model. Every message the bot sends (an /nps answer, a digest, an
// alert, a story, help) is built once as a Message and drawn by each face: Slack Block Kit,
// Teams Adaptive Cards, console text. Text here is plain: renderers escape it for their platform.
import type { Lang } from "../core/language.ts";

export interface Fact {
  label: string;
  value: string;
}

export interface ChartPoint {
  label: string;
  /** null = no answers in that bucket (a gap, not a zero) */
  value: number | null;
}

/** A person a message names (platform-neutral): each face draws a mention that notifies them where
 * it knows their chat user (Slack <@U…>, a Teams <at> mention), else their name. */
export interface PersonMention {
  name: string;
  slackUserId: string | null;
  /** the Microsoft Entra (AAD) object id */
  teamsUserId: string | null;
}

/** A line of text with people in it: plain strings and the people, in order. */
export type MentionPart = string | PersonMention;

export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: string; emphasis?: "strong" | "muted" }
  | { type: "facts"; facts: Fact[] }
  | { type: "quote"; text: string; attribution?: string }
  | { type: "lineChart"; title: string; seriesLabel: string; points: ChartPoint[] }
  /**
   * Categories side by side (NPS per team). `bars` are drawn in order; a null value is a category
   * without answers (left out of the chart, shown as "–" in the text fallback). Renderers draw at
   * most their platform's number of bars; the builder caps first and says how many were left out.
   */
  | { type: "barChart"; title: string; seriesLabel: string; bars: ChartPoint[] }
  | { type: "gauge"; title: string; value: number; min: number; max: number }
  | { type: "context"; text: string }
  | { type: "mentions"; parts: MentionPart[] }
  | { type: "divider" }
  | { type: "actions"; actions: Action[] };

export type Action =
  | { kind: "button"; id: string; label: string; value: string; style?: "primary" | "danger" }
  /** label: what choosing does ("Giv videre"); placeholder: what the empty picker says ("Vælg en kollega…") */
  | { kind: "userPicker"; id: string; label: string; placeholder: string; value: string };

export interface Message {
  /** what the message is, for logs and outbox keys: "npsAnswer", "digest", "alert", … */
  kind: string;
  lang: Lang;
  /** one line for notifications and clients that show no rich content */
  summary: string;
  blocks: Block[];
}

/** Cuts text to `max` characters with an ellipsis, never in the middle of a surrogate pair. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join("").trimEnd() + "…";
}

/** A mention line as plain text (the console, summaries, fallbacks): the names. */
export function mentionText(parts: MentionPart[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p.name)).join("");
}
