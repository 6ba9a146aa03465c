// Slack Block Kit blocks as HTML that looks like Slack's own message view: the header, sections
// with mrkdwn (bold, italic, strike, code, links, quotes), fields, context, dividers, buttons,
// the user picker and the line and bar charts.
import type { SlackBlock, SlackElement } from "../../src/faces/slack/blocks.ts";
import { barChartSvg, lineChartSvg } from "./chart-svg.ts";

/** Slack's mrkdwn → HTML. The text arrives escaped the Slack way (&amp; &lt; &gt;), which is also HTML's. */
export function mrkdwnHtml(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '<a href="$1">$2</a>')
    .replace(/<@([A-Z0-9]+)>/g, '<span class="mention">@$1</span>')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, "$1<b>$2</b>")
    .replace(/(^|[\s(])_([^_\n]+)_/g, "$1<i>$2</i>")
    .replace(/(^|[\s(])~([^~\n]+)~/g, "$1<s>$2</s>")
    .replace(/`([^`\n]+)`/g, "<code>$1</code>")
    .split("\n")
    .map((line) => (line.startsWith("&gt;") ? `<blockquote>${line.slice(4).trimStart()}</blockquote>` : line.startsWith(">") ? `<blockquote>${line.slice(1).trimStart()}</blockquote>` : line))
    .join("<br>")
    .replace(/<\/blockquote><br>/g, "</blockquote>");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function element(e: SlackElement): string {
  if (e.type === "users_select") return `<span class="select">${esc(e.placeholder.text)} <span class="caret">▾</span></span>`;
  return `<span class="button ${e.style ?? ""}">${esc(e.text.text)}</span>`;
}

function block(b: SlackBlock): string {
  switch (b.type) {
    case "header":
      return `<div class="header">${esc(b.text.text)}</div>`;
    case "section":
      return "text" in b
        ? `<div class="section">${mrkdwnHtml(b.text.text)}</div>`
        : `<div class="fields">${b.fields.map((f) => `<div>${mrkdwnHtml(f.text)}</div>`).join("")}</div>`;
    case "context":
      return `<div class="context">${b.elements.map((e) => mrkdwnHtml(e.text)).join(" ")}</div>`;
    case "divider":
      return `<hr>`;
    case "actions":
      return `<div class="actions">${b.elements.map(element).join("")}</div>`;
    case "data_visualization": {
      const points = b.chart.series[0]?.data ?? [];
      const svg = b.chart.type === "bar" ? barChartSvg(points, 560, "vertical", "#1264a3") : lineChartSvg(points, 520, 170, "#1264a3");
      return `<div class="chart"><div class="chart-title">${esc(b.title)}</div>${svg}</div>`;
    }
  }
}

const STYLE = `
body { margin: 0; background: #fff; font: 15px/1.47 "Lato", "Helvetica Neue", Arial, sans-serif; color: #1d1c1d; }
.message { display: flex; gap: 8px; padding: 16px 20px; width: 640px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #2e7d5b; color: #fff; font-weight: 900; display: flex; align-items: center; justify-content: center; flex: none; }
.name { font-weight: 900; } .app { background: #e8e8e8; color: #616061; font-size: 10px; font-weight: 700; padding: 1px 3px; border-radius: 2px; margin-left: 4px; }
.time { color: #616061; font-size: 12px; margin-left: 6px; }
.header { font-size: 18px; font-weight: 900; margin: 4px 0; }
.section { margin: 4px 0; } .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin: 6px 0; }
.context { color: #616061; font-size: 13px; margin: 4px 0; }
hr { border: 0; border-top: 1px solid #dddddd; margin: 10px 0; }
blockquote { margin: 4px 0; padding-left: 12px; border-left: 4px solid #dddddd; }
code { font: 12px Menlo, monospace; color: #e01e5a; background: #f6f6f6; border: 1px solid #e8e8e8; border-radius: 3px; padding: 1px 3px; }
a { color: #1264a3; text-decoration: none; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.button, .select { border: 1px solid #c8c8c8; border-radius: 4px; padding: 3px 12px; font-size: 14px; font-weight: 700; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #fff; } .button.danger { color: #e01e5a; }
.select { font-weight: 400; color: #616061; } .caret { margin-left: 24px; }
.chart { border: 1px solid #dddddd; border-radius: 8px; padding: 8px 12px; margin: 8px 0; display: inline-block; }
.chart-title { font-weight: 700; font-size: 14px; margin-bottom: 4px; }`;

/** A whole page: the bot's name and avatar, then the blocks, as one Slack message. */
export function slackPage(blocks: SlackBlock[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<div class="message" id="picture"><div class="avatar">K</div><div>
<div><span class="name">Kundepuls</span><span class="app">APP</span><span class="time">08:30</span></div>
${blocks.map(block).join("\n")}
</div></div></body></html>`;
}
