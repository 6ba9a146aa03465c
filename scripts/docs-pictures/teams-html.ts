// An Adaptive Card drawn by Microsoft's own renderer (the adaptivecards package, which Teams' web
// client is built on) with a host config in Teams' light-theme colours and fonts. Teams' own chart
// elements (Chart.Line, Chart.HorizontalBar, which the package does not know) are drawn as SVG; every other
// element is the package's work, including the fallbacks Teams would show.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { barChartSvg, lineChartSvg } from "./chart-svg.ts";

const LIBRARY = pathToFileURL(createRequire(import.meta.url).resolve("adaptivecards/dist/adaptivecards.js")).href;
// Teams reads TextBlock text as Markdown (backslash escapes included); so does the picture.
const MARKDOWN = pathToFileURL(createRequire(import.meta.url).resolve("markdown-it/browser")).href;

const HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: "#E1DFDD" },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 200, default: 400, bolder: 600 },
  containerStyles: {
    default: { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, accent: { default: "#5B5FC7" }, attention: { default: "#C4314B" }, good: { default: "#237B4B" }, warning: { default: "#835C00" } } },
    emphasis: { backgroundColor: "#F5F5F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
  },
  actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: "inline" }, actionsOrientation: "horizontal", actionAlignment: "left" },
  factSet: { title: { weight: "bolder", wrap: true, maxWidth: 180 }, value: { wrap: true }, spacing: 12 },
};

type Element = Record<string, unknown>;

const CHART_COLOURS: Record<string, string> = { good: "#237B4B", attention: "#C4314B" };

/** Chart.Line and Chart.HorizontalBar → an Image of the same points (what Teams draws); everything else as it is. */
function withCharts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withCharts);
  if (value === null || typeof value !== "object") return value;
  const element = value as Element;
  if (element.type === "Chart.HorizontalBar") {
    const bars = (element.data as { x: string; y: number; color?: string }[]).map((p) => ({ label: p.x, value: p.y, colour: CHART_COLOURS[p.color ?? ""] }));
    const title = String(element.title ?? "");
    const svg = barChartSvg(bars, 560, "horizontal", "#5B5FC7");
    return {
      type: "Container",
      items: [
        { type: "TextBlock", text: title, weight: "Bolder", wrap: true },
        { type: "Image", url: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, altText: title },
      ],
    };
  }
  if (element.type === "Chart.Line") {
    const series = (element.data as { values: { x: string; y: number }[] }[])[0]?.values ?? [];
    const svg = lineChartSvg(series.map((p) => ({ label: p.x, value: p.y })), 560, 180, "#5B5FC7");
    const title = String(element.title ?? "");
    return {
      type: "Container",
      items: [
        { type: "TextBlock", text: title, weight: "Bolder", wrap: true },
        { type: "Image", url: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, altText: title },
      ],
    };
  }
  return Object.fromEntries(Object.entries(element).map(([k, v]) => [k, withCharts(v)]));
}

const STYLE = `
body { margin: 0; background: #f5f5f5; font-family: 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; color: #242424; }
#picture { display: inline-flex; gap: 10px; padding: 16px 20px; }
.avatar { width: 32px; height: 32px; border-radius: 50%; background: #2e7d5b; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; flex: none; }
.meta { font-size: 12px; color: #616161; margin-bottom: 4px; } .meta b { color: #242424; font-weight: 600; margin-right: 6px; }
.card { width: 600px; background: #fff; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14); overflow: hidden; }
.ac-pushButton { border: 1px solid #d1d1d1 !important; background: #fff !important; border-radius: 4px; padding: 5px 12px; font: 600 14px 'Segoe UI', Arial, sans-serif; color: #242424; }
.ac-pushButton.style-positive { background: #5B5FC7 !important; color: #fff !important; border-color: #5B5FC7 !important; }
.ac-input, select { font: 14px 'Segoe UI', Arial, sans-serif; padding: 4px; }`;

/** A whole page: the bot's name, then the card as Teams' web client draws it. */
export function teamsPage(card: unknown): string {
  const json = JSON.stringify(withCharts(card)).replace(/</g, "\\u003c");
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style><script src="${LIBRARY}"></script><script src="${MARKDOWN}"></script></head><body>
<div id="picture"><div class="avatar">K</div><div><div class="meta"><b>Kundepuls</b>08:30</div><div class="card" id="card"></div></div></div>
<script>
  const markdown = window.markdownit();
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = markdown.render(text); result.didProcess = true; };
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(HOST_CONFIG)});
  card.parse(${json});
  document.getElementById("card").appendChild(card.render());
</script></body></html>`;
}
