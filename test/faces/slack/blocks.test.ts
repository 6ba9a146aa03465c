// The Block Kit renderer: the biggest messages we really send, a synthetic monster, escaping of
// customer text, charts, buttons and views — every result checked against Slack's limits.
import { describe, expect, it } from "vitest";
import { computeNps } from "../../../src/core/nps.ts";
import type { NpsReport } from "../../../src/core/report.ts";
import { buildBindingReply } from "../../../src/messages/binding.ts";
import { buildHelp } from "../../../src/messages/help.ts";
import type { Block, Message } from "../../../src/messages/model.ts";
import { buildNpsAnswer } from "../../../src/messages/nps-answer.ts";
import { pickerValueFromBlockId, renderHomeView, renderMessage, renderModalView, type SlackBlock } from "../../../src/faces/slack/blocks.ts";
import { escapeMrkdwn, fitMrkdwn, unescapeSlackText } from "../../../src/faces/slack/escape.ts";
import { limitViolations } from "./limits-check.ts";

const period = (label: string) => ({ from: new Date("2026-10-01T00:00:00+02:00"), to: new Date("2026-11-01T00:00:00+01:00"), kind: "month" as const, label: { da: label, en: label } });

function report(teamName: string | null, trendValues: (number | null)[]): NpsReport {
  const figures = computeNps({ promoters: 52, passives: 21, detractors: 17 }, 30);
  const previous = computeNps({ promoters: 40, passives: 30, detractors: 20 }, 30);
  return {
    period: period("oktober 2026"),
    scope: { team: teamName ? { slug: "x", name: teamName } : null, touchpoint: teamName ? "telefon" : null },
    figures,
    previous: { period: period("september 2026"), figures: previous, comparison: { nps: previous.nps, delta: 16.67, significant: false } },
    trend: trendValues.map((v, i) => ({ label: `2026-${String(i + 1).padStart(2, "0")}`, short: { da: `m${i + 1}`, en: `M${i + 1}` }, partial: false, from: new Date(), to: new Date(), nps: v, responses: v === null ? 0 : 40 })),
  };
}

const TWELVE = [12, 18, null, 25, 31, 28, 22, 35, 38, 30, 33, 39];
const texts = (blocks: SlackBlock[]): string[] =>
  blocks.flatMap((b) => (b.type === "section" ? ("text" in b ? [b.text.text] : b.fields.map((f) => f.text)) : b.type === "context" ? b.elements.map((e) => e.text) : b.type === "header" ? [b.text.text] : []));

describe("the NPS answer", () => {
  it("has the header, the key figures as fields and a native line chart (the gauge would only repeat the figure)", () => {
    const message = buildNpsAnswer(report("Kundeservice", TWELVE), "da", 30);
    const { text, blocks } = renderMessage(message);
    expect(limitViolations(blocks)).toEqual([]);
    expect(text).toBe(message.summary);
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "NPS Kundeservice · telefon · oktober 2026", emoji: true } });
    const facts = blocks.find((b) => b.type === "section" && "fields" in b);
    expect(facts && "fields" in facts && facts.fields.map((f) => f.text)).toEqual([
      "*NPS*\n+39, usikkerhed ±16 (90 svar)",
      "*Anbefalere / passive / kritikere*\n52 (58 %) / 21 (23 %) / 17 (19 %)",
      "*Ændring fra september (+22)*\n+17 point, inden for usikkerheden",
    ]);
    const chart = blocks.find((b) => b.type === "data_visualization");
    // The bucket without answers is left out; the 11 others are drawn in order.
    expect(chart).toEqual({
      type: "data_visualization",
      title: "NPS pr. måned",
      chart: {
        type: "line",
        series: [{ name: "NPS", data: TWELVE.flatMap((v, i) => (v === null ? [] : [{ label: `m${i + 1}`, value: v }])) }],
        axis_config: { categories: TWELVE.flatMap((v, i) => (v === null ? [] : [`m${i + 1}`])) },
      },
    });
    expect(texts(blocks).join("\n")).not.toMatch(/-100 … 100/);
  });

  it("keeps every limit with a team name of 400 characters", () => {
    const long = "Kundeservice og Eftersalg for Region Syddanmark inklusive Fyn og Øerne ".repeat(6);
    const { blocks } = renderMessage(buildNpsAnswer(report(long, TWELVE), "en", 30));
    expect(limitViolations(blocks)).toEqual([]);
    const header = blocks[0]!;
    expect(header.type === "header" && header.text.text.length).toBe(150);
    expect(header.type === "header" && header.text.text.endsWith("…")).toBe(true);
  });

  it("without answers says so, and draws no chart", () => {
    const empty = { ...report(null, [null, null]), figures: computeNps({ promoters: 0, passives: 0, detractors: 0 }, 30) };
    const { blocks } = renderMessage(buildNpsAnswer(empty, "en", 30));
    expect(limitViolations(blocks)).toEqual([]);
    expect(texts(blocks)).toContain("No answers in this period.");
    expect(blocks.some((b) => b.type === "data_visualization")).toBe(false);
  });
});

