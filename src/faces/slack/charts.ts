// lineChart and barChart blocks → Slack's data_visualization block (a line or a bar chart, one
// series). Slack draws no gaps, so buckets and teams without answers are left out and the text
// beside the chart names them; where no chart fits (home tab, modals, the per-message limit), the
// same figures go in a context line.
import { formatNpsValue } from "../../messages/format.ts";
import type { Block } from "../../messages/model.ts";
import type { SlackBlock } from "./blocks.ts";
import { fitMrkdwn, fitPlain } from "./escape.ts";
import { LIMITS } from "./limits.ts";

/** data_visualization's chart: one series, one point or bar per category (docs.slack.dev/reference/block-kit/blocks/data-visualization-block) */
export interface SlackChart {
  type: "line" | "bar";
  series: { name: string; data: { label: string; value: number }[] }[];
  axis_config: { categories: string[]; x_label?: string; y_label?: string };
}

type ChartBlock = Extract<Block, { type: "lineChart" | "barChart" }>;
type Point = { label: string; value: number };
const chartPoints = (block: ChartBlock) => (block.type === "lineChart" ? block.points : block.bars);
const withValue = (points: { label: string; value: number | null }[]): Point[] => points.filter((p): p is Point => p.value !== null);

/** "+12", "-3", "0"; "–" for a gap (a bar chart's values are NPS figures) */
const shownValue = (block: ChartBlock, value: number | null) => (value === null ? "–" : block.type === "barChart" ? formatNpsValue(value) : String(value));

export function chartAsText(block: ChartBlock, cap: number): SlackBlock {
  const points = chartPoints(block).map((p) => `${p.label}: ${shownValue(block, p.value)}`).join(" · ");
  return { type: "context", elements: [{ type: "mrkdwn", text: fitMrkdwn(`${block.title}: ${points}`, Math.min(cap, LIMITS.contextText)) }] };
}

function dataVisualization(type: SlackChart["type"], block: ChartBlock, data: Point[]): SlackBlock {
  return {
    type: "data_visualization",
    title: fitPlain(block.title, LIMITS.chartTitle),
    chart: { type, series: [{ name: fitPlain(block.seriesLabel, LIMITS.chartSeriesName), data }], axis_config: { categories: data.map((d) => d.label) } },
  };
}

/** The latest buckets with answers, as a line. */
function lineChartBlock(block: Extract<Block, { type: "lineChart" }>): SlackBlock | null {
  const points = withValue(block.points).slice(-LIMITS.chartPoints);
  if (points.length === 0) return null;
  return dataVisualization("line", block, points.map((p) => ({ label: fitPlain(p.label, LIMITS.chartLabel), value: p.value })));
}

/** The first categories with answers, one bar each, labels kept unique. */
function barChartBlock(block: Extract<Block, { type: "barChart" }>): SlackBlock | null {
  const bars = withValue(block.bars).slice(0, LIMITS.chartPoints);
  if (bars.length === 0) return null;
  // Labels must be unique: two teams cut to the same 20 characters would share one bar.
  const seen = new Set<string>();
  const data = bars.map((p) => {
    let label = fitPlain(p.label, LIMITS.chartLabel);
    for (let n = 2; seen.has(label); n++) label = fitPlain(`${p.label.slice(0, LIMITS.chartLabel - 3)} ${n}`, LIMITS.chartLabel);
    seen.add(label);
    return { label, value: Math.round(p.value) };
  });
  return dataVisualization("bar", block, data);
}

/** The chart for a lineChart or barChart block, or null when no category has answers. */
export function chartBlock(block: ChartBlock): SlackBlock | null {
  return block.type === "lineChart" ? lineChartBlock(block) : barChartBlock(block);
}
