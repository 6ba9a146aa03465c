// A theme's example: the whole sentence around a mention, cut to about QUOTE_MAX characters at
// word boundaries, keeping the mention in view.

export const QUOTE_MAX = 120;
/** characters kept before the mention when a long sentence must be cut */
const LEAD = 40;

export function quoteAround(sentence: string, at: number, max = QUOTE_MAX): string {
  if (sentence.length <= max) return sentence;
  let start = Math.max(0, Math.min(at - LEAD, sentence.length - max));
  if (start > 0) {
    const space = sentence.indexOf(" ", start);
    start = space >= 0 && space < at ? space + 1 : start;
  }
  let end = Math.min(sentence.length, start + max - 2);
  if (end < sentence.length) {
    const space = sentence.lastIndexOf(" ", end);
    end = space > at ? space : end;
  }
  return `${start > 0 ? "…" : ""}${sentence.slice(start, end).trim()}${end < sentence.length ? "…" : ""}`;
}
