// Kudos messages through all three faces: the story's thanks line as a Slack <@U…> mention, a
// Teams <at> mention with its entity, plain names in the console (markup in names made inert);
// the /nps kudos list capped ("og 25 flere") and within Slack's and Teams' limits; the private
// thanks with and without the customer's words, in Danish and English.
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods.ts";
import { renderConsole } from "../../src/faces/console/render.ts";
import { renderMessage } from "../../src/faces/slack/blocks.ts";
import { renderCard } from "../../src/faces/teams/cards.ts";
import { LIMITS } from "../../src/faces/teams/limits.ts";
import { buildKudosList, buildKudosThanks, KUDOS_LIST_CAP, type KudosRow } from "../../src/messages/kudos.ts";
import { buildStory, type StoryView } from "../../src/messages/story.ts";
import { limitViolations } from "./slack/limits-check.ts";
import { parseCard } from "./teams/adaptive-cards.ts";
import type { Lang } from "../../src/core/language.ts";

const period = (() => {
  const p = parsePeriod("2026-11", new Date("2026-12-06T12:00:00Z"), "Europe/Copenhagen");
  if (!p.ok) throw new Error("period");
  return p.period;
})();

const story = (thanked: StoryView["thanked"]): StoryView => ({
  id: 1, kind: "promoter", text: "Mette og *Bo* var fantastiske", score: 10, team: { slug: "support", name: "Support" }, touchpoint: null, attribution: null, submittedBy: null, thanked,
});
const METTE = { name: "Mette Kjær", slackUserId: "U0METTE", teamsUserId: "00000000-1111-2222-3333-444444444444" };
const BO = { name: "Bo *Bold* <@U0HACK>", slackUserId: null, teamsUserId: null };

describe("the thanks line of a story", () => {
  const message = buildStory(story({ named: [METTE, BO], unnamed: 1 }), "da");

  it("Slack: a live <@U…> for a Slack user, the name made inert otherwise", () => {
    const { blocks } = renderMessage(message);
    const line = blocks.find((b) => b.type === "section" && "text" in b && b.text.text.startsWith("Kunden takkede"));
    expect(line).toEqual({ type: "section", text: { type: "mrkdwn", text: "Kunden takkede <@U0METTE>, Bo \u2217Bold\u2217 &lt;@U0HACK&gt; og en kollega 🙌" } });
    // the one live mention is the one we meant; everything else is within the limits
    expect(limitViolations(blocks).filter((v) => !v.includes("live"))).toEqual([]);
    expect(JSON.stringify(blocks).match(/<@/g)).toHaveLength(1);
  });

  it("Teams: <at>Name</at> in the text and one mention entity per Teams user", () => {
    const card = renderCard(message) as { body: Record<string, any>[]; msteams?: Record<string, any> };
    expect(card.body.at(-1)).toEqual({ type: "TextBlock", text: "Kunden takkede <at>Mette Kjær</at>, Bo \\*Bold\\* <@U0HACK> og en kollega 🙌", wrap: true });
    expect(card.msteams).toEqual({ entities: [{ type: "mention", text: "<at>Mette Kjær</at>", mentioned: { id: METTE.teamsUserId, name: "Mette Kjær" } }] });
    expect(parseCard(card)).toEqual([]);
  });

  it("the console: the names", () => {
    expect(renderConsole(message)).toContain("Kunden takkede Mette Kjær, Bo *Bold* <@U0HACK> og en kollega 🙌");
  });

  it("no line when nobody was thanked, or only colleagues who opted out (counted, not named)", () => {
    expect(buildStory(story(null), "da").blocks.some((b) => b.type === "mentions")).toBe(false);
    expect(buildStory(story({ named: [], unnamed: 0 }), "da").blocks.some((b) => b.type === "mentions")).toBe(false);
    expect(renderConsole(buildStory(story({ named: [], unnamed: 2 }), "en"))).toContain("The customer thanked 2 colleagues 🙌");
  });
});

describe("/nps kudos: the list", () => {
  const teamNames = new Map([[1, "Kundeservice"], [2, "Salg"], [3, "Lager"]]);
  const many: KudosRow[] = Array.from({ length: 40 }, (_, i) => ({
    name: `Medarbejder nummer ${i + 1} med et meget langt navn *fed* <!here>`, email: null, teamId: (i % 3) + 1, count: 40 - i, optedOut: false,
  }));
  const hidden: KudosRow[] = [{ name: "Skjult Person", email: null, teamId: 1, count: 5, optedOut: true }, { name: "Anden Skjult", email: null, teamId: 1, count: 2, optedOut: true }];

  for (const lang of ["da", "en"] as Lang[]) {
    it(`${lang}: per team, most first, capped with "and N more", opted-out people only counted; within both platforms' limits`, () => {
      const message = buildKudosList({ period, team: null, rows: [...hidden, ...many], teamNames }, lang);
      const text = renderConsole(message);
      expect(text).not.toContain("Skjult");
      expect(text).toContain(lang === "da" ? "2 kolleger, der ikke vil nævnes: 7" : "2 colleagues who prefer not to be named: 7");
      expect(text).toContain(lang === "da" ? `… og ${40 - KUDOS_LIST_CAP} flere` : `… and ${40 - KUDOS_LIST_CAP} more`);
      expect(text.match(/Medarbejder nummer/g)).toHaveLength(KUDOS_LIST_CAP);
      expect(text.indexOf("Kundeservice")).toBeLessThan(text.indexOf("Salg")); // most kudos first
      expect(message.blocks[0]).toEqual({ type: "header", text: lang === "da" ? "Kudos november 2026" : "Kudos November 2026" });

      const slack = renderMessage(message);
      expect(limitViolations(slack.blocks)).toEqual([]);
      expect(JSON.stringify(slack.blocks)).not.toContain("beskeden er forkortet");
      const card = renderCard(message);
      expect(parseCard(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(LIMITS.cardBytes);
    });
  }

  it("one opted-out colleague, a team, and none at all", () => {
    const one = renderConsole(buildKudosList({ period, team: { slug: "support", name: "Kundeservice" }, rows: [hidden[0]!, { ...many[0]!, teamId: 1 }], teamNames }, "da"));
    expect(one).toContain("Kudos Kundeservice · november 2026");
    expect(one).toContain("! Kundeservice: 45 kudos");
    expect(one).toContain("• En kollega, der ikke vil nævnes: 5");
    expect(buildKudosList({ period, team: null, rows: [], teamNames }, "da").summary).toBe("Ingen kudos i november 2026.");
    expect(buildKudosList({ period, team: null, rows: [], teamNames }, "en").summary).toBe("No kudos in November 2026.");
  });
});

describe("the private thanks", () => {
  it("quotes the customer when the story rules allow it, says why not otherwise", () => {
    const withQuote = renderConsole(buildKudosThanks({ team: "Support", score: 10, quote: "Mette var fantastisk" }, "da"));
    expect(withQuote).toContain("🙌 En kunde takkede dig");
    expect(withQuote).toContain("│ Mette var fantastisk");
    const without = renderConsole(buildKudosThanks({ team: null, score: 9, quote: null }, "en"));
    expect(without).toContain("A customer thanked you");
    expect(without).toContain("A customer gave 9/10 and named you.");
    expect(without).toContain("The customer did not consent to sharing their words");
  });
});
