// Detractor alerts in Slack, end to end over signed HTTP: a detractor answer → the team lead's DM
// → claim, resolve (modal), hand over (users_select), show contact — with the refusals only the
// clicker sees, and nothing changed in the database when the service says no.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { COLLEAGUE, LEAD, openedView, pickerBlockId, startHarness, STRANGER, textOf, type Harness } from "./harness.ts";
import { limitViolations } from "./limits-check.ts";
import { viewViolations } from "./view-limits-check.ts";

describe.each(PROVIDERS)("detractor alerts in Slack on %s", (provider) => {
  let h: Harness;
  let caseId: number;
  let alert: { channel: string; ts: string; blocks: any[] };
  let modal: any;

  beforeAll(async () => {
    h = await startHarness(provider);
  });
  afterAll(async () => h?.stop());

  const updatesOf = (ts: string) => h.fake.callsTo("chat.update").filter((c) => c.body.ts === ts);

  it("a detractor answer reaches the team lead as a DM with the case buttons", async () => {
    caseId = await h.detractor("d-claim");
    alert = await h.alertFor(caseId, LEAD.id);
    expect(alert.channel).toBe(h.fake.dmOf(LEAD.id));
    const ids = alert.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: any) => e.action_id));
    expect(ids).toEqual(["case.claim", "case.resolve", "case.handOver"]);
    expect(pickerBlockId(alert.blocks)).toMatch(new RegExp(`^kp\\.pick\\.\\d+\\.${caseId}$`));
  });

  it("case.claim by the lead: the DM is updated in place with “Taget af …”", async () => {
    const click = await h.click(LEAD, { type: "message", channel: alert.channel, ts: alert.ts }, { action_id: "case.claim", value: String(caseId) });
    expect(click.res).toEqual({ status: 200, text: "" });
    const update = await h.fake.waitFor(() => updatesOf(alert.ts)[0]);
    expect(update.body.channel).toBe(alert.channel);
    expect(update.body.text).toBe("Utilfreds kunde: 2/10 · Support – Taget af Lone Leder");
    expect(textOf(update.body.blocks)).toContain("Taget af Lone Leder");
    expect(limitViolations(update.body.blocks as any[])).toEqual([]);
    const row = await h.caseRow(caseId);
    expect([row.state, row.claimedBy, row.owner?.slackUserId]).toEqual(["claimed", "Lone Leder", LEAD.id]);
    expect(click.responses()).toEqual([]); // nothing ephemeral on success
  });

  it("a second person's claim: a refusal only they see, and nothing changes", async () => {
    const click = await h.click(STRANGER, { type: "message", channel: alert.channel, ts: alert.ts }, { action_id: "case.claim", value: String(caseId) });
    const [answer] = await h.fake.waitFor(() => click.responses().length > 0 && click.responses());
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false, text: "Kun teamlederen for Support eller en administrator kan tage sagen." });
    expect(updatesOf(alert.ts)).toHaveLength(1);
    const row = await h.caseRow(caseId);
    expect([row.state, row.owner?.slackUserId]).toEqual(["claimed", LEAD.id]);
  });

  it("case.resolve opens the resolve modal with the click's trigger_id", async () => {
    const click = await h.click(LEAD, { type: "message", channel: alert.channel, ts: alert.ts }, { action_id: "case.resolve", value: String(caseId) });
    modal = await openedView(h.fake, click.triggerId);
    expect(modal).toMatchObject({ type: "modal", callback_id: "case.resolve", title: { text: "Løs sagen" }, submit: { text: "Løst" }, close: { text: "Annullér" } });
    const inputs = modal.blocks.filter((b: any) => b.type === "input");
    expect(inputs.map((b: any) => [b.block_id, b.element.type, b.optional])).toEqual([["actionTaken", "plain_text_input", false], ["outcome", "static_select", false]]);
    expect(inputs[0].element.multiline).toBe(true);
    expect(inputs[1].element.options.map((o: any) => [o.value, o.text.text])).toEqual([
      ["recovered", "Kunden er vundet tilbage"], ["not_recovered", "Ikke vundet tilbage"], ["no_contact", "Ingen kontakt"],
    ]);
    expect(JSON.parse(modal.private_metadata)).toEqual({ caseId, lang: "da", place: { kind: "message", channel: alert.channel, ts: alert.ts } });
    expect(textOf(modal.blocks)).toContain(`Sag #${caseId}`);
    expect(viewViolations(modal)).toEqual([]);
  });

  it("an empty “what was done” or no outcome: response_action errors naming the field", async () => {
    const blank = await h.submit(LEAD, modal, { actionTaken: { text: "   " }, outcome: { option: "recovered" } });
    expect(blank.status).toBe(200);
    expect(JSON.parse(blank.text)).toEqual({ response_action: "errors", errors: { actionTaken: "Udfyld feltet." } });
    const noOutcome = await h.submit(LEAD, modal, { actionTaken: { text: "Ringede" }, outcome: { option: null } });
    expect(JSON.parse(noOutcome.text)).toEqual({ response_action: "errors", errors: { outcome: "Vælg en af mulighederne." } });
    expect((await h.caseRow(caseId)).state).toBe("claimed");
  });

  it("someone else submits the modal: the modal shows why, and the case is untouched", async () => {
    const res = await h.submit(STRANGER, modal, { actionTaken: { text: "Jeg ringede" }, outcome: { option: "recovered" } });
    const body = JSON.parse(res.text);
    expect(body.response_action).toBe("update");
    expect(textOf(body.view.blocks)).toContain("Kun den ansvarlige, teamlederen for Support eller en administrator kan løse sagen.");
    expect(body.view.submit).toBeUndefined();
    expect(viewViolations(body.view)).toEqual([]);
    const row = await h.caseRow(caseId);
    expect([row.state, row.actionTaken, row.outcome, row.resolvedAt]).toEqual(["claimed", null, null, null]);
  });

  it("the owner resolves: the modal closes, the DM is updated in place, the outcome goes in its thread", async () => {
    const res = await h.submit(LEAD, modal, { actionTaken: { text: "Ringede og gav en ny tid." }, outcome: { option: "recovered" } });
    expect(res).toEqual({ status: 200, text: "" });
    const update = await h.fake.waitFor(() => updatesOf(alert.ts)[1]);
    expect(update.body).toMatchObject({ channel: alert.channel, text: "Utilfreds kunde: 2/10 · Support – Løst af Lone Leder: Kunden er vundet tilbage" });
    expect((update.body.blocks as any[]).some((b) => b.type === "actions")).toBe(false);
    // resolved from the owner's own DM: the redrawn alert there still shows the contact
    expect(alert.channel).toMatch(/^D/);
    expect(JSON.stringify(update.body.blocks)).toContain("aase@example.dk");
    const note = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").find((c) => c.body.thread_ts === alert.ts));
    expect(note.body).toMatchObject({ channel: alert.channel, text: "Løst af Lone Leder: Kunden er vundet tilbage" });
    expect(textOf(note.body.blocks)).toContain("Hvad blev gjort: Ringede og gav en ny tid.");
    const row = await h.caseRow(caseId);
    expect([row.state, row.outcome, row.actionTaken, row.resolvedBy]).toEqual(["resolved", "recovered", "Ringede og gav en ny tid.", "Lone Leder"]);
  });

  describe("hand over and contact", () => {
    let second: number;
    let dm: { channel: string; ts: string; blocks: any[] };

    it("only the owner, lead or an admin may hand over: a stranger is told privately", async () => {
      second = await h.detractor("d-handover");
      dm = await h.alertFor(second, LEAD.id);
      const click = await h.click(STRANGER, { type: "message", channel: dm.channel, ts: dm.ts }, { action_id: "case.handOver", block_id: pickerBlockId(dm.blocks), selected_user: STRANGER.id });
      const [answer] = await h.fake.waitFor(() => click.responses().length > 0 && click.responses());
      expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false, text: "Kun den ansvarlige, teamlederen for Support eller en administrator kan give sagen videre." });
      expect((await h.caseRow(second)).owner?.slackUserId).toBe(LEAD.id);
    });

    it("the lead picks a colleague: owner changed (found by users.info), alert updated, the colleague's DM queued", async () => {
      await h.click(LEAD, { type: "message", channel: dm.channel, ts: dm.ts }, { action_id: "case.handOver", block_id: pickerBlockId(dm.blocks), selected_user: COLLEAGUE.id });
      const update = await h.fake.waitFor(() => updatesOf(dm.ts)[0]);
      expect(textOf(update.body.blocks)).toContain("Kim Kollega");
      const row = await h.caseRow(second);
      expect([row.owner?.slackUserId, row.owner?.email, row.owner?.name]).toEqual([COLLEAGUE.id, COLLEAGUE.email, COLLEAGUE.realName]);
      const queued = await h.run.app.db.prisma.outboxMessage.findUnique({ where: { key: `alert:${second}:slack:${COLLEAGUE.id}` } });
      expect(queued?.state).toBe("pending");
      const theirs = await h.alertFor(second, COLLEAGUE.id);
      expect(theirs.channel).toBe(h.fake.dmOf(COLLEAGUE.id));
      expect(h.fake.callsTo("users.info").map((c) => c.body.user)).toEqual(expect.arrayContaining([LEAD.id, STRANGER.id, COLLEAGUE.id]));
    });

    it("show contact: the lead sees the customer's e-mail, a stranger only an explanation", async () => {
      // The lead's own DM, updated after the hand-over, keeps the contact line: no button needed there.
      const updated = updatesOf(dm.ts)[0]!.body.blocks as any[];
      expect(textOf(updated)).toContain("aase@example.dk");
      expect(updated.flatMap((b) => (b.type === "actions" ? b.elements : [])).find((e: any) => e.action_id === "case.contact")).toBeUndefined();
      // A channel copy's "Vis kontakt" button:
      const lead = await h.click(LEAD, { type: "message", channel: dm.channel, ts: dm.ts }, { action_id: "case.contact", value: String(second) });
      const [forLead] = await h.fake.waitFor(() => lead.responses().length > 0 && lead.responses());
      expect(forLead).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(textOf(forLead.blocks)).toContain("aase@example.dk");
      const stranger = await h.click(STRANGER, { type: "message", channel: dm.channel, ts: dm.ts }, { action_id: "case.contact", value: String(second) });
      const [forStranger] = await h.fake.waitFor(() => stranger.responses().length > 0 && stranger.responses());
      expect(forStranger.text).toBe("Kun den ansvarlige, teamlederen for Support eller en administrator kan se kundens kontaktoplysninger.");
      expect(textOf(forStranger)).not.toContain("aase@example.dk");
    });

    it("a button on an ephemeral copy replaces that copy through its response_url", async () => {
      const click = await h.click(COLLEAGUE, { type: "message", channel: dm.channel, ts: "1772518400.999999", ephemeral: true }, { action_id: "case.claim", value: String(second) });
      const [replaced] = await h.fake.waitFor(() => click.responses().length > 0 && click.responses());
      expect(replaced).toMatchObject({ response_type: "ephemeral", replace_original: true });
      expect(replaced.text).toContain("Taget af Kim Kollega");
      expect((await h.caseRow(second)).state).toBe("claimed");
    });

    it("a button without a readable case id is answered, privately, that it no longer works", async () => {
      const click = await h.click(LEAD, { type: "message", channel: dm.channel, ts: dm.ts }, { action_id: "case.claim", value: "not-a-case" });
      const [answer] = await h.fake.waitFor(() => click.responses().length > 0 && click.responses());
      expect(answer.text).toBe("Den knap virker ikke længere. Se dine sager med /nps sager.");
    });
  });
});
