import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { Message } from "../../../src/messages/model.ts";
import { ADAPTIVE_CARD, cardActivity, pickerInputId, renderCard } from "../../../src/faces/teams/cards.ts";
import { LIMITS } from "../../../src/faces/teams/limits.ts";
import { escapeLine } from "../../../src/faces/teams/markdown.ts";
import { isPeoplePickerNotice, isTeamsChartNotice, parseCard, shownLines } from "./adaptive-cards.ts";
import { buildAlert } from "../../../src/messages/alert.ts";
import { caseView, npsReport, sampleMessages } from "./sample-messages.ts";

type El = Record<string, any>;
const body = (message: Message) => renderCard(message).body as El[];
const all = (elements: El[]): El[] => elements.flatMap((e) => [e, ...all(e.items ?? []), ...(e.fallback && typeof e.fallback === "object" ? all([e.fallback]) : [])]);

describe("every card the bot sends parses cleanly with Microsoft's Adaptive Cards library (1.5)", () => {
  for (const { name, message } of sampleMessages()) {
    it(name, () => {
      const card = renderCard(message);
      expect(card).toMatchObject({ $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.5" });
      const hasPicker = JSON.stringify(card).includes('"Data.Query"');
      const issues = parseCard(card).filter((i) => !isTeamsChartNotice(i) && !(hasPicker && isPeoplePickerNotice(i)));
      expect(issues).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(LIMITS.cardBytes);
    });
  }

  it("the only notices are Teams' chart elements and the Teams people picker", () => {
    const events = sampleMessages().flatMap(({ message }) => parseCard(renderCard(message)));
    expect(events.filter(isTeamsChartNotice).length).toBeGreaterThan(0);
    expect(events.every((e) => isTeamsChartNotice(e) || isPeoplePickerNotice(e))).toBe(true);
  });

  it("a card with an error is reported (the check itself works)", () => {
    const issues = parseCard({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Input.Text", id: "a" }, { type: "Input.Text", id: "a" }] });
    expect(issues.map((i) => i.event)).toContain("DuplicateId");
  });
});

describe("block mapping", () => {
  const [nps] = sampleMessages();
  it("header → large bolder heading; facts → FactSet; muted text → subtle; context → small subtle", () => {
    const message: Message = {
      kind: "t", lang: "da", summary: "s",
      blocks: [
        { type: "header", text: "Overskrift" },
        { type: "text", text: "Vigtigt", emphasis: "strong" },
        { type: "text", text: "Stille", emphasis: "muted" },
        { type: "facts", facts: [{ label: "NPS", value: "+20 ±9" }] },
        { type: "context", text: "Fodnote" },
      ],
    };
    expect(body(message)).toEqual([
      { type: "TextBlock", text: "Overskrift", wrap: true, size: "Large", weight: "Bolder", style: "heading" },
      { type: "TextBlock", text: "Vigtigt", wrap: true, weight: "Bolder" },
      { type: "TextBlock", text: "Stille", wrap: true, isSubtle: true },
      { type: "FactSet", facts: [{ title: "NPS", value: "+20 ±9" }] },
      { type: "TextBlock", text: "Fodnote", wrap: true, size: "Small", isSubtle: true },
    ]);
  });

  it("multi-line text → one TextBlock per line, tight; a blank line keeps its gap", () => {
    const els = body({ kind: "t", lang: "en", summary: "s", blocks: [{ type: "text", text: "one\ntwo\n\nthree" }] });
    expect(els.map((e) => [e.text, e.spacing])).toEqual([["one", undefined], ["two", "None"], ["three", undefined]]);
  });

  it("quote → emphasis container with the attribution small and subtle; divider → separator on the next element", () => {
    const els = body({ kind: "t", lang: "da", summary: "s", blocks: [{ type: "text", text: "før" }, { type: "divider" }, { type: "quote", text: "Godt!", attribution: "Åse" }] });
    expect(els[1]).toEqual({
      type: "Container", style: "emphasis", separator: true,
      items: [{ type: "TextBlock", text: "Godt!", wrap: true }, { type: "TextBlock", text: "— Åse", wrap: true, size: "Small", isSubtle: true }],
    });
  });

  it("lineChart → Chart.Line with x/y values (gaps left out) and a TextBlock fallback with every figure", () => {
    const chart = body(nps!.message).find((e) => e.type === "Chart.Line")!;
    const points = (nps!.message.blocks.find((b) => b.type === "lineChart") as Extract<Message["blocks"][number], { type: "lineChart" }>).points;
    expect(chart.data).toEqual([{ legend: "NPS", values: points.filter((p) => p.value !== null).map((p) => ({ x: p.label, y: p.value })) }]);
    expect(points.some((p) => p.value === null)).toBe(true);
    expect(chart.fallback.type).toBe("TextBlock");
    for (const p of points) expect(chart.fallback.text).toContain(`${p.label} ${p.value === null ? "–" : p.value > 0 ? `+${p.value}` : p.value}`);
    expect(renderCard(nps!.message).msteams).toEqual({ width: "Full" });
  });

  it("gauge → Chart.Gauge from -100 to +100: red below 0, amber 0–30, green above, with a fallback", () => {
    const gauge = body(nps!.message).find((e) => e.type === "Chart.Gauge")!;
    // 46 promoters, 20 passives, 18 detractors: (46 − 18) / 84 = 33.3 %
    expect(gauge).toMatchObject({ min: -100, max: 100, value: 33 });
    expect(gauge.segments).toEqual([{ size: 100, color: "attention" }, { size: 30, color: "warning" }, { size: 70, color: "good" }]);
    expect(gauge.fallback).toEqual({ type: "TextBlock", wrap: true, text: `NPS ${npsReport().period.label.da}: +33` });
  });

  it("buttons → Action.Execute with verb and data { action, value, lang, card }; the people picker → Input.ChoiceSet on graph users", () => {
    const els = body({
      kind: "alert", lang: "da", summary: "s",
      blocks: [{
        type: "actions",
        actions: [
          { kind: "button", id: "case.claim", label: "Jeg tager den", value: "42", style: "primary" },
          { kind: "button", id: "case.close", label: "Luk", value: "42", style: "danger" },
          { kind: "userPicker", id: "case.handOver", label: "Giv videre", placeholder: "Vælg en kollega…", value: "42" },
        ],
      }],
    });
    const picker = els.find((e) => e.type === "Input.ChoiceSet")!;
    expect(picker).toMatchObject({ id: pickerInputId("case.handOver"), placeholder: "Vælg en kollega…", choices: [], "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" } });
    const actions = els.find((e) => e.type === "ActionSet")!.actions as El[];
    expect(actions.map((a) => [a.type, a.verb, a.title, a.style])).toEqual([
      ["Action.Execute", "case.claim", "Jeg tager den", "positive"],
      ["Action.Execute", "case.close", "Luk", "destructive"],
      ["Action.Execute", "case.handOver", "Giv videre", undefined],
    ]);
    expect(actions[0]!.data).toEqual({ action: "case.claim", value: "42", lang: "da", card: "alert" });
    expect(els.indexOf(picker)).toBeLessThan(els.findIndex((e) => e.type === "ActionSet"));
  });

  it("the activity carries the card as an adaptive attachment and the summary for notifications", () => {
    const activity = cardActivity(nps!.message);
    expect(activity).toMatchObject({ type: "message", summary: nps!.message.summary });
    expect(activity.attachments).toEqual([{ contentType: ADAPTIVE_CARD, content: renderCard(nps!.message) }]);
    expect(renderCard(nps!.message).fallbackText).toBe(nps!.message.summary);
  });
});

describe("user text cannot add formatting or links", () => {
  const md = new MarkdownIt({ linkify: false });
  const hostile = [
    "Klik [her](https://evil.example/login) for din rabat",
    "**GRATIS** _nu_ ~~dyrt~~ `kode`",
    "- punkt\n+ punkt\n* punkt\n1. først\n2) anden",
    "# Overskrift\n> citat\n---",
    "<https://evil.example> <b>fed</b> &copy; &#169;",
    "{{DATE(2026-11-28T10:00:00Z, SHORT)}}",
    "    indrykket som kode",
    "\\*undsluppet\\* og C:\\sti\\",
    "![billede](https://evil.example/x.png)",
  ];
  const literal = /<(a|strong|em|s|del|code|pre|ul|ol|li|h\d|blockquote|hr|img|b)\b/;

  for (const text of hostile) {
    it(JSON.stringify(text), () => {
      const els = all(body({ kind: "t", lang: "da", summary: "s", blocks: [{ type: "quote", text }, { type: "facts", facts: [{ label: text, value: text }] }] }));
      const texts = els.flatMap((e) => (e.type === "TextBlock" ? [e.text as string] : e.type === "FactSet" ? e.facts.flatMap((f: El) => [f.title, f.value]) : []));
      expect(texts.length).toBeGreaterThan(0);
      for (const escaped of texts) {
        const html = md.render(escaped); // block rules too: lists, headings, quotes, code
        expect(html).not.toMatch(literal);
        expect(escaped).not.toMatch(/\{\{(DATE|TIME)\(/);
      }
      // what a CommonMark renderer shows is the original text, line by line
      const lines = text.split("\n").map((l) => l.trimStart());
      const quoteLines = els.filter((e) => e.type === "TextBlock").map((e) => decode(md.render(e.text)));
      expect(quoteLines).toEqual(lines.filter((l) => l !== ""));
    });
  }

  it("ordinary text is left alone (no needless backslashes)", () => {
    for (const text of ["NPS +20 ±54", "-12 i forhold til sidst", "2026-10-01..2026-10-15", "Svar: 10 (50 %)", "Bageriet & Co", "score < 5", "anne.marie@example.dk"]) {
      expect(escapeLine(text)).toBe(text);
    }
  });
});

/** markdown-it output of one paragraph → the text a reader sees */
function decode(html: string): string {
  return html.replace(/^<p>|<\/p>\n$/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

describe("rendered text", () => {
  it("what the bot itself writes reads the same in Microsoft's library and in a Markdown client: no escape leaks", () => {
    const walk = (els: El[]): El[] => els.flatMap((e) => [e, ...walk([...(e.items ?? []), ...(e.columns ?? []), ...(e.body ?? [])])]);
    for (const { name, message } of sampleMessages()) {
      if (name.startsWith("a problem")) continue; // quotes markup a person typed: escaped on purpose
      const els = walk(renderCard(message).body as El[]);
      const lines = els.flatMap((e) => [...(e.type === "TextBlock" ? [e.text as string] : []), ...(e.type === "FactSet" ? e.facts.flatMap((f: El) => [f.title, f.value]) : [])]);
      for (const line of lines) expect(() => shownLines(line), `${name}: ${line}`).not.toThrow();
    }
    const alert = renderCard(buildAlert(caseView({ comment: "Ring på (telefonnummer fjernet) – tak" }), "da", new Date("2026-11-28T09:00:00Z")));
    expect(walk(alert.body as El[]).flatMap((e) => (e.type === "TextBlock" ? shownLines(e.text) : []))).toContain("Ring på (telefonnummer fjernet) – tak");
  });
});

describe("size limits", () => {
  it("the largest realistic card (many long facts, quotes and a long trend) is cut to fit Teams and still parses", () => {
    const long = "Lang kommentar om ventetid, omstilling og opfølgning. ".repeat(80);
    const message: Message = {
      kind: "digest", lang: "da", summary: "Dagens NPS – Kundeservice: +20 ".repeat(20),
      blocks: [
        { type: "header", text: "Dagens NPS – Kundeservice ".repeat(20) },
        { type: "facts", facts: Array.from({ length: 40 }, (_, i) => ({ label: `Kontaktpunkt ${i}`, value: long })) },
        ...Array.from({ length: 8 }, () => ({ type: "quote" as const, text: long, attribution: "Åse Ørum, Bageriet ApS" })),
        { type: "lineChart", title: "NPS pr. dag", seriesLabel: "NPS", points: Array.from({ length: 365 }, (_, i) => ({ label: `dag ${i}`, value: (i % 50) - 20 })) },
        { type: "context", text: long },
      ],
    };
    const card = renderCard(message);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(LIMITS.cardBytes);
    expect(parseCard(card).filter((i) => !isTeamsChartNotice(i))).toEqual([]);
    const els = card.body as El[];
    expect(els[0]!.text.length).toBeLessThanOrEqual(LIMITS.headerChars);
    expect(els.find((e) => e.type === "FactSet")!.facts.length).toBeLessThanOrEqual(LIMITS.factsPerSet);
    expect(els.filter((e) => e.type === "Container")).toHaveLength(8);
    expect(els.find((e) => e.type === "Chart.Line")!.data[0].values.length).toBeLessThanOrEqual(LIMITS.chartPoints);
    expect((card.fallbackText as string).length).toBeLessThanOrEqual(LIMITS.summaryChars);
  });

  it("a card that cannot fit becomes its header and summary", () => {
    const message: Message = {
      kind: "huge", lang: "en", summary: "Too much to show",
      blocks: [{ type: "header", text: "Everything" }, ...Array.from({ length: 3000 }, (_, i) => ({ type: "text" as const, text: `line ${i} of a very long message` }))],
    };
    const card = renderCard(message);
    expect(card.body).toEqual([
      { type: "TextBlock", text: "Everything", wrap: true, size: "Large", weight: "Bolder", style: "heading" },
      { type: "TextBlock", text: "Too much to show", wrap: true },
    ]);
  });

  it("at most six actions", () => {
    const actions = Array.from({ length: 9 }, (_, i) => ({ kind: "button" as const, id: `a${i}`, label: `Knap ${i}`, value: String(i) }));
    const set = body({ kind: "t", lang: "da", summary: "s", blocks: [{ type: "actions", actions }] })[0]!;
    expect(set.actions).toHaveLength(LIMITS.actionsPerSet);
  });
});
