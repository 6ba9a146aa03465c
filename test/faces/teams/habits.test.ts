// The rest of what people do in Teams, end to end over HTTP: a channel bound to a team gets its
// digest and its alerts (claimed and resolved in the channel, the outcome in the alert's thread),
// stories shared with a command or the story form, and the personal overview with working buttons.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { CHANNEL, OTHER, PERSONAL, cardClick, channelMention, personalInstall, personalMessage, USER } from "./recorded.ts";
import { cardOf, expectCleanCard, factsOf, headerOf, invokeCard, startTeams, textsOf, type TeamsRun } from "./e2e.ts";

describe.each(PROVIDERS)("digests, channel alerts, stories and home in Teams on %s", (provider) => {
  let t: TeamsRun;
  const prisma = () => t.run.app.db.prisma;

  beforeAll(async () => {
    // the recorded user connects channels below: that needs the team lead or an admin
    t = await startTeams(provider, { ADMINS: USER.aadObjectId });
    const lead = await prisma().person.create({ data: { email: "mette@example.dk", name: "Mette Holm" } });
    await prisma().team.create({ data: { slug: "support", name: "Support", leadId: lead.id } });
    await prisma().team.create({ data: { slug: "salg", name: "Salg" } }); // no lead: its alerts go to its channel
    await t.post(personalInstall(t.connector.url, "add"));
    await t.post(channelMention(t.connector.url, "connect support digest", { id: "1771290300001" }));
    await t.post(channelMention(t.connector.url, "connect salg alerts", { id: "1771290300002" }));
    expect(await t.run.app.bindings.forChannel("teams", CHANNEL)).toHaveLength(2);
  });
  afterAll(async () => t?.stop());
  beforeEach(() => t.connector.clear());

  it("the digest for a bound channel goes through the outbox into the channel", async () => {
    await t.answer([{ id: "d-1", score: 10, team: "support" }, { id: "d-2", score: 8, team: "support" }]);
    const results = await t.run.app.digests.run(new Date(), { team: "support", force: true });
    expect(results).toEqual([expect.objectContaining({ team: "support", queued: 1 })]);
    await t.run.app.deliverNow();
    expect(t.connector.calls).toHaveLength(1);
    expect(t.connector.calls[0]).toMatchObject({ kind: "send", conversationId: CHANNEL });
    expect(headerOf(cardOf(t.connector.calls[0]!))).toBe("Dagens opsummering – Support");
    expectCleanCard(cardOf(t.connector.calls[0]!));
  });

  it("a channel alert: a colleague claims it for everyone, resolves it, and the outcome goes into its thread", async () => {
    await t.answer({ id: "s-1", score: 4, team: "salg", comment: "Ingen ringede tilbage.", customer: { name: "Bo Berg", email: "bo@example.dk" } });
    await t.run.app.deliverNow();
    const [posted] = t.connector.calls;
    expect(posted).toMatchObject({ kind: "send", conversationId: CHANNEL });
    const alert = cardOf(posted!);
    expect(factsOf(alert).Kontakt).toBeUndefined(); // never contact details in a channel
    const alertId = posted!.answeredId!;
    const caseId = (await prisma().detractorCase.findFirstOrThrow({ where: { team: { slug: "salg" } } })).id;
    // the colleague belongs to Salg: a member may take the team's unclaimed case
    await t.run.app.roles.addMember("salg", { teamsUserId: OTHER.aadObjectId }, { platform: "cli", userId: "ops", name: "ops" });
    const click = (verb: string, extra: Record<string, unknown> = {}) =>
      cardClick(t.connector.url, verb, { action: verb, value: String(caseId), lang: "da", card: "alert", ...extra }, { from: OTHER, thread: alertId, replyToId: alertId });
    const thread = `${CHANNEL};messageid=${alertId}`;

    t.connector.clear();
    expect(factsOf(invokeCard((await t.post(click("case.claim"))).body)).Status).toBe("Taget af Anders And");
    expect(t.connector.calls).toEqual([expect.objectContaining({ kind: "update", conversationId: thread, activityId: alertId })]);

    t.connector.clear();
    const inputs = { [`case.resolve.${caseId}.actionTaken`]: "Skrev til kunden to gange.", [`case.resolve.${caseId}.outcome`]: "no_contact" };
    const resolved = invokeCard((await t.post(click("case.resolve", inputs))).body);
    expect(factsOf(resolved).Status).toBe("Løst af Anders And: Ingen kontakt");
    const [update, note] = t.connector.calls;
    expect(update).toMatchObject({ kind: "update", conversationId: thread, activityId: alertId });
    expect(note).toMatchObject({ kind: "reply", conversationId: thread, activityId: alertId });
    expect(textsOf(cardOf(note!))).toEqual(["Løst af Anders And: Ingen kontakt", "Hvad blev gjort: Skrev til kunden to gange."]);
    expectCleanCard(cardOf(note!));
  });

  it("kundehistorie <text> → stored redacted, as the writer; the thank-you in the thread; story <text> in English", async () => {
    const text = "Kunden ringede og takkede for hjælpen – skriv til hende på kunde@example.dk eller 22 33 44 55.";
    await t.post(channelMention(t.connector.url, `kundehistorie ${text}`, { id: "1771290300100" }));
    await t.post(personalMessage(t.connector.url, "story The customer wrote back to say the new setup works perfectly"));
    const [thanks, english] = t.connector.calls;
    expect(thanks).toMatchObject({ kind: "reply", conversationId: `${CHANNEL};messageid=1771290300100` });
    expect(thanks!.body.summary).toBe("Tak! Historien deles i kundehistorie-kanalen ved næste ledige tidspunkt.");
    expectCleanCard(cardOf(thanks!));
    expect(english!.body.summary).toBe("Thank you! The story will be shared in the customer-stories channel at the next free slot.");
    const stories = await prisma().story.findMany({ orderBy: { id: "asc" } });
    expect(stories).toHaveLength(2);
    expect(stories[0]).toMatchObject({ kind: "employee", submittedBy: "Mette Holm", teamId: null });
    expect(stories[0]!.text).toContain("(e-mail fjernet)");
    expect(stories[0]!.text).toContain("(telefonnummer fjernet)");
    expect(stories[0]!.text).not.toMatch(/kunde@example\.dk|22 33 44 55/);
  });

  it("kundehistorie alone → the story form; sent without text → the form again for the sender, nothing stored; filled in → stored, and the form becomes the thank-you", async () => {
    await t.post(channelMention(t.connector.url, "kundehistorie", { id: "1771290300200" }));
    const form = cardOf(t.connector.calls[0]!);
    expect(headerOf(form)).toBe("Del en kundehistorie");
    expect(form.body.find((e) => e.id === "story.submit.team")!.choices).toEqual([{ title: "Salg", value: "salg" }, { title: "Support", value: "support" }]);
    expect(form.actions).toEqual([expect.objectContaining({ type: "Action.Execute", verb: "story.submit" })]);
    expectCleanCard(form);
    const before = await prisma().story.count();
    const formId = t.connector.calls[0]!.answeredId!;
    const submit = (inputs: Record<string, string>) =>
      cardClick(t.connector.url, "story.submit", { action: "story.submit", value: "", lang: "da", card: "form", ...inputs }, { thread: "1771290300200", replyToId: formId });

    t.connector.clear();
    const again = invokeCard((await t.post(submit({ "story.submit.team": "salg" }))).body);
    expect(textsOf(again).join(" ")).toContain("Udfyld feltet.");
    expect(again.body.find((e) => e.id === "story.submit.team")!.value).toBe("salg");
    expect(t.connector.calls).toHaveLength(0);
    expect(await prisma().story.count()).toBe(before);

    const thanks = invokeCard((await t.post(submit({ "story.submit.text": "Salg fik ros for et godt tilbud.", "story.submit.team": "salg", "story.submit.attribution": "Bo" }))).body);
    expect(textsOf(thanks)).toEqual(["Tak! Historien deles i kundehistorie-kanalen ved næste ledige tidspunkt."]);
    expectCleanCard(again);
    expect(t.connector.calls).toEqual([expect.objectContaining({ kind: "update", activityId: formId })]);
    const salg = await prisma().team.findUniqueOrThrow({ where: { slug: "salg" } });
    expect(await prisma().story.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({ text: "Salg fik ros for et godt tilbud.", teamId: salg.id, attribution: "Bo" });
  });

  it("overblik → the lead's open cases; its claim button claims and redraws the overview in place", async () => {
    await t.answer({ id: "h-1", score: 3, team: "support", customer: { name: "Kim Krog" } });
    await t.run.app.deliverNow();
    t.connector.clear();
    await t.post(personalMessage(t.connector.url, "overblik"));
    const [reply] = t.connector.calls;
    const home = cardOf(reply!);
    expect(headerOf(home)).toBe("Kundepuls – hej Mette Holm");
    expect(textsOf(home)).toContain("Mine åbne sager");
    const caseId = (await prisma().detractorCase.findFirstOrThrow({ where: { team: { slug: "support" } } })).id;
    expect(textsOf(home).some((line) => line.startsWith(`#${caseId} · 3/10 · Kim Krog · Support`))).toBe(true);
    expectCleanCard(home);
    const claim = home.body.flatMap((e) => e.actions ?? []).find((a) => a.verb === "case.claim");
    expect(claim.data).toEqual({ action: "case.claim", value: String(caseId), lang: "da", card: "home" });

    t.connector.clear();
    // the connector is slow to update the message: the click is answered anyway, in time for Teams
    t.connector.delayNext(1, 4_000);
    const started = Date.now();
    const redrawn = invokeCard((await t.post(cardClick(t.connector.url, "case.claim", claim.data, { personal: PERSONAL, replyToId: reply!.answeredId! }))).body);
    expect(Date.now() - started).toBeLessThan(3_800);
    await t.connector.waitForCalls(1);
    expect(headerOf(redrawn)).toBe("Kundepuls – hej Mette Holm");
    expect(JSON.stringify(redrawn)).not.toContain('"verb":"case.claim"'); // claimed: still listed, without the claim button
    expectCleanCard(redrawn);
    expect(t.connector.calls).toEqual([expect.objectContaining({ kind: "update", conversationId: PERSONAL, activityId: reply!.answeredId })]);
    expect(await prisma().detractorCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ state: "claimed", claimedBy: "Mette Holm" });
  });

  it("home in English; in a channel it says where to ask; help lists the Teams commands", async () => {
    await t.post(personalMessage(t.connector.url, "home", { id: "2" }));
    await t.post(channelMention(t.connector.url, "overblik", { id: "1771290300300" }));
    await t.post(personalMessage(t.connector.url, "help", { id: "3" }));
    const [home, channel, help] = t.connector.calls;
    expect(textsOf(cardOf(home!))).toContain("My open cases");
    expect(textsOf(cardOf(channel!))).toEqual(["Dit overblik vises kun i din personlige chat med Kundepuls: skriv overblik dér."]);
    expect(textsOf(cardOf(help!)).join("\n")).toContain("• story and your text – share a customer story (story alone gives you a form)");
    expect(t.warnings.filter((w) => !w.includes("updateActivity: no answer within"))).toEqual([]);
  });
});
