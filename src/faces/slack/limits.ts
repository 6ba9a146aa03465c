// Slack's Block Kit limits in one place. The renderer (blocks.ts) never produces anything larger;
// the tests check every rendered message against these numbers.
// Sources: docs.slack.dev/reference/block-kit (blocks, block elements, composition objects) and
// docs.slack.dev/reference/block-kit/blocks/data-visualization-block.

export const LIMITS = {
  /** blocks in one message */
  messageBlocks: 50,
  /** blocks in a modal or on the Home tab */
  viewBlocks: 100,
  /** mrkdwn/plain text of a section */
  sectionText: 3000,
  /** fields of one section, and the length of each */
  sectionFields: 10,
  fieldText: 2000,
  /** header blocks take plain_text only */
  headerText: 150,
  /** elements of a context block, and the text of each */
  contextElements: 10,
  contextText: 3000,
  /** interactive elements of one actions block */
  actionsElements: 25,
  buttonText: 75,
  actionValue: 2000,
  actionId: 255,
  blockId: 255,
  placeholderText: 150,
  /** the top-level `text` of a message (notifications, clients without blocks); Slack truncates at 40,000 */
  fallbackText: 3000,
  /** modal title, submit and close labels */
  modalTitle: 24,
  privateMetadata: 3000,
  /** data_visualization: title, charts per message, points per series, labels and series names */
  chartTitle: 50,
  chartsPerMessage: 2,
  chartPoints: 20,
  chartLabel: 20,
  chartSeriesName: 20,
  chartAxisLabel: 50,
  /**
   * Our own budget for the whole `blocks` array as JSON. Slack refuses very large payloads and
   * truncates long messages behind "Show more"; a readable message stays far below this.
   */
  totalJson: 12_000,
} as const;
