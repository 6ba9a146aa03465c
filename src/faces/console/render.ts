// Draws a Message as readable terminal text: the console face of local mode. Same wording as the
// chat faces (it comes from the same builders); buttons become the commands to type.
import { formatNpsValue } from "../../messages/format.ts";
import { mentionText, type Action, type Block, type Message } from "../../messages/model.ts";
import type { Lang } from "../../core/language.ts";

const SPARKS = "▁▂▃▄▅▆▇█";

/** Scaled to the values' own range, so a change of a few points shows; gaps stay blank. */
export function sparkline(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  const [min, max] = [Math.min(...known), Math.max(...known)];
  return values
    .map((v) => (v === null ? " " : max === min ? SPARKS[3] : SPARKS[Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))]))
    .join("");
}

const BAR_WIDTH = 20;

/**
 * One line per category: "  Support     ██████████▌ +42". Bars grow from the lowest value shown
 * (or 0), so negative and positive NPS read on one scale; a category without answers shows "–".
 */
export function barLines(bars: { label: string; value: number | null }[]): string[] {
  const known = bars.map((b) => b.value).filter((v): v is number => v !== null);
  const low = Math.min(0, ...known);
  const high = Math.max(0, ...known);
  const span = high - low || 1;
  const width = Math.min(24, Math.max(...bars.map((b) => Array.from(b.label).length), 1));
  return bars.map((b) => {
    const label = Array.from(b.label).slice(0, width).join("").padEnd(width);
    if (b.value === null) return `  ${label}  –`;
    const cells = Math.max(1, Math.round(((b.value - low) / span) * BAR_WIDTH));
    return `  ${label}  ${"█".repeat(cells)} ${formatNpsValue(b.value)}`;
  });
}

/** What to type instead of clicking; actions the console cannot do (hand over, show contact) are left out. */
function typedAction(a: Action, lang: Lang): string | null {
  const da = lang === "da";
  if (a.id === "case.claim") return da ? `tag ${a.value}` : `claim ${a.value}`;
  if (a.id === "case.resolve") return da ? `løs ${a.value} vundet/tabt/ingen-kontakt og hvad du gjorde` : `resolve ${a.value} recovered/lost/no-contact and what you did`;
  return null;
}

function renderBlock(block: Block, lang: Lang): string[] {
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
      const shown = block.points.map((p) => `${p.label} ${formatNpsValue(p.value)}`).join(" · ");
      return [`  ${block.title}: ${sparkline(block.points.map((p) => p.value))}`, `  ${shown}`];
    }
    case "barChart":
      return [`  ${block.title}:`, ...barLines(block.bars)];
    case "gauge":
      return []; // the figure is already in the facts
    case "context":
      return block.text.split("\n").map((l) => `  (${l})`);
    case "mentions":
      return [mentionText(block.parts)];
    case "divider":
      return ["  " + "─".repeat(40)];
    case "actions": {
      const typed = block.actions.map((a) => typedAction(a, lang)).filter((t): t is string => t !== null);
      return typed.length === 0 ? [] : [`  ${lang === "da" ? "Skriv" : "Type"}: ${typed.join(" · ")}`];
    }
  }
}

export function renderConsole(message: Message): string {
  return message.blocks.flatMap((b) => renderBlock(b, message.lang)).join("\n");
}
