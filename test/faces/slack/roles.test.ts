// Roles over the real Slack endpoint (signed requests): each role × action — claim, hand over,
// resolve, show contact, set goal, connect a channel, list cases — allowed or refused. A refusal
// changes nothing (the database is the same before and after) and is in the audit trail.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { COLLEAGUE, LEAD, openedView, pickerBlockId, startHarness, STRANGER, until, type Harness } from "./harness.ts";

const MEMBER = { id: "U00MEMBER001", name: "mia", realName: "Mia Medlem", email: "mia@firma.dk" };
const OPS = { platform: "cli" as const, userId: "ops", name: "ops" };

describe.each(PROVIDERS)("roles in Slack on %s", (provider) => {
  let h: Harness;
  let caseId: number;
  let dm: { channel: string; ts: string; blocks: any[] };

  beforeAll(async () => {
    h = await startHarness(provider);
    h.fake.addUser(MEMBER);
    await h.run.app.roles.addMember("support", { slackUserId: MEMBER.id }, OPS);
    caseId = await h.detractor("roles-1");
    dm = await h.alertFor(caseId, LEAD.id);
  });
  afterAll(async () => h?.stop());

  /** Everything a refused action could have changed. */
  const state = async () => {
    const p = h.run.app.db.prisma;
    return {
      cases: await p.detractorCase.findMany({ orderBy: { id: "asc" } }),
      goals: await p.goal.findMany({ orderBy: { id: "asc" } }),
      bindings: await p.channelBinding.findMany({ orderBy: { id: "asc" } }),
      members: await p.teamMember.findMany({ orderBy: { id: "asc" } }),
      outbox: await p.outboxMessage.findMany({ select: { key: true }, orderBy: { key: "asc" } }),
    };
  };
  const refusedAudit = async (action: string, userId: string) =>
    (await h.run.app.audit.list()).filter((e) => e.action === action && e.actor.userId === userId && !e.allowed);
  const where = () => ({ type: "message" as const, channel: dm.channel, ts: dm.ts });
  async function privately(click: Awaited<ReturnType<Harness["click"]>>): Promise<string> {
    const [answer] = await h.fake.waitFor(() => click.responses().length > 0 && click.responses());
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false });
    return answer.text;
  }

  it("a crafted case.claim for a case sent only to the lead: refused like a real click, nothing changed, audited", async () => {
    const before = await state();
    const click = await h.click(STRANGER, where(), { action_id: "case.claim", value: String(caseId) });
    expect(await privately(click)).toBe("Kun medlemmer af Support, teamlederen eller en administrator kan tage sagen.");
    expect(await state()).toEqual(before);
    const [event] = await refusedAudit("case.claim", STRANGER.id);
    expect(event).toMatchObject({ actor: { platform: "slack", userId: STRANGER.id, name: STRANGER.realName }, objectType: "case", objectId: String(caseId), detail: { mayDo: "memberLeadOrAdmin" } });
  });

  it("the stranger cannot resolve, hand over or see the contact either — each refusal private, nothing changed, audited", async () => {
    const before = await state();
    const contact = await h.click(STRANGER, where(), { action_id: "case.contact", value: String(caseId) });
    expect(await privately(contact)).toBe("Kun den ansvarlige, teamlederen for Support eller en administrator kan se kundens kontaktoplysninger.");
    const handOver = await h.click(STRANGER, where(), { action_id: "case.handOver", block_id: pickerBlockId(dm.blocks), selected_user: STRANGER.id });
    expect(await privately(handOver)).toBe("Kun den ansvarlige, teamlederen for Support eller en administrator kan give sagen videre.");
    const opened = await h.click(LEAD, where(), { action_id: "case.resolve", value: String(caseId) });
    const modal = await openedView(h.fake, opened.triggerId);
    const res = await h.submit(STRANGER, modal, { actionTaken: { text: "Ringede" }, outcome: { option: "recovered" } });
    expect(JSON.stringify(JSON.parse(res.text).view.blocks)).toContain("Kun den ansvarlige, teamlederen for Support eller en administrator kan løse sagen.");
    expect(await state()).toEqual(before);
    for (const action of ["case.contact", "case.handOver", "case.resolve"]) expect(await refusedAudit(action, STRANGER.id)).toHaveLength(1);
  });

  it("a member of the team claims the unclaimed case; the claim is audited as allowed", async () => {
    await h.click(MEMBER, where(), { action_id: "case.claim", value: String(caseId) });
    await h.fake.waitFor(() => h.fake.callsTo("chat.update").find((c) => c.body.ts === dm.ts));
    const row = await h.caseRow(caseId);
    expect([row.state, row.owner?.slackUserId]).toEqual(["claimed", MEMBER.id]);
    const claims = (await h.run.app.audit.list()).filter((e) => e.action === "case.claim" && e.allowed);
    expect(claims.map((e) => [e.actor.userId, e.detail?.as])).toEqual([[MEMBER.id, "member"]]);
  });

  it("the owner (the member) sees the contact; the lead hands the case over to a colleague", async () => {
    const contact = await h.click(MEMBER, where(), { action_id: "case.contact", value: String(caseId) });
    const [answer] = await h.fake.waitFor(() => contact.responses().length > 0 && contact.responses());
    expect(JSON.stringify(answer.blocks)).toContain("aase@example.dk");
    await h.click(LEAD, where(), { action_id: "case.handOver", block_id: pickerBlockId(dm.blocks), selected_user: COLLEAGUE.id });
    await until(async () => (await h.caseRow(caseId)).owner?.slackUserId === COLLEAGUE.id);
    // the hand-over is done when the new owner's alert is queued (after the owner changed)
    await until(async () => (await h.run.app.db.prisma.outboxMessage.count({ where: { key: `alert:${caseId}:slack:${COLLEAGUE.id}` } })) === 1);
    const events = (await h.run.app.audit.list()).filter((e) => e.allowed && e.objectId === String(caseId)).map((e) => [e.action, e.actor.userId, e.detail?.as]);
    expect(events).toEqual([["case.claim", MEMBER.id, "member"], ["case.contact", MEMBER.id, "owner"], ["case.handOver", LEAD.id, "lead"]]);
  });

  it("/nps goal and /nps connect by someone who is not the lead: a private refusal naming who may, nothing changed, audited", async () => {
    const before = await state();
    const goal = await (await h.slash("/nps", "mål support 45 2030-11-30", { user_id: STRANGER.id, user_name: STRANGER.name })).reply();
    expect(goal).toMatchObject({ response_type: "ephemeral", text: "Kun teamlederen for Support eller en administrator kan sætte mål." });
    const goalEn = await (await h.slash("/nps", "goal support 45 2030-11-30", { user_id: STRANGER.id, user_name: STRANGER.name })).reply();
    expect(goalEn.text).toBe("Only the team lead of Support or an admin can set goals.");
    const connect = await (await h.slash("/nps", "connect support alerts", { user_id: MEMBER.id, user_name: MEMBER.name })).reply();
    expect(connect).toMatchObject({ response_type: "ephemeral", text: "Only the team lead of Support or an admin can connect channels." });
    expect(await state()).toEqual(before);
    expect(await refusedAudit("goal.set", STRANGER.id)).toHaveLength(2);
    expect(await refusedAudit("channel.connect", MEMBER.id)).toHaveLength(1);
    expect(h.fake.callsTo("conversations.join")).toHaveLength(0);
  });

  it("/nps cases: everyone sees the counts, only the lead the customers", async () => {
    const stranger = await (await h.slash("/nps", "cases support", { user_id: STRANGER.id, user_name: STRANGER.name })).reply();
    const text = JSON.stringify(stranger.blocks);
    expect(text).toContain("Cases in total");
    expect(text).not.toContain("Åse Ørum");
    expect(text).not.toContain("Bageriet");
    expect(text).toContain("Only the team lead of Support or an admin can see the cases with customer details.");
    expect(await refusedAudit("cases.list", STRANGER.id)).toHaveLength(1);
    const lead = await (await h.slash("/nps", "cases support", { user_id: LEAD.id, user_name: LEAD.name })).reply();
    expect(JSON.stringify(lead.blocks)).toContain("Åse Ørum");
  });

  it("the lead sets the goal and connects the channel; both are audited with who did it", async () => {
    const goal = await (await h.slash("/nps", "goal support 45 2030-11-30", { user_id: LEAD.id, user_name: LEAD.name })).reply();
    expect(goal).toMatchObject({ response_type: "in_channel" });
    const connect = await (await h.slash("/nps", "connect support alerts", { user_id: LEAD.id, user_name: LEAD.name })).reply();
    expect(connect).toMatchObject({ response_type: "in_channel", text: "This channel now gets the detractor alerts for Support." });
    const done = (await h.run.app.audit.list()).filter((e) => e.allowed && (e.action === "goal.set" || e.action === "channel.connect"));
    expect(done.map((e) => [e.action, e.actor.userId, e.actor.name, e.detail?.as])).toEqual([
      ["goal.set", LEAD.id, LEAD.realName, "lead"],
      ["channel.connect", LEAD.id, LEAD.realName, "lead"],
    ]);
  });
});

describe("NPS_VISIBILITY=members in Slack", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("sqlite", { NPS_VISIBILITY: "members" });
    await h.run.app.roles.addMember("support", { slackUserId: MEMBER.id }, OPS);
  });
  afterAll(async () => h?.stop());

  it("a team's NPS only for its people; the company figure for everyone", async () => {
    const stranger = await (await h.slash("/nps", "this month support", { user_id: STRANGER.id, user_name: STRANGER.name })).reply();
    expect(stranger).toMatchObject({ response_type: "ephemeral", text: "Only members of Support can see the team's NPS." });
    const company = await (await h.slash("/nps", "this month", { user_id: STRANGER.id, user_name: STRANGER.name })).reply();
    expect(company.text).toMatch(/^NPS /);
    const member = await (await h.slash("/nps", "this month support", { user_id: MEMBER.id, user_name: MEMBER.name })).reply();
    expect(member.text).toMatch(/^NPS Support/);
  });
});
