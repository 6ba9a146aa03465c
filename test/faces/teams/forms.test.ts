// Forms on Teams cards: the resolve form inside the alert (Action.ShowCard), the home card's
// forms (one per case, ids never shared), the story form card — all parsed with Microsoft's card
// library — and what comes back checked at the edge.
import { describe, expect, it } from "vitest";
import { renderCard } from "../../../src/faces/teams/cards.ts";
import { describeProblems, formCard, formInputId, inlineForm, readFormData } from "../../../src/faces/teams/forms.ts";
import { buildAlert } from "../../../src/messages/alert.ts";
import { resolveCaseForm, storyForm } from "../../../src/messages/forms.ts";
import { buildHome } from "../../../src/messages/home.ts";
import type { Lang } from "../../../src/core/language.ts";
import { isPeoplePickerNotice, isTeamsChartNotice, parseCard } from "./adaptive-cards.ts";
import { NOW, caseView } from "./sample-messages.ts";

type El = Record<string, any>;
const walk = (els: El[]): El[] => els.flatMap((e) => [e, ...walk(e.items ?? []), ...walk(e.actions ?? []), ...(e.card ? walk([...(e.card.body ?? []), ...(e.card.actions ?? [])]) : [])]);
const clean = (card: unknown) => parseCard(card).filter((i) => !isTeamsChartNotice(i) && !isPeoplePickerNotice(i));
const TEAMS = [{ slug: "support", name: "Kundeservice" }, { slug: "salg", name: "Salg" }];

describe.each(["da", "en"] as Lang[])("form cards (%s)", (lang) => {
  it("the alert's Løst/Resolved opens the resolve form on the card: multiline text, outcome menu, Action.Execute case.resolve", () => {
    const card = renderCard(buildAlert(caseView(), lang, NOW));
    expect(clean(card)).toEqual([]);
    const set = (card.body as El[]).find((e) => e.type === "ActionSet")!;
    const show = set.actions.find((a: El) => a.type === "Action.ShowCard");
    expect(show.title).toBe(lang === "da" ? "Løst" : "Resolved");
    const [text, outcome] = show.card.body as [El, El];
    expect(text).toMatchObject({ type: "Input.Text", id: "case.resolve.42.actionTaken", isMultiline: true, isRequired: true, maxLength: 2000 });
    expect(outcome).toMatchObject({ type: "Input.ChoiceSet", id: "case.resolve.42.outcome", isRequired: true });
    expect(outcome.choices.map((c: El) => c.value)).toEqual(["recovered", "not_recovered", "no_contact"]);
    expect(show.card.actions).toEqual([
      expect.objectContaining({ type: "Action.Execute", verb: "case.resolve", associatedInputs: "auto", data: { action: "case.resolve", value: "42", lang, card: "alert" } }),
    ]);
    // the other buttons stay Action.Execute with data { action, value, lang, card }
    expect(set.actions.map((a: El) => a.verb ?? a.type)).toEqual(["case.claim", "Action.ShowCard", "case.handOver", "case.contact"]);
    expect(set.actions[0].data).toEqual({ action: "case.claim", value: "42", lang, card: "alert" });
  });

  it("the home card: a claim button and a resolve form per case, every input id unique, buttons marked as home", () => {
    const cases = [caseView({ id: 7 }), caseView({ id: 8, state: "claimed" }), caseView({ id: 9 })];
    const card = renderCard(buildHome({ personName: "Mette", known: true, openCases: cases, teams: [], monthLabel: "november 2026", minResponses: 30, company: { nps: 20, marginOfError: 9, responses: 40 } }, lang, NOW, "Europe/Copenhagen"));
    expect(clean(card)).toEqual([]);
    const all = walk(card.body as El[]);
    const ids = all.filter((e) => e.id).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("case.resolve.8.outcome");
    expect(all.filter((e) => e.verb === "case.claim").map((e) => e.data.value)).toEqual(["7", "9"]);
    expect(all.filter((e) => e.type === "Action.Execute").every((e) => e.data.card === "home")).toBe(true);
  });

  it("the story form on its own card: text, team menu, attribution, Action.Execute story.submit", () => {
    const form = storyForm(lang, "", TEAMS);
    const card = formCard(form, lang);
    expect(clean(card)).toEqual([]);
    expect((card.body as El[]).map((e) => e.id ?? e.type)).toEqual(["TextBlock", "story.submit.text", "story.submit.team", "story.submit.attribution"]);
    expect((card.body as El[])[2]!.choices).toEqual([{ title: "Kundeservice", value: "support" }, { title: "Salg", value: "salg" }]);
    expect(card.actions).toEqual([expect.objectContaining({ type: "Action.Execute", verb: "story.submit", data: { action: "story.submit", value: "", lang, card: "form" } })]);
  });

  it("a form shown again keeps what was typed and says what is wrong", () => {
    const form = resolveCaseForm(42, lang);
    const card = formCard(form, lang, { intro: "#42", problem: "Fix it *now*", values: { actionTaken: "Ringede op", outcome: "no_contact" } });
    expect(clean(card)).toEqual([]);
    const body = card.body as El[];
    expect(body.find((e) => e.color === "attention")!.text).toBe("Fix it \\*now\\*");
    expect(body.find((e) => e.id === "case.resolve.42.actionTaken")!.value).toBe("Ringede op");
    expect(body.find((e) => e.id === "case.resolve.42.outcome")!.value).toBe("no_contact");
  });
});

