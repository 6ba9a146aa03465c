// The detractor-alert listeners on their own, with fake services and a recording Slack client:
// ack first, where each answer goes (in place / privately), and what happens when things fail.
import { describe, expect, it, vi } from "vitest";
import { buildAlert, type CaseView } from "../../../src/messages/alert.ts";
import { buildNotice } from "../../../src/messages/notice.ts";
import type { CaseActionResult } from "../../../src/services/case-service.ts";
import { claimCase } from "../../../src/faces/slack/listeners/actions/claim-case.ts";
import { handOverCase } from "../../../src/faces/slack/listeners/actions/hand-over-case.ts";
import { openResolveModal } from "../../../src/faces/slack/listeners/actions/open-resolve.ts";
import { showContact } from "../../../src/faces/slack/listeners/actions/show-contact.ts";
import { placeOf, blockActionBody } from "../../../src/faces/slack/listeners/places.ts";
import { SlackUsers } from "../../../src/faces/slack/listeners/users.ts";
import type { ActionResponse } from "../../../src/faces/slack/listeners/client.ts";
import { actionBody, fakeClient, fakeDeps, NOW, recordingLog } from "./listener-fakes.ts";

const view: CaseView = {
  id: 7, state: "claimed", score: 3, ces: null, comment: "Lang ventetid", customerName: null, customerAccount: null, contact: null,
  team: { slug: "support", name: "Support" }, touchpoint: null, answeredAt: NOW, openedAt: NOW, ownerName: "Anna", claimedBy: "Anna",
  resolvedBy: null, actionTaken: null, outcome: null,
};
const ok: CaseActionResult = { ok: true, view, alert: buildAlert(view, "da", NOW), note: null };
const refused: CaseActionResult = { ok: false, explanation: buildNotice("da", "Nej.") };

function setup(over: Parameters<typeof fakeDeps>[0] = {}) {
  const deps = fakeDeps(over);
  const users = new SlackUsers(deps.log);
  const slack = fakeClient({ U1: { real_name: "Anna Andersen", email: "anna@firma.dk" }, U2: { real_name: "Bo Berg", email: "bo@firma.dk" } });
  const order: string[] = [];
  const ack = vi.fn(async () => void order.push("ack"));
  const answers: ActionResponse[] = [];
  const respond = vi.fn(async (p: ActionResponse) => void answers.push(p));
  return { deps, users, slack, ack, order, respond, answers, log: deps.log as ReturnType<typeof recordingLog> };
}

