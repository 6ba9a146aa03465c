// Plain text → Adaptive Card TextBlock / Fact text that shows literally. TextBlock and Fact
// text go through a CommonMark subset in Teams (**bold**, _italic_, "- " and "1. " lists,
// [links](url)), and the renderer expands {{DATE(…)}} / {{TIME(…)}}. A customer comment must
// not be able to add formatting or a link with a hidden target, so every character that starts
// one of those is backslash-escaped (CommonMark shows "\*" as "*"). Only what is needed is
// escaped, so ordinary text ("2026-10-01..2026-10-15", "(10 svar)") stays as it is.

const INLINE = /[\\`*_[\]~]|<(?=[a-z/!?])/gi;
/** a line that CommonMark would read as a list item, heading or quote ("-12" and "+20" are none) */
const LINE_START = /^([-+](?=\s|$)|>|#{1,6}(?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))/;
/** "---" (a horizontal rule); rules of * and _ are already escaped inline */
const RULE = /^(?:-[ \t]*){3,}$/;
const ENTITY = /&(?=#?[a-z0-9]+;)/gi;

/** Escapes one line (no newlines) of plain text for a TextBlock or Fact. */
export function escapeLine(line: string): string {
  const escaped = line
    .trimStart() // four leading spaces would make an indented code block
    .replace(INLINE, (c) => `\\${c}`)
    .replace(ENTITY, "\\&")
    .replace(/\{\{/g, "{\\{");
  if (RULE.test(escaped)) return `\\${escaped}`;
  return escaped.replace(LINE_START, (marker: string) => (/^\d/.test(marker) ? `${marker}\\` : `\\${marker}`));
}

/** Plain text → escaped lines: each shown on its own line in the card. */
export function escapeLines(text: string): string[] {
  return text.split(/\r?\n/).map(escapeLine);
}

/** For one-line fields (fact titles and values, chart titles): line breaks become spaces. */
export function escapeInline(text: string): string {
  return escapeLine(text.replace(/\s*\r?\n\s*/g, " "));
}
