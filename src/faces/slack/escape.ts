// Text from the message model is plain (customer comments, team names, numbers). Before it goes
// into a Slack mrkdwn field it is made inert: no <!channel>, no <@U…> mention, no link, no bold.
import { truncate } from "../../messages/model.ts";

/** Slack has no escape for * ~ ` — they become look-alike characters that mrkdwn ignores. */
const LOOKALIKE: Record<string, string> = { "*": "\u2217", "~": "\u223C", "`": "\u02CB", _: "\u02CD" };

/**
 * Makes plain text safe for a mrkdwn field: `&`, `<`, `>` become entities (so `<!here>`,
 * `<@U123>` and `<http://x|y>` are shown, never acted on); formatting characters become
 * look-alikes (`_` only at a word edge, so snake_case and e-mail addresses keep theirs); a bare
 * @here/@channel/@everyone gets an invisible word joiner; a line starting with `>` gets a soft
 * hyphen so it does not turn into a quote.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[*~`]/g, (c) => LOOKALIKE[c]!)
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, LOOKALIKE._!)
    .replace(/@(here|channel|everyone)\b/giu, "@\u2060$1")
    .replace(/^([ \t]*)&gt;/gm, "$1\u00AD&gt;");
}

/** Slack sends `&`, `<`, `>` in typed text (slash commands) as entities; this undoes that. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The longest form of `raw` (whole, or cut with "…") whose `render` is at most `max` long. */
function fit(raw: string, max: number, render: (text: string) => string, growth: number): string {
  const chars = Array.from(raw);
  // truncate(raw, n) only looks at the first n characters: cut them out once, not on every try.
  const head = chars.length > max ? chars.slice(0, max + 1).join("") : raw;
  const attempt = (n: number) => render(n >= chars.length ? raw : truncate(head, n));
  let n = Math.min(chars.length, max);
  let out = attempt(n);
  while (out.length > max && n > 0) {
    // One character of raw text grows to at most `growth` characters (&amp; = 5).
    n = Math.max(0, n - Math.max(1, Math.ceil((out.length - max) / growth)));
    out = attempt(n);
  }
  return out.length <= max ? out : "";
}

/**
 * Escapes `raw`, passes it through `wrap` (bold, quote marks …) and guarantees the result is at
 * most `max` UTF-16 units long, cutting the raw text with "…" (never in the middle of an entity).
 */
export function fitMrkdwn(raw: string, max: number, wrap: (escaped: string) => string = (s) => s): string {
  return fit(raw, max, (text) => wrap(escapeMrkdwn(text)), 5);
}

/** Plain text (headers, button labels, chart labels) cut to `max` UTF-16 units with "…". */
export function fitPlain(raw: string, max: number): string {
  return fit(raw, max, (text) => text, 2);
}