describe("readFormData: what a submitted form sends, checked at the edge", () => {
  const form = resolveCaseForm(42, "da");
  const id = (field: string) => formInputId(form, field);

  it("filled in: trimmed values by field id", () => {
    expect(readFormData(form, { action: "case.resolve", [id("actionTaken")]: "  Ringede og gav rabat \n", [id("outcome")]: "recovered" }, "da")).toEqual({
      ok: true, values: { actionTaken: "Ringede og gav rabat", outcome: "recovered" },
    });
  });

  it("missing, blank, unknown option, too long, not text: problems by field, what was typed kept", () => {
    expect(readFormData(form, {}, "da")).toEqual({ ok: false, problems: { actionTaken: "Udfyld feltet.", outcome: "Vælg en af mulighederne." }, entered: {} });
    expect(readFormData(form, { [id("actionTaken")]: "   ", [id("outcome")]: "fixed" }, "en")).toMatchObject({ ok: false, problems: { actionTaken: "Please fill in this field.", outcome: "Please choose one of the options." }, entered: { outcome: "fixed" } });
    expect(readFormData(form, { [id("actionTaken")]: "x".repeat(2001), [id("outcome")]: "recovered" }, "da")).toMatchObject({ ok: false, problems: { actionTaken: "Højst 2000 tegn." } });
    expect(readFormData(form, { [id("actionTaken")]: 42, [id("outcome")]: ["recovered"] }, "da")).toMatchObject({ ok: false, problems: { actionTaken: "Udfyld feltet.", outcome: "Vælg en af mulighederne." } });
    // another case's inputs on the same card do not count
    expect(readFormData(form, { "case.resolve.43.actionTaken": "x", "case.resolve.43.outcome": "recovered" }, "da").ok).toBe(false);
  });

  it("optional fields may be left out; an emoji counts as one character", () => {
    const story = storyForm("da", "", TEAMS);
    expect(readFormData(story, { [formInputId(story, "text")]: "Glad kunde 🎉" }, "da")).toEqual({ ok: true, values: { text: "Glad kunde 🎉", team: null, attribution: null } });
    expect(readFormData(story, { [formInputId(story, "text")]: "Glad", [formInputId(story, "team")]: "marketing" }, "da")).toMatchObject({ ok: false, problems: { team: "Vælg en af mulighederne." } });
  });

  it("the problem line names the fields", () => {
    expect(describeProblems(form, { actionTaken: "Udfyld feltet." }, "da")).toBe("Formularen er ikke udfyldt helt – ret felterne herunder og send igen. Intet er ændret. · Hvad blev gjort: Udfyld feltet.");
  });

  it("only resolve buttons with a real case id get a form", () => {
    expect(inlineForm("case.resolve", "42", "en")?.title).toBe("Resolve the case");
    expect(inlineForm("case.resolve", "abc", "en")).toBeNull();
    expect(inlineForm("case.claim", "42", "en")).toBeNull();
  });
});
