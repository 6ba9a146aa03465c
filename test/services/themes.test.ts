// Themes through the real app wiring on both databases: the period's comments are read per team or
// for all, redacted, analysed with the stored aliases and known names, and answered in chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods.ts";
import { findThemes, type ThemeReport } from "../../src/core/themes/index.ts";
import { renderConsole } from "../../src/faces/console/render.ts";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import { ThemeStore } from "../../src/store/themes.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { corpusAnswers, themeCorpus } from "../support/theme-corpus.ts";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2026-12-06T12:00:00Z");
const NOVEMBER = (() => {
  const p = parsePeriod("2026-11", NOW, TZ);
  if (!p.ok) throw new Error("period");
  return p.period;
})();
const DA = themeCorpus("da");

let next = 0;
function answer(score: number, comment: string, teamSlug: string, answeredAt: Date, extra: Partial<NormalizedAnswer> = {}): NormalizedAnswer {
  return {
    source: "test", externalId: `t${next++}`, score, ces: null, comment, customerName: null, customerEmail: null, customerAccount: null,
    teamSlug, touchpoint: null, language: null, consentToShare: false, answeredAt, ...extra,
  };
}
const hoursInto = (h: number) => new Date(NOVEMBER.from.getTime() + h * 3_600_000);
const themesOf = (report: ThemeReport) => {
  if (report.result.kind !== "themes") throw new Error(`expected themes, got ${report.result.kind}`);
  return report.result;
};
const labels = (list: { label: string }[]) => list.map((t) => t.label);

describe.each(PROVIDERS)("themes on %s", (provider) => {
  let run: RunningApp;
  let store: ThemeStore;

  beforeAll(async () => {
    run = await startTestApp(provider);
    store = new ThemeStore(run.app.db.prisma);
    await run.app.db.prisma.team.create({ data: { slug: "support", name: "Kundeservice" } });
    await run.app.db.prisma.person.create({ data: { name: "Søren Mikkelsen", email: "soren@firma.dk" } });
    const batch = corpusAnswers(DA.comments, "support", NOVEMBER.from);
    // Another team's detractors complain about the coffee, and say who they are.
    for (let i = 0; i < 12; i++)
      batch.push(answer(i % 3, `Birthe Kjær her: kaffen var kold. Skriv til birthe${i}@firma.dk`, "salg", hoursInto(100 + i), { customerName: "Birthe Kjær" }));
    // Just outside November on both ends, and comments that are empty.
    batch.push(answer(0, "Kaffen var kold i december.", "salg", NOVEMBER.to), answer(0, "Kaffen var kold i oktober.", "salg", new Date(NOVEMBER.from.getTime() - 1)));
    batch.push(answer(10, "   ", "support", hoursInto(200)), answer(3, "Første minut.", "support", NOVEMBER.from));
    await run.app.answers.upsertBatch(batch, NOW, { followUpFrom: null });
  });
  afterAll(async () => run?.stop());

  it("reads a team's comments in [from, to) and finds the same themes as the core with the stored names", async () => {
    const report = await run.app.themes.report({ period: NOVEMBER, team: "support" });
    expect(report.team).toEqual({ slug: "support", name: "Kundeservice" });
    expect(report.comments).toBe(DA.comments.length + 1); // + the one at the first instant; not the blank one
    const result = themesOf(report);
    expect(labels(result.detractors)).toEqual(["ventetiden", "fakturaen", "ringede tilbage", "forkert", "lang"]);
    expect(labels(result.promoters)).toEqual(["venlig", "hurtig hjælp"]);
    const core = findThemes(DA.comments, { defaultLang: "da", knownNames: ["Søren Mikkelsen"] });
    expect(core.kind === "themes" && labels(core.detractors)).toEqual(labels(result.detractors));
  });

  it("applies the company's aliases from the store", async () => {
    expect(await store.setAlias("regning", "fakt")).toBeNull();
    expect(await store.setAlias("regning", "faktura")).toBe("fakt");
    await store.setAlias("bill", "invoice");
    expect(await store.aliases()).toEqual([{ term: "bill", canonical: "invoice" }, { term: "regning", canonical: "faktura" }]);
    const result = themesOf(await run.app.themes.report({ period: NOVEMBER, team: "support" }));
    expect(result.detractors[0]).toMatchObject({ label: "faktura", count: 20 });
    expect(await store.removeAlias("bill")).toBe(true);
    expect(await store.removeAlias("bill")).toBe(false);
    expect(await store.aliases()).toEqual([{ term: "regning", canonical: "faktura" }]);
  });

  it("company-wide includes every team, and quotes are redacted before analysis", async () => {
    const all = themesOf(await run.app.themes.report({ period: NOVEMBER }));
    const coffee = all.detractors.find((t) => t.label === "kaffen kold");
    expect(coffee).toMatchObject({ count: 12, otherCount: 0 });
    expect(coffee!.quotes[0]).toBe("(navn fjernet) her: kaffen var kold.");
    const everything = JSON.stringify(all);
    expect(everything).not.toMatch(/birthe|kjær|@firma/i);
    expect(labels(themesOf(await run.app.themes.report({ period: NOVEMBER, team: "support" })).detractors)).not.toContain("kaffen kold");
  });

  it("says too few below the minimum, and refuses an unknown team", async () => {
    const p = parsePeriod("2026-10", NOW, TZ);
    if (!p.ok) throw new Error("period");
    const october = await run.app.themes.report({ period: p.period });
    expect(october.result).toEqual({ kind: "tooFew", detractorComments: 1, promoterComments: 0, minimum: 5 });
    await expect(run.app.themes.report({ period: NOVEMBER, team: "nope" })).rejects.toThrow(/unknown team "nope" \(teams: s/);
  });

  it("/nps temaer and /nps themes answer privately in the asker's language", async () => {
    const ctx = { platform: "slack" as const, channelId: "C1", userId: "U1", now: NOW };
    const da = await run.app.commands.handle("/nps temaer sidste måned support", ctx);
    expect(da.visibility).toBe("private");
    const text = renderConsole(da.message);
    expect(text).toContain("Temaer Kundeservice · november 2026");
    expect(text).toContain("Hvad kritikerne taler om");
    expect(text).toContain("Hvad de glade kunder roser");
    expect(text).toMatch(/faktura · 20 af 36 kommentarer/);
    const en = renderConsole((await run.app.commands.handle("/nps themes 2026-10", ctx)).message);
    expect(en).toContain("Too few comments (0 of 5)");
    expect(en).toContain("Detractors: 1 comments, happy customers: 0.");
  });
});