describe("help and replies", () => {
  it.each(["da", "en"] as const)("the %s Slack help lists every command it accepts, with the workspace's names", (lang) => {
    const { blocks } = renderMessage(buildHelp(lang, "slack", { team: "support", touchpoint: "telefon" }));
    expect(limitViolations(blocks)).toEqual([]);
    const all = texts(blocks).join("\n");
    const expected =
      lang === "da"
        ? ["• /nps sidste kvartal support – kun ét team", "• /nps denne måned support telefon – team og kontaktpunkt", "• /nps sager support", "• /nps mål support", "• /nps forbind support opsummering alarmer", "• /kundehistorie og din tekst – del en kundehistorie", "Svarene er kun synlige for dig, medmindre du skriver del."]
        : ["• /nps last quarter support – one team only", "• /nps this month support telefon – team and touchpoint", "• /nps cases support", "• /nps goal support", "• /nps connect support digest alerts", "• /kundehistorie and your text – share a customer story", "Answers are visible only to you unless you add share."];
    for (const line of expected) expect(all).toContain(line);
    // text after Slack's escaping: nothing in the help needs an entity or a look-alike
    expect(all).not.toMatch(/&lt;|&gt;|&amp;|[\u2217\u223C\u02CB\u02CD]/);
  });

  it("a connect reply listing 500 teams is cut, not refused", () => {
    const teams = Array.from({ length: 500 }, (_, i) => `team-med-et-langt-navn-${i}`);
    const { blocks } = renderMessage(buildBindingReply("connect", { ok: false, reason: "unknownTeam", teams }, "da"));
    expect(limitViolations(blocks)).toEqual([]);
    expect(texts(blocks)[0]!.endsWith("…")).toBe(true);
  });
});

describe("a synthetic message far over every limit", () => {
  const huge = "Lang kommentar & <!channel> ".repeat(800); // 22,400 characters
  const kinds: Block[] = [
    { type: "header", text: huge },
    { type: "text", text: huge, emphasis: "strong" },
    { type: "facts", facts: Array.from({ length: 23 }, (_, i) => ({ label: `${i} ${huge}`, value: huge })) },
    { type: "quote", text: huge, attribution: huge },
    { type: "lineChart", title: huge, seriesLabel: huge, points: Array.from({ length: 40 }, (_, i) => ({ label: `${huge}${i}`, value: i })) },
    { type: "gauge", title: huge, value: 1, min: -100, max: 100 },
    { type: "context", text: huge },
    { type: "divider" },
    { type: "actions", actions: Array.from({ length: 30 }, (_, i) => ({ kind: "button" as const, id: `b${i}`, label: huge, value: `v${i}` })) },
  ];
  const message: Message = { kind: "test", lang: "da", summary: huge, blocks: Array.from({ length: 80 }, (_, i) => kinds[i % kinds.length]!) };

  it("as a message: at most 50 blocks, JSON under 12,000, every text within its limit, and a note that it was cut", () => {
    const { text, blocks } = renderMessage(message);
    expect(limitViolations(blocks)).toEqual([]);
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(12_000);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(blocks[blocks.length - 1]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "… beskeden er forkortet, den var for lang til Slack." }] });
  });

  it("80 small blocks: the first 49 and the note", () => {
    const small: Message = { kind: "test", lang: "en", summary: "s", blocks: Array.from({ length: 80 }, (_, i) => ({ type: "text", text: `line ${i}` })) };
    const { blocks } = renderMessage(small);
    expect(blocks).toHaveLength(50);
    expect(limitViolations(blocks)).toEqual([]);
    expect(texts(blocks)[48]).toBe("line 48");
    expect(texts(blocks)[49]).toBe("… message shortened, it was too long for Slack.");
  });

  it("on the Home tab and in a modal: up to 100 blocks, no charts", () => {
    const small: Message = { kind: "test", lang: "en", summary: "s", blocks: Array.from({ length: 120 }, (_, i) => (i % 2 ? { type: "text", text: `t${i}` } : kinds[4]!)) };
    const home = renderHomeView(small);
    expect(home.type).toBe("home");
    expect(limitViolations(home.blocks, "view")).toEqual([]);
    const modal = renderModalView(message, { title: "Del som kundehistorie – en meget lang titel", callbackId: "share_story", submit: "Del", close: "Annullér" });
    expect(limitViolations(modal.blocks, "view")).toEqual([]);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal).toMatchObject({ type: "modal", callback_id: "share_story", submit: { type: "plain_text", text: "Del" } });
  });
});

