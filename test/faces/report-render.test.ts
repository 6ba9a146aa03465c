// The barChart block drawn by each face: Slack's data_visualization bar chart (one series, one bar
// per category, labels unique and within 20 characters, at most 20 bars, a gap left out), Teams'
// Chart.HorizontalBar with a TextBlock fallback naming every category, and console bars.
import { describe, expect, it } from "vitest";
import { barLines, renderConsole } from "../../src/faces/console/render.ts";
import { renderMessage } from "../../src/faces/slack/blocks.ts";
import { renderCard } from "../../src/faces/teams/cards.ts";
import type { Message } from "../../src/messages/model.ts";
import { limitViolations } from "./slack/limits-check.ts";
import { expectCleanCard } from "./teams/e2e.ts";

const chart = (bars: { label: string; value: number | null }[]): Message => ({
  kind: "report",
  lang: "da",
  summary: "NPS pr. team",
  blocks: [{ type: "header", text: "Månedsrapport" }, { type: "barChart", title: "NPS pr. team · november 2026", seriesLabel: "NPS", bars }],
});

const BARS = [
  { label: "Kundeservice", value: 42 },
  { label: "Salg", value: -8 },
  { label: "Lager", value: null },
];

describe("barChart in Slack", () => {
  it("is a native bar chart: one series, categories equal to the labels, the gap left out", () => {
    const { blocks } = renderMessage(chart(BARS));
    expect(blocks[1]).toEqual({
      type: "data_visualization",
      title: "NPS pr. team · november 2026",
      chart: {
        type: "bar",
        series: [{ name: "NPS", data: [{ label: "Kundeservice", value: 42 }, { label: "Salg", value: -8 }] }],
        axis_config: { categories: ["Kundeservice", "Salg"] },
      },
    });
    expect(limitViolations(blocks)).toEqual([]);
  });

  it("keeps at most 20 bars, labels within 20 characters and never two alike", () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ label: `Regionalt kundecenter ${i < 2 ? "" : i}`.trim(), value: i }));
    const { blocks } = renderMessage(chart(many));
    const data = (blocks[1] as any).chart.series[0].data as { label: string }[];
    expect(data).toHaveLength(20);
    expect(new Set(data.map((d) => d.label)).size).toBe(20);
    expect(limitViolations(blocks)).toEqual([]);
  });

  it("outside a message (Home tab, modal), or without any bar, is a line of text", () => {
    const home = renderMessage(chart(BARS), "home").blocks[1];
    expect(home).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "NPS pr. team · november 2026: Kundeservice: +42 · Salg: -8 · Lager: –" }] });
    expect(renderMessage(chart([{ label: "Lager", value: null }])).blocks[1]).toMatchObject({ type: "context" });
  });
});

describe("barChart in Teams", () => {
  it("is a Chart.HorizontalBar (red below zero) with a fallback listing every team", () => {
    const card = renderCard(chart(BARS));
    const element = (card.body as Record<string, unknown>[])[1];
    expect(element).toEqual({
      type: "Chart.HorizontalBar",
      title: "NPS pr. team · november 2026",
      yAxisTitle: "NPS",
      data: [{ x: "Kundeservice", y: 42, color: "good" }, { x: "Salg", y: -8, color: "attention" }],
      fallback: { type: "TextBlock", wrap: true, text: "NPS pr. team · november 2026: Kundeservice +42 · Salg -8 · Lager –" },
    });
    expect(card.msteams).toEqual({ width: "Full" });
    expectCleanCard(card);
  });
});

describe("barChart in the console", () => {
  it("draws one line per team on one scale, negative and positive alike", () => {
    expect(barLines(BARS)).toEqual(["  Kundeservice  ████████████████████ +42", "  Salg          █ -8", "  Lager         –"]);
    expect(renderConsole(chart(BARS))).toContain("  NPS pr. team · november 2026:\n  Kundeservice  ████");
  });
});
