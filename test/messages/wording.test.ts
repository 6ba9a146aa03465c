// The wording of each message kind, pinned in both languages: the change line, a tiny sample,
// a claimed-but-open case, plurals, named windows, the goal line and the alert's facts.
import { describe, expect, it } from "vitest";
import { computeNps } from "../../src/core/nps.ts";
import { chartLabel, labelSoFar } from "../../src/core/period-labels.ts";
import { parsePeriod, trendBuckets } from "../../src/core/periods.ts";
import { buildAlert, type CaseView } from "../../src/messages/alert.ts";
import { buildDigest, openCasesText, type DigestView } from "../../src/messages/digest.ts";
import { changeFact, factLine, formatChange, formatFigure } from "../../src/messages/figures.ts";
import { formatGoal } from "../../src/messages/goal.ts";
import { buildHelp, commandsFor } from "../../src/messages/help.ts";
import { buildHome } from "../../src/messages/home.ts";
import type { Message } from "../../src/messages/model.ts";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2026-12-07T10:00:00Z");
const texts = (m: Message) => m.blocks.flatMap((b) => (b.type === "text" || b.type === "header" || b.type === "context" ? [b.text] : b.type === "facts" ? b.facts.map(factLine) : []));

describe("one way to say a change", () => {
  const comparison = { nps: 34, delta: -2.6, significant: false };
  it("the previous value in brackets, the change in whole points", () => {
    expect(factLine(changeFact({ previousLabel: "november", comparison, tooFew: false }, "da"))).toBe("Ændring fra november (+34): −3 point, inden for usikkerheden");
    expect(factLine(changeFact({ previousLabel: "November", comparison, tooFew: false }, "en"))).toBe("Change from November (+34): −3 points, within the margin of error");
    expect(factLine(changeFact({ previousLabel: "november", comparison: { nps: -10, delta: 21.5, significant: true }, tooFew: false }, "da"))).toBe("Ændring fra november (-10): +22 point, større end usikkerheden");
    expect(factLine(changeFact({ previousLabel: "November", comparison: { nps: 5, delta: 1, significant: true }, tooFew: false }, "en"))).toBe("Change from November (+5): +1 point, larger than the margin of error");
  });
  it("no verdict on too few answers, and nothing to compare with said plainly", () => {
    expect(changeFact({ previousLabel: "November", comparison, tooFew: true }, "en").value).toBe("−3 points, too few answers to tell whether it is a real change");
    expect(factLine(changeFact({ previousLabel: "november", comparison: { nps: null, delta: null, significant: false }, tooFew: true }, "da"))).toBe("Ændring fra november: ingen svar at sammenligne med");
  });
  it("whole points, never -0", () => {
    expect([0.4, -0.4, 0.5, -0.5, 16.67].map((d) => formatChange(d, "da"))).toEqual(["0 point", "0 point", "+1 point", "−1 point", "+17 point"]);
  });
});

describe("honesty about sample size", () => {
  it("below MIN_RESPONSES the sample leads and the figure is marked uncertain; never ±0", () => {
    const three = computeNps({ promoters: 3, passives: 0, detractors: 0 }, 30);
    expect(three.marginOfError).toBe(0); // what the arithmetic says on three promoters …
    expect(formatFigure(three, 30, "da")).toBe("For få svar (3 af 30): +100, meget usikkert"); // … is not shown
    expect(formatFigure(three, 30, "en")).toBe("Too few answers (3 of 30): +100, very uncertain");
  });
  it("enough answers: the margin is written out, the count labelled", () => {
    const f = computeNps({ promoters: 40, passives: 20, detractors: 17 }, 30);
    expect(formatFigure(f, 30, "da")).toBe("+30, usikkerhed ±18 (77 svar)");
    expect(formatFigure(f, 30, "en")).toBe("+30, margin ±18 (77 answers)");
    expect(formatFigure(computeNps({ promoters: 0, passives: 0, detractors: 0 }), 30, "en")).toBe("no answers");
  });
});