describe("case buttons", () => {
  it("claim: acks before the service runs, passes the person from users.info, updates the message in place", async () => {
    const s = setup();
    const claim = vi.fn(async () => {
      s.order.push("claim");
      return ok;
    });
    s.deps.cases.claim = claim;
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7" }), client: s.slack.client, respond: s.respond });
    expect(s.order).toEqual(["ack", "claim"]);
    expect(claim).toHaveBeenCalledWith(7, { platform: "slack", userId: "U1", name: "Anna Andersen", email: "anna@firma.dk" }, NOW, "da", "private"); // clicked in the DM (D1): the owner's copy keeps the contact
    expect(s.slack.calls.find((c) => c.method === "chat.update")?.args).toMatchObject({ channel: "D1", ts: "111.222", text: ok.ok ? ok.alert.summary : "" });
    expect(s.answers).toEqual([]);
  });

  it("a refusal goes only to the clicker: respond() ephemeral, or chat.postEphemeral without a response_url", async () => {
    const s = setup({ cases: { claim: async () => refused, resolve: vi.fn(), handOver: vi.fn(), contactFor: vi.fn() } });
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7" }), client: s.slack.client, respond: s.respond });
    expect(s.answers).toEqual([expect.objectContaining({ response_type: "ephemeral", replace_original: false, text: "Nej." })]);
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7" }), client: s.slack.client });
    expect(s.slack.calls.filter((c) => c.method === "chat.postEphemeral").map((c) => c.args)).toEqual([expect.objectContaining({ channel: "D1", user: "U1", text: "Nej." })]);
    expect(s.slack.methods()).not.toContain("chat.update");
  });

  it("from the Home tab: success publishes the Home tab again, a refusal comes as a DM", async () => {
    const home = { type: "view", view_id: "V1" };
    const s = setup({ home: { forActor: async () => buildNotice("da", "Hjem") } });
    s.deps.cases.claim = async () => ok;
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7" }, home), client: s.slack.client });
    expect(s.slack.calls.find((c) => c.method === "views.publish")?.args).toMatchObject({ user_id: "U1", view: { type: "home" } });
    s.deps.cases.claim = async () => refused;
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7" }, home), client: s.slack.client });
    expect(s.slack.calls.find((c) => c.method === "chat.postMessage")?.args).toMatchObject({ channel: "U1", text: "Nej." });
  });

  it("chat.update failing (message deleted) falls back to replacing it through the response_url", async () => {
    const s = setup();
    s.deps.cases.claim = async () => ok;
    s.slack.client.chat.update.mockRejectedValueOnce(new Error("An API error occurred: message_not_found"));
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7" }), client: s.slack.client, respond: s.respond });
    expect(s.answers).toEqual([expect.objectContaining({ replace_original: true, text: "Utilfreds kunde: 3/10 · Support – Taget af Anna" })]);
  });

  it("an unreadable payload is ignored; an unreadable case id is answered; a failing service gets an apology", async () => {
    const s = setup();
    await claimCase(s.deps, s.users)({ ack: s.ack, body: { type: "block_actions" }, client: s.slack.client, respond: s.respond });
    expect(s.ack).toHaveBeenCalledOnce();
    expect(s.answers).toEqual([]);
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7; DROP" }), client: s.slack.client, respond: s.respond });
    expect(s.answers.map((a) => a.text)).toEqual(["Den knap virker ikke længere. Se dine sager med /nps sager."]);
    s.deps.cases.claim = async () => {
      throw new Error("database down");
    };
    await claimCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ value: "7" }), client: s.slack.client, respond: s.respond });
    expect(s.answers.at(-1)).toMatchObject({ response_type: "ephemeral", text: "Beklager, det gik galt hos mig. Prøv igen om lidt." });
    expect(s.log.lines).toContain("error slack: case.claim of case #7 by U1 failed database down");
  });

  it("hand over: the case id from the picker's block_id, both people looked up; a cleared picker does nothing", async () => {
    const s = setup();
    const handOver = vi.fn(async () => ok);
    s.deps.cases.handOver = handOver;
    const picked = { type: "users_select", action_id: "case.handOver", block_id: "kp.pick.3.7", selected_user: "U2" };
    await handOverCase(s.deps, s.users)({ ack: s.ack, body: actionBody(picked), client: s.slack.client, respond: s.respond });
    expect(handOver).toHaveBeenCalledWith(7, expect.objectContaining({ userId: "U1", email: "anna@firma.dk" }), { platform: "slack", userId: "U2", name: "Bo Berg", email: "bo@firma.dk" }, NOW, "da", "private");
    expect(s.slack.methods()).toContain("chat.update");
    await handOverCase(s.deps, s.users)({ ack: s.ack, body: actionBody({ ...picked, selected_user: null }), client: s.slack.client, respond: s.respond });
    expect(handOver).toHaveBeenCalledOnce();
  });

  it("show contact is always private", async () => {
    const s = setup();
    s.deps.cases.contactFor = async () => buildNotice("da", "aase@example.dk");
    await showContact(s.deps, s.users)({ ack: s.ack, body: actionBody({ action_id: "case.contact", value: "7" }), client: s.slack.client, respond: s.respond });
    expect(s.answers).toEqual([expect.objectContaining({ response_type: "ephemeral", replace_original: false, text: "aase@example.dk" })]);
  });

  it("resolve opens the modal at once with the trigger_id: nothing slow (users.info) before views.open", async () => {
    const s = setup();
    await openResolveModal(s.deps, s.users)({ ack: s.ack, body: actionBody({ action_id: "case.resolve", value: "7" }), client: s.slack.client, respond: s.respond });
    expect(s.slack.methods()).toEqual(["views.open"]);
    const opened = s.slack.calls[0]!.args as { trigger_id: string; view: { callback_id: string; private_metadata: string } };
    expect(opened.trigger_id).toBe("trig-1");
    expect(opened.view.callback_id).toBe("case.resolve");
    expect(JSON.parse(opened.view.private_metadata)).toEqual({ caseId: 7, lang: "da", place: { kind: "message", channel: "D1", ts: "111.222" } });
  });
});

describe("placeOf", () => {
  const place = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => placeOf(blockActionBody.parse({ ...actionBody({ value: "1" }, container), ...extra }));
  it("tells a message, an ephemeral message, the Home tab and anything else apart", () => {
    expect(place({ type: "message", message_ts: "1.2", channel_id: "C1", is_ephemeral: false })).toEqual({ kind: "message", channel: "C1", ts: "1.2" });
    expect(place({ type: "message", message_ts: "1.2", channel_id: "C1", is_ephemeral: true })).toEqual({ kind: "ephemeral", responseUrl: "https://hooks.slack.com/actions/T/1/x" });
    expect(place({ type: "view", view_id: "V1" })).toEqual({ kind: "home" });
    expect(place({ type: "view", view_id: "V1" }, { view: { type: "modal" } })).toEqual({ kind: "none" });
  });
});

describe("SlackUsers", () => {
  it("keeps users.info answers for the cache time, and looks again afterwards", async () => {
    let clock = 0;
    const users = new SlackUsers(recordingLog(), 60_000, 1_000, () => clock);
    const slack = fakeClient({ U1: { real_name: "Anna", email: "anna@firma.dk" } });
    expect(await users.actor(slack.client, "U1")).toEqual({ platform: "slack", userId: "U1", name: "Anna", email: "anna@firma.dk" });
    clock = 59_000;
    await users.actor(slack.client, "U1");
    expect(slack.client.users.info).toHaveBeenCalledTimes(1);
    clock = 61_000;
    await users.actor(slack.client, "U1");
    expect(slack.client.users.info).toHaveBeenCalledTimes(2);
  });

  it("a failing or slow users.info: go on with the handle from the payload, no e-mail, and try again next time", async () => {
    const log = recordingLog();
    const users = new SlackUsers(log, 60_000, 50);
    const slack = fakeClient();
    expect(await users.actor(slack.client, "U9", "nine")).toEqual({ platform: "slack", userId: "U9", name: "nine", email: null });
    await users.actor(slack.client, "U9", "nine");
    expect(slack.client.users.info).toHaveBeenCalledTimes(2);
    slack.client.users.info.mockImplementationOnce(() => new Promise(() => {}));
    expect(await users.actor(slack.client, "U9")).toEqual({ platform: "slack", userId: "U9", name: null, email: null });
    expect(log.lines).toContain("warn slack: users.info for U9 failed; going on without e-mail");
  });
});
