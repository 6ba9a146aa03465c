// Parses a card with Microsoft's own Adaptive Cards library (the renderer Teams' web client is
// built on) at schema 1.5, and returns every error and warning it reports.
import { createRequire } from "node:module";
import MarkdownIt from "markdown-it";

// The package's ESM build uses extension-less imports that Node cannot resolve; its UMD bundle loads fine.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as typeof import("adaptivecards");

export interface CardIssue {
  event: string;
  message: string;
}

/** Teams' own chart elements are unknown to the library (they render their fallback there). */
export const isTeamsChartNotice = (issue: CardIssue) => issue.event === "UnknownElementType" && /"Chart\.(Line|Gauge|HorizontalBar)"/.test(issue.message);

/**
 * The Teams people picker: Teams documents an Input.ChoiceSet with `"choices": []` and
 * `"choices.data"` (Data.Query on graph.microsoft.com/users) for cards of version 1.2 and up;
 * to the library "choices.data" is a 1.6 property and an empty choice list is an error.
 */
export const isPeoplePickerNotice = (issue: CardIssue) =>
  (issue.event === "UnsupportedProperty" && /"choices\.data"/.test(issue.message)) ||
  (issue.event === "CollectionCantBeEmpty" && /Input\.ChoiceSet/.test(issue.message));

export function parseCard(json: unknown): CardIssue[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const issues: CardIssue[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    issues.push({ event: AC.ValidationEvent[e.event], message: e.message });
  }
  for (const e of card.validateProperties().validationEvents) issues.push({ event: AC.ValidationEvent[e.event], message: e.message });
  return issues;
}

const markdown = new MarkdownIt();

/**
 * The lines a reader sees of a TextBlock's (or Fact's) text. Microsoft's library shows the text
 * as it is when no Markdown processor is installed, and the Teams clients process Markdown: text
 * that reads the same either way is what every Teams client shows. Text that differs (a leaked
 * "\\[" in one, a lost "[" in the other) fails here.
 */
export function shownLines(text: string): string[] {
  return text.split("\n").map((line) => {
    const processed = markdown
      .renderInline(line)
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    if (processed !== line) throw new Error(`Teams clients disagree on ${JSON.stringify(line)}: with Markdown ${JSON.stringify(processed)}`);
    return line;
  });
}