describe("windows named", () => {
  const month = parsePeriod("denne måned", NOW, TZ);
  if (!month.ok) throw new Error("period");
  it("a running month says which days are in; a finished one does not", () => {
    expect(labelSoFar(month.period, NOW, TZ)).toEqual({ da: "december 2026 (1.–7.)", en: "December 2026 (1–7)" });
    expect(labelSoFar(month.period, new Date("2027-01-02T10:00:00Z"), TZ)).toEqual({ da: "december 2026", en: "December 2026" });
    const week = parsePeriod("denne uge", NOW, TZ);
    if (week.ok) expect(labelSoFar(week.period, NOW, TZ).da).toBe("uge 50 2026 (til og med 7. dec.)");
  });
  it("chart labels are month abbreviations, the running one marked as partial", () => {
    const labels = trendBuckets(month.period, NOW, TZ);
    expect(labels.map((b) => chartLabel(b, "da"))).toEqual(["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec (til nu)"]);
    expect(labels.map((b) => chartLabel(b, "en")).slice(-2)).toEqual(["Nov", "Dec (so far)"]);
    expect(labels.at(-1)!.label).toBe("2026-12"); // the key JSON keeps
  });
  it("the goal's current figure names its window", () => {
    const g = { targetNps: 45, dueAt: new Date("2027-11-30T22:59:59Z"), currentNps: 18.4, forecastNps: null, status: "at_risk" as const, elapsedShare: 0.1 };
    expect(formatGoal(g, "da", TZ)).toBe("+45 inden 30. nov. 2027 · nu +18 (seneste 30 dage) · 10 % af tiden gået · i risiko ⚠️");
    expect(formatGoal(g, "en", TZ)).toBe("+45 by 30 Nov 2027 · now +18 (last 30 days) · 10 % of the time gone · at risk ⚠️");
  });
});

describe("the digest", () => {
  const view = (over: Partial<DigestView> = {}): DigestView => ({
    team: { slug: "support", name: "Kundeservice" },
    sinceLast: { promoters: 1, passives: 1, detractors: 1, responses: 3 },
    rolling: computeNps({ promoters: 40, passives: 20, detractors: 17 }, 30),
    before: computeNps({ promoters: 30, passives: 20, detractors: 20 }, 30),
    comparison: { nps: 14.29, delta: 15.66, significant: false },
    minResponses: 30, goal: null, bestQuote: null,
    openCases: { open: 1, inProgress: 1, oldestOpenedAt: new Date("2026-12-04T10:00:00Z") },
    trend: null,
    ...over,
  });
  it("says what it shows, counts right, and a claimed case is open and in progress, never ingen 🎉", () => {
    expect(texts(buildDigest(view(), "da", NOW, TZ))).toEqual([
      "Dagens opsummering – Kundeservice",
      "3 nye svar siden sidst: 1 anbefaler, 1 passiv, 1 kritiker.",
      "NPS, seneste 30 dage: +30, usikkerhed ±18 (77 svar)",
      "Ændring fra de 30 dage før (+14): +16 point, inden for usikkerheden",
      "Åbne sager om utilfredse kunder: 1 åben sag, 1 i gang, ældste åbnet for 3 dage siden",
    ]);
    expect(texts(buildDigest(view({ sinceLast: { promoters: 2, passives: 0, detractors: 0, responses: 2 } }), "en", NOW, TZ))).toEqual([
      "Daily digest – Kundeservice",
      "2 new answers since last time: 2 promoters, 0 passives, 0 detractors.",
      "NPS, last 30 days: +30, margin ±18 (77 answers)",
      "Change from the 30 days before (+14): +16 points, within the margin of error",
      "Open detractor cases: 1 open case, 1 in progress, oldest opened 3 days ago",
    ]);
  });
  it("open cases: 0, 1 and 2", () => {
    expect(openCasesText({ open: 0, inProgress: 0, oldestOpenedAt: null }, "da", NOW)).toBe("ingen 🎉");
    expect(openCasesText({ open: 2, inProgress: 0, oldestOpenedAt: null }, "da", NOW)).toBe("2 åbne sager");
    expect(openCasesText({ open: 2, inProgress: 2, oldestOpenedAt: null }, "en", NOW)).toBe("2 open cases, 2 in progress");
  });
  it("a quiet day names the window of its figure", () => {
    const quiet = buildDigest(view({ sinceLast: { promoters: 0, passives: 0, detractors: 0, responses: 0 }, rolling: computeNps({ promoters: 3, passives: 0, detractors: 0 }, 30) }), "da", NOW, TZ);
    expect(quiet.summary).toBe("Kundeservice: ingen nye svar siden sidste opsummering. NPS, seneste 30 dage: For få svar (3 af 30): +100, meget usikkert.");
  });
});

