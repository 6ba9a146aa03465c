import { describe, expect, it } from "vitest";
import { findThemes, type ThemeOptions, type ThemesResult } from "../../src/core/themes/index.ts";
import { weightedLogOdds } from "../../src/core/themes/log-odds.ts";
import { quoteAround } from "../../src/core/themes/quotes.ts";
import { analyseComment, detectCommentLang, nameParts } from "../../src/core/themes/text.ts";
import { PLACEHOLDERS } from "../../src/core/redaction.ts";
import { themeCorpus, type ThemeCorpus } from "../support/theme-corpus.ts";

type Corpus = ThemeCorpus;
const DA = themeCorpus("da");
const EN = themeCorpus("en");

function themes(result: ThemesResult) {
  if (result.kind !== "themes") throw new Error(`expected themes, got ${result.kind}`);
  return result;
}
const labels = (list: { label: string }[]) => list.map((t) => t.label);
const run = (c: Corpus, opts: Partial<ThemeOptions> = {}) => findThemes(c.comments, { defaultLang: "da", knownNames: c.knownNames, ...opts });

describe("themes in the Danish corpus", () => {
  const result = themes(run(DA, { aliases: { regning: "faktura" } }));

  it("finds what detractors and promoters talk about, strongest first", () => {
    expect(result.detractorComments).toBe(35);
    expect(result.promoterComments).toBe(30);
    expect(labels(result.detractors)).toEqual(["faktura", "ventetiden", "ringede tilbage", "forkert", "lang"]);
    expect(labels(result.promoters)).toEqual(["venlig", "hurtig hjælp"]);
    const zs = result.detractors.map((t) => t.z);
    expect(zs).toEqual([...zs].sort((a, b) => b - a));
    expect(zs.every((z) => z >= 1.96)).toBe(true);
  });

  it("counts comments mentioning a theme on each side, and quotes short redacted sentences", () => {
    const faktura = result.detractors[0]!;
    expect(faktura).toMatchObject({ key: "faktura", count: 20, otherCount: 1 });
    expect(faktura.quotes).toEqual(["Forkert faktura igen.", "Regningen var for høj."]);
    const phrase = result.detractors.find((t) => t.label === "ringede tilbage")!;
    expect(phrase.count).toBe(12);
    expect(phrase.otherCount).toBe(0);
    for (const t of [...result.detractors, ...result.promoters]) {
      expect(t.quotes.length).toBeGreaterThanOrEqual(1);
      expect(t.quotes.length).toBeLessThanOrEqual(2);
      for (const q of t.quotes) expect(q.length).toBeLessThanOrEqual(122);
    }
  });

  it("gives the same themes in the same order for the same comments in another order", () => {
    const reversed = themes(findThemes([...DA.comments].reverse(), { defaultLang: "da", knownNames: DA.knownNames, aliases: { regning: "faktura" } }));
    const shape = (r: typeof result) => [r.detractors, r.promoters].map((side) => side.map((t) => [t.key, t.label, t.count, t.z]));
    expect(shape(reversed)).toEqual(shape(result));
    expect(run(DA, { aliases: { regning: "faktura" } })).toEqual(result);
  });

  it("applies a company's aliases before counting", () => {
    const without = themes(run(DA));
    const faktura = without.detractors.find((t) => t.key === "faktura")!;
    expect(faktura.count).toBe(15);
    expect(faktura.label).toBe("fakturaen");
    expect(result.detractors[0]!.count).toBe(20); // + the five comments that only say "regning"
    expect([...result.detractors, ...result.promoters].some((t) => t.key.includes("regning"))).toBe(false);
  });

  it("never makes a theme of a known person's name", () => {
    const loose = { minZ: 1, maxThemes: 20 };
    expect(labels(themes(run({ ...DA, knownNames: [] }, loose)).promoters)).toContain("søren");
    const named = themes(run(DA, loose));
    expect([...named.promoters, ...named.detractors].some((t) => /søren/.test(t.label))).toBe(false);
  });

  it("ignores redaction markers, whatever their wording", () => {
    const markers = Object.values(PLACEHOLDERS).flatMap((byKind) => Object.values(byKind));
    const words = new Set(markers.flatMap((m) => m.replace(/[()]/g, "").toLowerCase().split(/[\s-]+/)));
    const all = [...result.detractors, ...result.promoters];
    for (const t of all) for (const w of t.label.split(" ")) expect(words.has(w)).toBe(false);
    // The same corpus with the marker written as a word would give it as a theme.
    const plain = DA.comments.map((c) => (c.score <= 6 ? { ...c, text: `${c.text} Mit telefonnummer er nyt.` } : c));
    const marked = DA.comments.map((c) => (c.score <= 6 ? { ...c, text: `${c.text} Mit ${PLACEHOLDERS.da.phone} er nyt.` } : c));
    expect(labels(themes(findThemes(plain, { defaultLang: "da" })).detractors)).toContain("telefonnummer");
    expect(labels(themes(findThemes(marked, { defaultLang: "da" })).detractors)).not.toContain("telefonnummer");
  });

  it('says "too few" below the minimum number of comments on either side', () => {
    const fewDetractors = [...DA.comments.filter((c) => c.score <= 6).slice(0, 4), ...DA.comments.filter((c) => c.score >= 7)];
    expect(findThemes(fewDetractors, { defaultLang: "da" })).toEqual({ kind: "tooFew", detractorComments: 4, promoterComments: 30, minimum: 5 });
    expect(findThemes(DA.comments, { defaultLang: "da", minComments: 31 })).toEqual({ kind: "tooFew", detractorComments: 35, promoterComments: 30, minimum: 31 });
    const blank = DA.comments.map((c) => (c.score >= 9 ? { ...c, text: "  " } : c));
    expect(findThemes(blank, { defaultLang: "da" })).toMatchObject({ kind: "tooFew", promoterComments: 0 });
  });
});

