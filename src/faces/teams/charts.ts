// lineChart and gauge blocks → Teams' own chart elements (Chart.Line, Chart.Gauge). Clients
// without charts (older Teams, Outlook, the Bot Framework Emulator) render the `fallback`, a
// TextBlock with the same figures, so nobody loses the numbers.
import { truncate, type Block } from "../../messages/model.ts";
import { escapeInline } from "./markdown.ts";
import { formatNpsValue } from "../../messages/format.ts";

type LineChart = Extract<Block, { type: "lineChart" }>;
type Gauge = Extract<Block, { type: "gauge" }>;
type BarChart = Extract<Block, { type: "barChart" }>;
export type Element = Record<string, unknown>;

/** Gauge colours: the lower half of the scale red, the next 15 % amber, the rest green (NPS: <0, 0–30, >30). */
const AMBER_SHARE = 0.15;

/** "+12", "-3", "0" as everywhere else; "–" for a gap */
const figure = formatNpsValue;

/** What clients without charts show instead: the title and every category with its figure, "–" for a gap. */
function figuresFallback(title: string, points: { label: string; value: number | null }[]): Element {
  return { type: "TextBlock", wrap: true, text: escapeInline(`${title}: ${points.map((p) => `${p.label} ${figure(p.value)}`).join(" · ")}`) };
}

/** Chart titles, legends and axis labels are drawn as plain text (no Markdown), so only truncated. */
export function lineChart(block: LineChart, maxPoints: number, labelChars: number): Element {
  const points = block.points.slice(-maxPoints).map((p) => ({ label: truncate(p.label, labelChars), value: p.value }));
  return {
    type: "Chart.Line",
    title: truncate(block.title, labelChars),
    data: [
      {
        legend: truncate(block.seriesLabel, labelChars),
        // a bucket without answers is a gap, not a zero: it is left out of the series
        values: points.flatMap((p) => (p.value === null ? [] : [{ x: p.label, y: p.value }])),
      },
    ],
    fallback: figuresFallback(block.title, points),
  };
}

/**
 * A bar chart as Chart.HorizontalBar: one bar per category, labels on the left, so long team names
 * stay readable on a phone. Negative NPS gets the "attention" colour, the rest "good". Categories
 * without answers have no bar; the fallback TextBlock lists every category with its figure.
 */
export function barChart(block: BarChart, maxBars: number, labelChars: number): Element {
  const bars = block.bars.slice(0, maxBars).map((p) => ({ label: truncate(p.label, labelChars), value: p.value }));
  return {
    type: "Chart.HorizontalBar",
    title: truncate(block.title, labelChars),
    yAxisTitle: truncate(block.seriesLabel, labelChars),
    data: bars.flatMap((p) => (p.value === null ? [] : [{ x: p.label, y: Math.round(p.value), color: p.value < 0 ? "attention" : "good" }])),
    fallback: figuresFallback(block.title, bars),
  };
}

export function gauge(block: Gauge, labelChars: number): Element {
  const range = block.max - block.min;
  const red = range / 2;
  const amber = range * AMBER_SHARE;
  return {
    type: "Chart.Gauge",
    title: truncate(block.title, labelChars),
    subLabel: truncate(block.title, labelChars),
    min: block.min,
    max: block.max,
    value: Math.min(block.max, Math.max(block.min, block.value)),
    // "Percentage" would print the NPS with a % sign; a fraction reads "25/100"
    valueFormat: "Fraction",
    showLegend: false,
    segments: [
      { size: red, color: "attention" },
      { size: amber, color: "warning" },
      { size: range - red - amber, color: "good" },
    ],
    fallback: { type: "TextBlock", wrap: true, text: escapeInline(`${block.title}: ${formatNpsValue(block.value)}`) },
  };
}