const caseView = (over: Partial<CaseView> = {}): CaseView => ({
  id: 12, state: "open", score: 2, ces: 1, comment: "Ring på (telefonnummer fjernet)", customerName: "Åse Ørum", customerAccount: null,
  contact: { email: "aase@example.dk" }, team: { slug: "support", name: "Kundeservice" }, touchpoint: "telefon",
  answeredAt: new Date("2026-12-07T08:00:00Z"), openedAt: new Date("2026-12-07T08:01:00Z"), ownerName: "Mette Holm",
  claimedBy: null, resolvedBy: null, actionTaken: null, outcome: null, ...over,
});

describe("the alert", () => {
  it("customer effort, the contact kept on the owner's claimed copy, the picker's own placeholder", () => {
    const da = buildAlert(caseView({ state: "claimed", claimedBy: "Mette Holm" }), "da", NOW);
    expect(texts(da)).toEqual(expect.arrayContaining(["Kundens besvær (CES): 1 af 7", "Kontakt: aase@example.dk", "Status: Taget af Mette Holm"]));
    const actions = da.blocks.flatMap((b) => (b.type === "actions" ? b.actions : []));
    expect(actions.find((a) => a.kind === "userPicker")).toMatchObject({ label: "Giv videre", placeholder: "Vælg en kollega…" });
    expect(actions.map((a) => a.id)).not.toContain("case.contact");
    const en = buildAlert(caseView(), "en", NOW);
    expect(texts(en)).toContain("Customer effort (CES): 1 of 7");
    expect(en.blocks.flatMap((b) => (b.type === "actions" ? b.actions : [])).find((a) => a.kind === "userPicker")).toMatchObject({ placeholder: "Choose a colleague…" });
  });
});

describe("home", () => {
  const base = { personName: "Sune", openCases: [], monthLabel: "december 2026 (1.–7.)", minResponses: 30, teams: [], company: { nps: 35, marginOfError: 29, responses: 12 } };
  it("names the month and is honest about its sample", () => {
    expect(texts(buildHome({ ...base, known: true }, "da", NOW, TZ))).toContain("NPS december 2026 (1.–7.): For få svar (12 af 30): +35, meget usikkert");
  });
  it("a user not linked yet is told so, not congratulated on having no cases", () => {
    const da = texts(buildHome({ ...base, known: false }, "da", NOW, TZ));
    expect(da.join("\n")).not.toContain("godt gået");
    expect(da).toContain("Jeg kender dig ikke endnu, så jeg kan ikke vise dine sager. Bed en administrator knytte din konto til din e-mail i Kundepuls.");
    expect(texts(buildHome({ ...base, known: true }, "en", NOW, TZ))).toContain("None – well done! 🎉");
  });
});

describe("help and errors per platform", () => {
  it("Teams writes a command without the slash; Slack and the console keep it", () => {
    const error = "Jeg kender ikke \"x\" som team eller kontaktpunkt. Prøv fx: /nps denne måned support telefon";
    expect(commandsFor("teams", error)).toBe("Jeg kender ikke \"x\" som team eller kontaktpunkt. Prøv fx: nps denne måned support telefon");
    expect(commandsFor("slack", error)).toBe(error);
  });
  it("the console help lists the case commands and no channel commands; each help is in one language", () => {
    const da = texts(buildHelp("da", "console", { team: "support", touchpoint: "telefon" })).join("\n");
    expect(da).toContain("• tag 12 – tag sag nr. 12");
    expect(da).toContain("• løs 12 vundet ringede og beklagede – løs sagen: vundet, tabt eller ingen-kontakt, og hvad du gjorde");
    expect(da).not.toMatch(/forbind|this month|share/);
    const en = texts(buildHelp("en", "console", { team: "support", touchpoint: "telefon" })).join("\n");
    expect(en).toContain("• claim 12 – take case number 12");
    expect(en).not.toMatch(/denne måned|sager|forbind/);
  });
});
