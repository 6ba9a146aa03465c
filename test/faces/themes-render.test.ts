// The themes message through both faces: Slack Block Kit within its limits without shortening,
// a clean Adaptive Card 1.5 for Teams, in Danish and English, with themes and with too few.
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods.ts";
import { findThemes, type Theme, type ThemeReport } from "../../src/core/themes/index.ts";
import { renderMessage } from "../../src/faces/slack/blocks.ts";
import { renderCard } from "../../src/faces/teams/cards.ts";
import { LIMITS } from "../../src/faces/teams/limits.ts";
import { renderConsole } from "../../src/faces/console/render.ts";
import { buildThemes } from "../../src/messages/themes.ts";
import type { Lang } from "../../src/core/language.ts";
import { limitViolations } from "./slack/limits-check.ts";
import { parseCard } from "./teams/adaptive-cards.ts";
import { themeCorpus } from "../support/theme-corpus.ts";

const period = (() => {
  const p = parsePeriod("2026-11", new Date("2026-12-06T12:00:00Z"), "Europe/Copenhagen");
  if (!p.ok) throw new Error("period");
  return p.period;
})();
const DA = themeCorpus("da");
const corpusReport = (): ThemeReport => ({
  period, team: { slug: "support", name: "Kundeservice" }, comments: DA.comments.length,
  result: findThemes(DA.comments, { defaultLang: "da", knownNames: DA.knownNames, aliases: { regning: "faktura" } }),
});
// The most a report can hold: five themes a side, long labels, 120-character quotes with *mrkdwn* and <markup>.
const longTheme = (i: number): Theme => ({
  key: `k${i}`, label: `leveringstidspunktet ${i} <b>*fed*</b>`, count: 99_999, otherCount: 0, z: 9.99,
  quotes: ["…" + "Pakken kom *for sent* & <script> ".repeat(4).slice(0, 118) + "…", "x"],
});
const fullReport = (): ThemeReport => ({
  period, team: { slug: "support", name: "Kundeservice og salg i hele Danmark" }, comments: 123_456,
  result: { kind: "themes", detractorComments: 100_000, promoterComments: 23_456, minimum: 5, detractors: [0, 1, 2, 3, 4].map(longTheme), promoters: [5, 6, 7, 8, 9].map(longTheme) },
});
const tooFew = (): ThemeReport => ({ period, team: null, comments: 7, result: { kind: "tooFew", detractorComments: 3, promoterComments: 4, minimum: 5 } });

describe.each(["da", "en"] as Lang[])("the themes message (%s)", (lang) => {
  it("reads as the two sides with counts and quotes", () => {
    const text = renderConsole(buildThemes(corpusReport(), lang));
    if (lang === "da") {
      expect(text).toContain("Temaer Kundeservice · november 2026");
      expect(text).toContain("Hvad kritikerne taler om");
      expect(text).toContain("faktura · 20 af 35 kommentarer");
      expect(text).toContain("Hvad de glade kunder roser");
      expect(text).toContain("Forkert faktura igen.");
    } else {
      expect(text).toContain("Themes Kundeservice · November 2026");
      expect(text).toContain("What detractors talk about");
      expect(text).toContain("faktura · 20 of 35 comments");
      expect(text).toContain("What happy customers praise");
    }
    const few = buildThemes(tooFew(), lang);
    expect(renderConsole(few)).toContain(lang === "da" ? "For få kommentarer (3 af 5)" : "Too few comments (3 of 5)");
    expect(few.summary).toContain(lang === "da" ? "For få kommentarer" : "Too few comments");
  });

  for (const [name, report] of [["corpus", corpusReport], ["fullest", fullReport], ["too few", tooFew]] as const) {
    it(`${name}: Slack blocks within the limits, whole; a clean Teams card`, () => {
      const message = buildThemes(report(), lang);
      const { blocks } = renderMessage(message);
      expect(limitViolations(blocks)).toEqual([]);
      expect(JSON.stringify(blocks)).not.toMatch(/shortened|forkortet/i);
      expect(blocks.length).toBe(message.blocks.length);
      const card = renderCard(message);
      expect(parseCard(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(LIMITS.cardBytes);
    });
  }
});
