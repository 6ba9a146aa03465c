// The card button handlers as small functions over fake services: what each calls, with whom, and
// how each service result becomes a Teams answer (updated for all / private card / one line).
import { describe, expect, it, vi } from "vitest";
import { parseActivity, type InvokeActivity } from "../../../src/faces/teams/activity.ts";
import { parseCardAction, type ActionContext, type CardAction, type CardActionResult } from "../../../src/faces/teams/listeners/actions/card-action.ts";
import { claimCase, handOverCase, resolveCase, showContact, type CaseActionDeps } from "../../../src/faces/teams/listeners/actions/case-actions.ts";
import { submitStory } from "../../../src/faces/teams/listeners/actions/story-action.ts";
import { buildAlert, buildOutcomeNote } from "../../../src/messages/alert.ts";
import { buildNotice } from "../../../src/messages/notice.ts";
import type { CaseService } from "../../../src/services/case-service.ts";
import type { HomeService } from "../../../src/services/home-service.ts";
import type { Actor } from "../../../src/services/people.ts";
import { isPeoplePickerNotice, parseCard } from "./adaptive-cards.ts";
import { OTHER, USER, cardClick } from "./recorded.ts";
import { NOW, caseView } from "./sample-messages.ts";

type El = Record<string, any>;
const URL_ = "https://smba.trafficmanager.net/emea/";
const click = (verb: string, data: Record<string, unknown>): CardAction => {
  const parsed = parseActivity(cardClick(URL_, verb, { action: verb, lang: "da", card: "alert", ...data }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parseCardAction(parsed.activity as InvokeActivity, "da")!;
};
const actorOf = (userId: string, name?: string | null): Actor => ({ platform: "teams", userId, name: name ?? null, email: `${userId}@example.dk` });
const ctx = (): ActionContext & { actor: ReturnType<typeof vi.fn> } => ({ now: NOW, actor: vi.fn(async (id: string, name?: string | null) => actorOf(id, name)) });

const alert = buildAlert(caseView({ state: "claimed", claimedBy: "Test User" }), "da", NOW);
const refused = { ok: false as const, explanation: buildNotice("da", "Sagen er allerede løst.") };
function deps() {
  const ok = { ok: true as const, view: caseView(), alert, note: null };
  return {
    cases: {
      claim: vi.fn<CaseService["claim"]>().mockResolvedValue(ok),
      resolve: vi.fn<CaseService["resolve"]>(),
      handOver: vi.fn<CaseService["handOver"]>().mockResolvedValue(ok),
      contactFor: vi.fn<CaseService["contactFor"]>(),
    },
    home: { forActor: vi.fn<HomeService["forActor"]>().mockResolvedValue(buildNotice("da", "dit overblik")) },
  } satisfies CaseActionDeps;
}
/** The card of a private answer (and that it is one). */
function privateCard(result: CardActionResult): { body: El[] } {
  if (result.kind !== "private") throw new Error(`expected a private card, got ${result.kind}`);
  return result.card as { body: El[] };
}

describe("case.claim", () => {
  it("the clicker (Entra id, name from the activity) claims; done → the alert for everyone", async () => {
    const d = deps();
    const c = ctx();
    expect(await claimCase(d)(click("case.claim", { value: "42" }), c)).toEqual({ kind: "updated", message: alert, note: null });
    expect(c.actor).toHaveBeenCalledWith(USER.aadObjectId, USER.name);
    expect(d.cases.claim).toHaveBeenCalledWith(42, actorOf(USER.aadObjectId, USER.name), NOW, "da", "shared"); // clicked in a channel
  });

  it("refused → the explanation to the clicker only", async () => {
    const d = deps();
    d.cases.claim.mockResolvedValue(refused);
    expect(await claimCase(d)(click("case.claim", { value: "42" }), ctx())).toEqual({ kind: "notice", message: refused.explanation });
  });

  it("on the home card → the person's home card drawn afresh instead of the alert", async () => {
    const d = deps();
    const result = await claimCase(d)(click("case.claim", { value: "42", card: "home", lang: "en" }), ctx());
    expect(result).toMatchObject({ kind: "updated", message: { summary: "dit overblik" } });
    expect(d.home.forActor).toHaveBeenCalledWith(actorOf(USER.aadObjectId, USER.name), NOW, "en");
  });

  it("a button without a usable case id → 'no longer works', nothing asked", async () => {
    const d = deps();
    for (const value of ["", "abc", "0", "12345678901"]) {
      expect(await claimCase(d)(click("case.claim", { value }), ctx())).toMatchObject({ kind: "notice", message: { summary: "Den knap virker ikke længere. Skriv hjælp for at se, hvad du kan spørge om." } });
    }
    expect(d.cases.claim).not.toHaveBeenCalled();
  });
});

describe("case.resolve", () => {
  const inputs = { "case.resolve.42.actionTaken": "Ringede og gav et gavekort", "case.resolve.42.outcome": "recovered" };

  it("with the form's inputs → CaseService.resolve; done → the alert for everyone and the outcome note", async () => {
    const d = deps();
    const note = buildOutcomeNote(caseView({ state: "resolved", resolvedBy: "Test User", outcome: "recovered" }), "da");
    d.cases.resolve.mockResolvedValue({ ok: true, view: caseView(), alert, note });
    expect(await resolveCase(d)(click("case.resolve", { value: "42", ...inputs }), ctx())).toEqual({ kind: "updated", message: alert, note });
    expect(d.cases.resolve).toHaveBeenCalledWith(42, actorOf(USER.aadObjectId, USER.name), { actionTaken: "Ringede og gav et gavekort", outcome: "recovered" }, NOW, "da", "shared");
  });

  it("text missing → the form again for the clicker only, what was chosen kept, the problem named; nothing resolved", async () => {
    const d = deps();
    const result = await resolveCase(d)(click("case.resolve", { value: "42", "case.resolve.42.outcome": "recovered" }), ctx());
    expect(d.cases.resolve).not.toHaveBeenCalled();
    const card = privateCard(result);
    expect(card.body.map((e) => e.text).filter(Boolean)).toEqual(["Løs sagen", "Sag #42", "Formularen er ikke udfyldt helt – ret felterne herunder og send igen. Intet er ændret. · Hvad blev gjort: Skal udfyldes."]);
    expect(card.body.find((e) => e.id === "case.resolve.42.outcome")!.value).toBe("recovered");
    expect(parseCard(card)).toEqual([]);
    // sent again from this card, the answer still goes where the form was opened
    expect((card as { actions?: El[] }).actions![0]!.data).toEqual({ action: "case.resolve", value: "42", lang: "da", card: "alert" });
    const fromHome = privateCard(await resolveCase(d)(click("case.resolve", { value: "42", card: "home" }), ctx())) as { actions?: El[] };
    expect(fromHome.actions![0]!.data.card).toBe("home");
  });

  it("refused (not the owner) → the explanation only", async () => {
    const d = deps();
    d.cases.resolve.mockResolvedValue(refused);
    expect(await resolveCase(d)(click("case.resolve", { value: "42", ...inputs }), ctx())).toEqual({ kind: "notice", message: refused.explanation });
  });
});

describe("case.handOver and case.contact", () => {
  it("hand over to the person picked: both looked up by Entra id, CaseService decides", async () => {
    const d = deps();
    const c = ctx();
    expect(await handOverCase(d)(click("case.handOver", { value: "42", "case.handOver.user": OTHER.aadObjectId }), c)).toEqual({ kind: "updated", message: alert, note: null });
    expect(c.actor).toHaveBeenCalledWith(OTHER.aadObjectId);
    expect(d.cases.handOver).toHaveBeenCalledWith(42, actorOf(USER.aadObjectId, USER.name), actorOf(OTHER.aadObjectId), NOW, "da", "shared");
  });

  it("nobody picked → how to use the picker, nothing handed over", async () => {
    const d = deps();
    expect(await handOverCase(d)(click("case.handOver", { value: "42" }), ctx())).toMatchObject({ kind: "notice", message: { summary: "Vælg først en person i feltet over knapperne, og tryk så Giv videre." } });
    expect(d.cases.handOver).not.toHaveBeenCalled();
  });

  it("contact: the alert with contact details as the clicker's card only; a refusal as one line", async () => {
    const d = deps();
    d.cases.contactFor.mockResolvedValueOnce(buildAlert(caseView({ contact: { email: "aase@example.dk" } }), "da", NOW));
    const shown = await showContact(d)(click("case.contact", { value: "42" }), ctx());
    expect(JSON.stringify(privateCard(shown))).toContain("aase@example.dk");
    expect(parseCard(privateCard(shown)).filter((i) => !isPeoplePickerNotice(i))).toEqual([]);
    d.cases.contactFor.mockResolvedValueOnce(buildNotice("da", "Kontaktoplysninger vises kun for den ansvarlige, teamlederen og administratorer."));
    expect(await showContact(d)(click("case.contact", { value: "42" }), ctx())).toMatchObject({ kind: "notice" });
  });
});

describe("story.submit", () => {
  const storyDeps = (result: { ok: boolean; message: ReturnType<typeof buildNotice> }) => ({
    stories: { submit: vi.fn().mockResolvedValue(result), teamChoices: vi.fn().mockResolvedValue([{ slug: "support", name: "Kundeservice" }]) },
  });
  const thanks = buildNotice("da", "Tak! Historien deles i kundehistorie-kanalen ved næste ledige tidspunkt.");

  it("the inputs → StoryService.submit as the clicker; stored → the thank-you replaces the form for everyone", async () => {
    const d = storyDeps({ ok: true, message: thanks });
    const data = { "story.submit.text": "Kunden ringede for at sige tak", "story.submit.team": "support", "story.submit.attribution": " Åse " };
    expect(await submitStory(d)(click("story.submit", { card: "form", ...data }), ctx())).toEqual({ kind: "updated", message: thanks });
    expect(d.stories.submit).toHaveBeenCalledWith({ text: "Kunden ringede for at sige tak", team: "support", attribution: "Åse", by: actorOf(USER.aadObjectId, USER.name) }, NOW, "da");
  });

  it("a team that was not offered, or a refusal → the form again with the reason, for the clicker", async () => {
    const bad = storyDeps({ ok: true, message: thanks });
    expect(await submitStory(bad)(click("story.submit", { "story.submit.text": "Tekst nok", "story.submit.team": "hemmelig" }), ctx())).toMatchObject({ kind: "private" });
    expect(bad.stories.submit).not.toHaveBeenCalled();
    const short = storyDeps({ ok: false, message: buildNotice("da", "Historien er for kort – skriv lidt mere.") });
    const result = await submitStory(short)(click("story.submit", { "story.submit.text": "Kort" }), ctx());
    const body = privateCard(result).body;
    expect(body.find((e) => e.color === "attention")!.text).toBe("Historien er for kort – skriv lidt mere.");
    expect(body.find((e) => e.id === "story.submit.text")!.value).toBe("Kort");
  });
});
