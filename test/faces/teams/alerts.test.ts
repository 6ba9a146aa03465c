// A detractor alert in Teams, end to end over HTTP as Teams drives it: the team lead installs the
// app personally, an answer comes in, the alert reaches their chat through the outbox, and the
// card's buttons (Action.Execute invokes) claim, refuse, resolve, show contact and hand over.
// The steps build on each other, in order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { OTHER, OTHER_PERSONAL, PERSONAL, USER, cardClick, personalInstall, personalMembers } from "./recorded.ts";
import { cardOf, expectCleanCard, factsOf, headerOf, invokeCard, invokeLine, startTeams, textsOf, type TeamsRun } from "./e2e.ts";

const DETRACTOR = {
  id: "teams-alert-1", score: 2, team: "support", touchpoint: "telefon",
  comment: "Ventede 40 minutter og blev afbrudt to gange. Ring til mig på 22 33 44 55.",
  customer: { name: "Åse Ørum", email: "aase@example.dk", account: "Bageriet ApS" },
};

describe.each(PROVIDERS)("alerts in Teams on %s", (provider) => {
  let t: TeamsRun;
  let caseId = 0;
  let alertId = "";
  const data = (verb: string, extra: Record<string, unknown> = {}) => ({ action: verb, value: String(caseId), lang: "da", card: "alert", ...extra });
  const inLeadChat = (verb: string, extra: Record<string, unknown> = {}) => cardClick(t.connector.url, verb, data(verb, extra), { personal: PERSONAL, replyToId: alertId });
  // a colleague who sees the case elsewhere (an escalation in the team's channel)
  const fromColleague = (verb: string, extra: Record<string, unknown> = {}) => cardClick(t.connector.url, verb, data(verb, extra), { from: OTHER, replyToId: "1771290200000", thread: "1771290200000" });
  const theCase = () => t.run.app.db.prisma.detractorCase.findUniqueOrThrow({ where: { id: caseId } });
  const resolveInputs = (text: string, outcome: string) => ({ [`case.resolve.${caseId}.actionTaken`]: text, [`case.resolve.${caseId}.outcome`]: outcome });

  beforeAll(async () => {
    t = await startTeams(provider);
    const prisma = t.run.app.db.prisma;
    // the lead is known by e-mail only; Teams tells us who she is when she installs the app
    const lead = await prisma.person.create({ data: { email: "mette@example.dk", name: "Mette Holm" } });
    await prisma.team.create({ data: { slug: "support", name: "Support", leadId: lead.id } });
  });
  afterAll(async () => t?.stop());
  beforeEach(() => t.connector.clear());

  it("installed personally: the chat is stored with the lead's Entra id, she is matched by e-mail and welcomed once", async () => {
    expect((await t.post(personalInstall(t.connector.url, "add"))).status).toBe(200);
    expect((await t.post(personalMembers(t.connector.url, "membersAdded"))).status).toBe(200); // Teams' twin event
    const prisma = t.run.app.db.prisma;
    expect(await prisma.teamsConversation.findUniqueOrThrow({ where: { conversationId: PERSONAL } })).toMatchObject({ kind: "personal", userId: USER.aadObjectId });
    expect(await prisma.person.findUniqueOrThrow({ where: { email: "mette@example.dk" } })).toMatchObject({ teamsUserId: USER.aadObjectId, name: "Mette Holm" });
    expect(t.connector.memberLookups).toContainEqual({ conversationId: PERSONAL, memberId: USER.aadObjectId });
    expect(t.connector.calls).toHaveLength(1);
    const welcome = cardOf(t.connector.calls[0]!);
    expect(t.connector.calls[0]!.conversationId).toBe(PERSONAL);
    expect(headerOf(welcome)).toBe("Kundepuls – hej Mette Holm");
    expect(textsOf(welcome)).toContain("Mine åbne sager");
    expectCleanCard(welcome);
  });

  it("a detractor answer (sent twice) → after delivery exactly one alert card in the lead's chat, with the contact", async () => {
    await t.answer(DETRACTOR);
    await t.answer(DETRACTOR);
    await t.run.app.deliverNow();
    await t.run.app.deliverNow();
    expect(t.connector.calls).toHaveLength(1);
    const [call] = t.connector.calls;
    expect(call).toMatchObject({ method: "POST", kind: "send", conversationId: PERSONAL });
    const alert = cardOf(call!);
    expect(headerOf(alert)).toBe("Utilfreds kunde: 2/10 · Support");
    expect(factsOf(alert)).toMatchObject({ Kunde: "Åse Ørum · Bageriet ApS", Ansvarlig: "Mette Holm", Kontakt: "aase@example.dk", Status: "Åben – ingen har taget den endnu" });
    expect(JSON.stringify(alert)).not.toContain("22 33 44 55"); // the comment is redacted
    expectCleanCard(alert);
    caseId = (await t.run.app.db.prisma.detractorCase.findFirstOrThrow()).id;
    alertId = call!.answeredId!;
    expect(JSON.stringify(alert)).toContain(`case.resolve.${caseId}.actionTaken`); // the resolve form is on the card
  });

  it("claim → the invoke is answered with the updated card and the message is updated in place (PUT)", async () => {
    const res = await t.post(inLeadChat("case.claim"));
    expect(res.status).toBe(200);
    const card = invokeCard(res.body);
    expect(factsOf(card).Status).toBe("Taget af Mette Holm");
    expectCleanCard(card);
    expect(t.connector.calls).toHaveLength(1);
    const [update] = t.connector.calls;
    expect(update).toMatchObject({ method: "PUT", kind: "update", conversationId: PERSONAL, activityId: alertId });
    expect(cardOf(update!)).toEqual(card);
    expect(update!.body).toMatchObject({ type: "message", id: alertId, summary: "Utilfreds kunde: 2/10 · Support – Taget af Mette Holm" });
    expect(await theCase()).toMatchObject({ state: "claimed", claimedBy: "Mette Holm" });
  });

  it("a second person's claim → the refusal to them only; nothing posted or updated", async () => {
    expect(invokeLine((await t.post(fromColleague("case.claim"))).body)).toBe("Kun teamlederen for Support eller en administrator kan tage sagen.");
    expect(t.connector.calls).toHaveLength(0);
    expect(await theCase()).toMatchObject({ state: "claimed", claimedBy: "Mette Holm" });
  });

  it("resolve without saying what was done → the form again with the problem, for the clicker; the case unchanged", async () => {
    const card = invokeCard((await t.post(inLeadChat("case.resolve", { [`case.resolve.${caseId}.outcome`]: "recovered" }))).body);
    expect(textsOf(card)).toContain("Formularen er ikke udfyldt helt – ret felterne herunder og send igen. Intet er ændret. · Hvad blev gjort: Udfyld feltet.");
    expect(card.body.find((e) => e.id === `case.resolve.${caseId}.outcome`)!.value).toBe("recovered");
    expectCleanCard(card);
    expect(t.connector.calls).toHaveLength(0);
    expect(await theCase()).toMatchObject({ state: "claimed", resolvedAt: null, actionTaken: null });
  });

  it("resolve by someone who is neither owner, lead nor admin → refused; the case unchanged", async () => {
    expect(invokeLine((await t.post(fromColleague("case.resolve", resolveInputs("Ringede op", "recovered")))).body)).toBe(
      "Kun den ansvarlige, teamlederen for Support eller en administrator kan løse sagen.",
    );
    expect(t.connector.calls).toHaveLength(0);
    expect(await theCase()).toMatchObject({ state: "claimed", resolvedAt: null });
  });

  it("show contact: the lead gets the details on her card only; a stranger is told no; nothing is posted", async () => {
    const shown = invokeCard((await t.post(inLeadChat("case.contact"))).body);
    expect(factsOf(shown).Kontakt).toBe("aase@example.dk");
    expectCleanCard(shown);
    expect(invokeLine((await t.post(fromColleague("case.contact"))).body)).toBe("Kun den ansvarlige, teamlederen for Support eller en administrator kan se kundens kontaktoplysninger.");
    expect(t.connector.calls).toHaveLength(0);
  });

  it("hand over to the person picked → updated in place; the new owner gets the alert in their own chat", async () => {
    await t.post(personalInstall(t.connector.url, "add", { from: OTHER, conversation: OTHER_PERSONAL, locale: "en-US" }));
    expect(headerOf(cardOf(t.connector.calls[0]!))).toBe("Kundepuls – hi Anders And"); // welcomed in English
    t.connector.clear();
    const card = invokeCard((await t.post(inLeadChat("case.handOver", { "case.handOver.user": OTHER.aadObjectId }))).body);
    expect(factsOf(card).Ansvarlig).toBe("Anders And");
    expect(t.connector.calls).toEqual([expect.objectContaining({ kind: "update", conversationId: PERSONAL, activityId: alertId })]);
    const other = await t.run.app.db.prisma.person.findUniqueOrThrow({ where: { teamsUserId: OTHER.aadObjectId } });
    expect(other.email).toBe("anders@example.dk"); // from the roster
    expect((await theCase()).ownerId).toBe(other.id);
    await t.run.app.deliverNow();
    expect(t.connector.calls).toHaveLength(2);
    expect(t.connector.calls[1]).toMatchObject({ kind: "send", conversationId: OTHER_PERSONAL });
    expect(factsOf(cardOf(t.connector.calls[1]!))).toMatchObject({ Ansvarlig: "Anders And", Kontakt: "aase@example.dk" });
    alertId = t.connector.calls[1]!.answeredId!;
  });

  it("the new owner resolves with the form → updated in place, and the outcome as the next message in the chat", async () => {
    const click = cardClick(t.connector.url, "case.resolve", data("case.resolve", resolveInputs("Ringede til kunden og gav et gavekort.", "recovered")), { from: OTHER, personal: OTHER_PERSONAL, replyToId: alertId });
    const card = invokeCard((await t.post(click)).body);
    expect(factsOf(card).Status).toBe("Løst af Anders And: Kunden er vundet tilbage");
    expectCleanCard(card);
    const [update, note] = t.connector.calls;
    expect(t.connector.calls).toHaveLength(2);
    expect(update).toMatchObject({ kind: "update", conversationId: OTHER_PERSONAL, activityId: alertId });
    expect(note).toMatchObject({ kind: "send", conversationId: OTHER_PERSONAL });
    expect(textsOf(cardOf(note!))).toEqual(["Løst af Anders And: Kunden er vundet tilbage", "Hvad blev gjort: Ringede til kunden og gav et gavekort."]);
    expect(await theCase()).toMatchObject({ state: "resolved", resolvedBy: "Anders And", outcome: "recovered", actionTaken: "Ringede til kunden og gav et gavekort." });
    // resolved: a late click is refused, the card stays
    expect(invokeLine((await t.post(inLeadChat("case.claim"))).body)).toBe("Sagen er allerede løst.");
    expect(t.connector.calls).toHaveLength(2);
    expect(t.warnings).toEqual([]);
  });
});
