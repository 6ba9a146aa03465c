// Draws a Message as readable terminal text: the console face of local mode.
import type { Block, Message } from "../../messages/model.ts";

const SPARKS = "▁▂▃▄▅▆▇█";

function sparkline(values: (number | null)[], min = -100, max = 100): string {
  return values
    .map((v) => (v === null ? " " : SPARKS[Math.round(((Math.max(min, Math.min(max, v)) - min) / (max - min)) * (SPARKS.length - 1))]))
    .join("");
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case "header":
      return [block.text, "═".repeat(Math.min(60, Array.from(block.text).length))];
    case "text":
      return block.text.split("\n").map((line) => (block.emphasis === "strong" ? `! ${line}` : line));
    case "facts": {
      const width = Math.min(40, Math.max(...block.facts.map((f) => Array.from(f.label).length)));
      return block.facts.map((f) => `  ${f.label.padEnd(width)}  ${f.value}`);
    }
    case "quote":
      return [...block.text.split("\n").map((l) => `  │ ${l}`), ...(block.attribution ? [`  │   — ${block.attribution}`] : [])];
    case "lineChart": {
      const values = block.points.map((p) => p.value);
      const first = block.points[0]?.label ?? "";
      const last = block.points[block.points.length - 1]?.label ?? "";
      const shown = block.points.map((p) => `${p.label}: ${p.value ?? "–"}`).join("  ");
      return [`  ${block.title}: ${sparkline(values)}  (${first} … ${last})`, `  ${shown}`];
    }
    case "gauge":
      return [`  ${block.title} [${block.min} … ${block.max}]: ${block.value}`];
    case "context":
      return block.text.split("\n").map((l) => `  (${l})`);
    case "divider":
      return ["  " + "─".repeat(40)];
    case "actions":
      return [`  ${block.actions.map((a) => `[${a.label}]`).join(" ")}`];
  }
}

export function renderConsole(message: Message): string {
  return message.blocks.flatMap(renderBlock).join("\n");
}