describe("themes in the English corpus", () => {
  it("finds the known themes, with languages given or detected", () => {
    const given = themes(run(EN, { aliases: { bill: "invoice" } }));
    expect(labels(given.detractors)).toEqual(["invoice", "wait time", "called back", "wrong"]);
    expect(labels(given.promoters)).toEqual(["friendly", "quick help"]);
    expect(given.detractors[0]!.count).toBe(20);
    // No language on any answer and a Danish default: detection still stems them as English.
    const detected = themes(run({ ...EN, comments: EN.comments.map((c) => ({ ...c, language: null })) }, { aliases: { bill: "invoice" } }));
    expect(detected).toEqual(given);
  });

  it("leaves out the customer's own name", () => {
    const names = nameParts(["Margaret Smith"]);
    const hits = analyseComment("The invoice came without any breakdown. Regards, Margaret", { lang: "en", names, aliases: new Map() });
    expect(hits.hits.map((h) => h.surface)).not.toContain("margaret");
    expect(hits.hits.map((h) => h.surface)).toContain("invoice");
    const unnamed = analyseComment("Regards, Margaret's team", { lang: "en", names: new Set(), aliases: new Map() });
    expect(unnamed.hits.map((h) => h.surface)).toContain("margaret's");
    const genitive = analyseComment("Sørens svar var godt", { lang: "da", names: nameParts(["Soeren Holm"]), aliases: new Map() });
    expect(genitive.hits.map((h) => h.surface)).not.toContain("sørens");
  });
});

describe("comment language", () => {
  it("is read from stop-word overlap, æ/ø/å breaking a tie, else the fallback", () => {
    expect(detectCommentLang("Jeg har ventet alt for længe på svar", "en")).toBe("da");
    expect(detectCommentLang("I have waited far too long for an answer", "da")).toBe("en");
    expect(detectCommentLang("Super!", "en")).toBe("en");
    expect(detectCommentLang("Super!", "da")).toBe("da");
    expect(detectCommentLang("Rødgrød", "en")).toBe("da");
  });
});