describe("customer text is shown, never obeyed", () => {
  const comment = "<!channel> @here ring til <@U123> hos R&D – *gratis* _nu_ ~aldrig~ `kode` <https://evil.example|klik>\n> falsk citat";

  it("escapes mentions, links, entities and formatting in a quote", () => {
    const { blocks } = renderMessage({ kind: "story", lang: "da", summary: comment, blocks: [{ type: "quote", text: comment, attribution: "Åse <!here>" }] });
    expect(limitViolations(blocks)).toEqual([]);
    const shown = texts(blocks)[0]!;
    expect(shown).not.toMatch(/[<*~`]/);
    expect(shown).toContain("&lt;!channel&gt;");
    expect(shown).toContain("&lt;@U123&gt;");
    expect(shown).toContain("R&amp;D");
    expect(shown).toContain("@\u2060here");
    expect(shown).toContain("\u2217gratis\u2217");
    // Only our own quote marks start a line; the customer's "> falsk citat" stays text.
    expect(shown.split("\n").map((l) => l.slice(0, 1))).toEqual([">", ">", "—"]);
    expect(shown).toContain(">\u00AD&gt; falsk citat");
    expect(shown).toContain("— Åse &lt;!here&gt;");
  });

  it("keeps underscores inside words and addresses, and the fallback text is escaped too", () => {
    expect(escapeMrkdwn("kunde_nr 42 · aase_oerum@example.dk")).toBe("kunde_nr 42 · aase_oerum@example.dk");
    expect(escapeMrkdwn("_kursiv_")).toBe("\u02CDkursiv\u02CD");
    expect(renderMessage({ kind: "x", lang: "da", summary: "<!everyone> *hej*", blocks: [] }).text).toBe("&lt;!everyone&gt; \u2217hej\u2217");
  });

  it("a team name is bold in a fact label without breaking out of it", () => {
    const { blocks } = renderMessage({ kind: "x", lang: "da", summary: "x", blocks: [{ type: "facts", facts: [{ label: "*Salg* <@U1>", value: "<!here>" }] }] });
    expect(texts(blocks)).toEqual(["*\u2217Salg\u2217 &lt;@U1&gt;*\n&lt;!here&gt;"]);
  });

  it("cutting never splits an entity, and Slack's own escapes are undone on the way in", () => {
    const cut = fitMrkdwn("&".repeat(5000), 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).toMatch(/^(&amp;)+…$/);
    expect(unescapeSlackText("connect R&amp;D &lt;x&gt;")).toBe("connect R&D <x>");
  });
});

describe("charts, gauges and buttons", () => {
  const chart = (title: string, n: number): Block => ({ type: "lineChart", title, seriesLabel: "NPS", points: Array.from({ length: n }, (_, i) => ({ label: `uge ${i + 1} i år 2026 og lidt til`, value: i })) });

  it("at most two charts per message, the last 20 points, labels of 20 characters; the third chart becomes text", () => {
    const { blocks } = renderMessage({ kind: "x", lang: "da", summary: "x", blocks: [chart("A", 30), chart("B", 3), chart("C", 3)] });
    expect(limitViolations(blocks)).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(["data_visualization", "data_visualization", "context"]);
    const first = blocks[0]!;
    expect(first.type === "data_visualization" && first.chart.series[0]!.data.map((p) => p.value)).toEqual(Array.from({ length: 20 }, (_, i) => i + 10));
    expect(texts(blocks)[0]).toMatch(/^C: uge 1 i år 2026 og lidt til: 0 · /);
  });

  it("a chart with no values is a text line", () => {
    const { blocks } = renderMessage({ kind: "x", lang: "en", summary: "x", blocks: [{ type: "lineChart", title: "NPS", seriesLabel: "NPS", points: [{ label: "2026-01", value: null }] }] });
    expect(blocks).toEqual([{ type: "context", elements: [{ type: "mrkdwn", text: "NPS: 2026-01: –" }] }]);
  });

  it("buttons and user pickers keep their ids and values; what cannot be sent whole is left out", () => {
    const { blocks } = renderMessage({
      kind: "alert", lang: "da", summary: "x",
      blocks: [{ type: "actions", actions: [
        { kind: "button", id: "case.claim", label: "Jeg tager den", value: "case:42", style: "primary" },
        { kind: "userPicker", id: "case.assign", label: "Giv sagen til …", placeholder: "Vælg en kollega…", value: "case:42" },
        { kind: "button", id: "case.huge", label: "x", value: "v".repeat(2001) },
        { kind: "button", id: "case.long", label: "L".repeat(100), value: "case:42" },
      ] }],
    });
    expect(limitViolations(blocks)).toEqual([]);
    const actions = blocks[0]!;
    if (actions.type !== "actions") throw new Error("not actions");
    expect(actions.elements.map((e) => e.action_id)).toEqual(["case.claim", "case.assign", "case.long"]);
    expect(actions.elements[0]).toEqual({ type: "button", action_id: "case.claim", text: { type: "plain_text", text: "Jeg tager den", emoji: true }, value: "case:42", style: "primary" });
    expect(actions.elements[1]).toEqual({ type: "users_select", action_id: "case.assign", placeholder: { type: "plain_text", text: "Vælg en kollega…", emoji: true } });
    expect(pickerValueFromBlockId(actions.block_id!)).toBe("case:42");
    expect(actions.elements[2]!.type === "button" && actions.elements[2]!.text.text.length).toBe(75);
  });
});
