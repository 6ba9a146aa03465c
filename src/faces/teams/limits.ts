// Every Teams / Adaptive Card size limit the Teams face respects, in one place.
export const LIMITS = {
  /**
   * Teams refuses bot messages larger than about 28 KB (the whole activity: card, summary,
   * addressing). The rendered card JSON must stay below this, leaving room for the envelope.
   */
  cardBytes: 24_000,
  /** one line in notifications and in clients that show no cards (activity.summary, fallbackText) */
  summaryChars: 250,
  headerChars: 200,
  /** one text, context or quote block */
  textChars: 3_000,
  factTitleChars: 80,
  factValueChars: 500,
  factsPerSet: 20,
  /** trend points per chart (13 months, 53 weeks and 31 days all fit) */
  chartPoints: 60,
  chartLabelChars: 40,
  /** Teams shows at most six actions in one set */
  actionsPerSet: 6,
  actionTitleChars: 40,
  /** options in one Input.ChoiceSet (the story form's team menu) */
  choices: 100,
  /**
   * A card click is answered when its turn ends, and Teams gives up after a few seconds: each
   * call made during the turn waits at most this long (roster look-up; the in-place update and
   * the note after a click). A call still running then goes on; the click is answered anyway.
   */
  rosterLookupMs: 1_500,
  turnCallMs: 2_500,
  /** inbound activities are small; anything larger is not from Teams */
  inboundBytes: 1_000_000,
} as const;

/**
 * Used when a card is still too large: each step divides the text limits by this factor
 * before the renderer gives up and sends the header and summary only.
 */
export const SHRINK_STEPS = [1, 2, 4, 8] as const;