describe("text and phrases", () => {
  const opts = { lang: "da" as const, names: new Set<string>(), aliases: new Map<string, string>() };
  it("makes phrases across removed stop words but not across punctuation or a marker", () => {
    const keys = analyseComment("Ingen ringede tilbage, ventetid (navn fjernet) faktura.", opts).hits.map((h) => h.key);
    expect(keys).toContain("ing ringed");
    expect(keys).toContain("ringed tilbag");
    expect(keys).not.toContain("tilbag ventetid");
    expect(keys).not.toContain("ventetid faktura");
    expect(keys).not.toContain("navn");
    expect(keys).not.toContain("fjern");
  });
  it("keeps a negation in its phrase, never as a theme of its own", () => {
    const da = analyseComment("Jeg handler ikke hos jer igen. Ingen ringede.", opts).hits.map((h) => h.surface);
    expect(da).toContain("ingen ringede");
    expect(da).not.toContain("ikke");
    expect(da).not.toContain("ingen");
    const en = analyseComment("Nobody called back, never again.", { ...opts, lang: "en" }).hits.map((h) => h.surface);
    expect(en).toContain("nobody called");
    expect(en).not.toContain("nobody");
    expect(en).not.toContain("never");
  });
  it("reads every placeholder of either language as one whole marker", () => {
    for (const lang of ["da", "en"] as const)
      for (const marker of Object.values(PLACEHOLDERS[lang])) {
        const r = analyseComment(`ventetid ${marker} faktura. ${marker} her.`, { ...opts, lang });
        // No word of the marker, and no phrase across it.
        expect(r.hits.map((h) => h.surface).sort()).toEqual(["faktura", "ventetid"]);
        expect(r.sentences).toEqual([`ventetid ${marker} faktura.`, `${marker} her.`]);
      }
  });
  it("keeps each sentence whole for quotes", () => {
    expect(analyseComment("Første sætning.  Anden sætning! (navn fjernet) her?", opts).sentences).toEqual(["Første sætning.", "Anden sætning!", "(navn fjernet) her?"]);
  });
});

describe("weighted log-odds", () => {
  const map = (o: Record<string, number>) => new Map(Object.entries(o));
  it("is zero for equal use, antisymmetric, and grows with the evidence", () => {
    const bg = map({ x: 20, y: 20 });
    const even = weightedLogOdds({ a: map({ x: 5, y: 5 }), b: map({ x: 5, y: 5 }), background: bg, priorWeight: 4 });
    expect(even.get("x")!.z).toBeCloseTo(0, 10);
    const ab = weightedLogOdds({ a: map({ x: 9, y: 1 }), b: map({ x: 1, y: 9 }), background: bg, priorWeight: 4 });
    const ba = weightedLogOdds({ a: map({ x: 1, y: 9 }), b: map({ x: 9, y: 1 }), background: bg, priorWeight: 4 });
    expect(ab.get("x")!.z).toBeCloseTo(-ba.get("x")!.z, 10);
    // By hand: α = 4·20/40 = 2; δ = ln((9+2)/(10+4−9−2)) − ln((1+2)/(10+4−1−2)); σ² = 1/11 + 1/3.
    const delta = Math.log(11 / 3) - Math.log(3 / 11);
    expect(ab.get("x")!.delta).toBeCloseTo(delta, 10);
    expect(ab.get("x")!.z).toBeCloseTo(delta / Math.sqrt(1 / 11 + 1 / 3), 10);
    const more = weightedLogOdds({ a: map({ x: 90, y: 10 }), b: map({ x: 10, y: 90 }), background: map({ x: 200, y: 200 }), priorWeight: 40 });
    expect(more.get("x")!.z).toBeGreaterThan(ab.get("x")!.z);
  });
});

describe("quotes", () => {
  it("keep short sentences whole and cut long ones at words around the mention", () => {
    expect(quoteAround("Kort sætning.", 0)).toBe("Kort sætning.");
    const long = `${"ord ".repeat(40)}fakturaen var forkert ${"igen ".repeat(30)}slut.`;
    const at = long.indexOf("fakturaen");
    const quote = quoteAround(long, at);
    expect(quote).toContain("fakturaen var forkert");
    expect(quote.startsWith("…")).toBe(true);
    expect(quote.endsWith("…")).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(122);
    expect(quote).not.toMatch(/…\S*or…|\bor\b(?= )/); // no half words at the cuts
  });
});
