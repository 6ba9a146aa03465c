// Modal submissions, forms and the Home tab on their own: fields checked at the edge, the 3-second
// window (slow work closes the modal first and answers privately later), forms drawn as modals
// within Slack's limits, and repeated buttons made unique.
import { describe, expect, it, vi } from "vitest";
import { OUTCOMES, resolveCaseForm, storyForm, type Form } from "../../../src/messages/forms.ts";
import { buildAlert, type CaseView } from "../../../src/messages/alert.ts";
import { buildNotice } from "../../../src/messages/notice.ts";
import type { Message } from "../../../src/messages/model.ts";
import type { CaseActionResult } from "../../../src/services/case-service.ts";
import { actionIdPattern, baseActionId, renderFormModal, renderMessage } from "../../../src/faces/slack/blocks.ts";
import { appHomeOpened } from "../../../src/faces/slack/listeners/events/app-home-opened.ts";
import { decodeMetadata, encodeMetadata, resolveMetadata } from "../../../src/faces/slack/listeners/metadata.ts";
import { SlackUsers } from "../../../src/faces/slack/listeners/users.ts";
import { readForm } from "../../../src/faces/slack/listeners/views/form-values.ts";
import { resolveCaseSubmission } from "../../../src/faces/slack/listeners/views/resolve-case.ts";
import { storySubmission } from "../../../src/faces/slack/listeners/views/submit-story.ts";
import { fakeClient, fakeDeps, NOW } from "./listener-fakes.ts";
import { viewViolations } from "./view-limits-check.ts";
import { limitViolations } from "./limits-check.ts";

const caseView: CaseView = {
  id: 7, state: "resolved", score: 3, ces: null, comment: null, customerName: null, customerAccount: null, contact: null, team: null, touchpoint: null,
  answeredAt: NOW, openedAt: NOW, ownerName: "Anna", claimedBy: "Anna", resolvedBy: "Anna", actionTaken: "Ringede", outcome: "recovered",
};
const done: CaseActionResult = { ok: true, view: caseView, alert: buildAlert(caseView, "da", NOW), note: buildNotice("da", "Løst af Anna") };
const place = { kind: "message" as const, channel: "C1", ts: "111.222" };

function submission(callbackId: string, metadata: string, values: Record<string, unknown>) {
  return { type: "view_submission", user: { id: "U1", name: "anna" }, view: { callback_id: callbackId, private_metadata: metadata, state: { values } } };
}
const resolveValues = (actionTaken: string | null, outcome: string | null) => ({
  actionTaken: { actionTaken: { type: "plain_text_input", value: actionTaken } },
  outcome: { outcome: { type: "static_select", selected_option: outcome ? { value: outcome } : null } },
});
const resolveMeta = encodeMetadata({ caseId: 7, lang: "da", place });

function run(over: Parameters<typeof fakeDeps>[0] = {}) {
  const deps = fakeDeps({ ackWindowMs: 50, ...over });
  const slack = fakeClient({ U1: { real_name: "Anna", email: "anna@firma.dk" } });
  const acks: unknown[] = [];
  const ack = vi.fn(async (r?: unknown) => void acks.push(r ?? "closed"));
  return { deps, users: new SlackUsers(deps.log), slack, ack, acks };
}

describe("the resolve modal submitted", () => {
  it("done in time: closes, updates the alert in place and posts the note in its thread", async () => {
    const r = run();
    r.deps.cases.resolve = vi.fn(async () => done);
    await resolveCaseSubmission(r.deps, r.users)({ ack: r.ack, body: submission("case.resolve", resolveMeta, resolveValues("  Ringede  ", "recovered")), client: r.slack.client });
    expect(r.acks).toEqual(["closed"]);
    expect(r.deps.cases.resolve).toHaveBeenCalledWith(7, expect.objectContaining({ userId: "U1" }), { actionTaken: "Ringede", outcome: "recovered" }, NOW, "da", "shared");
    expect(r.slack.calls.filter((c) => c.method !== "users.info").map((c) => [c.method, c.args.channel, c.args.ts ?? c.args.thread_ts])).toEqual([
      ["chat.update", "C1", "111.222"],
      ["chat.postMessage", "C1", "111.222"],
    ]);
  });

  it("slower than Slack's window: the modal closes first; a late refusal reaches the person privately", async () => {
    const r = run();
    let finish!: (v: CaseActionResult) => void;
    r.deps.cases.resolve = () => new Promise((resolve) => (finish = resolve));
    const running = resolveCaseSubmission(r.deps, r.users)({ ack: r.ack, body: submission("case.resolve", resolveMeta, resolveValues("Ringede", "no_contact")), client: r.slack.client });
    await vi.waitFor(() => expect(r.acks).toEqual(["closed"]));
    finish({ ok: false, explanation: buildNotice("da", "Sagen er allerede løst.") });
    await running;
    expect(r.slack.calls.find((c) => c.method === "chat.postEphemeral")?.args).toMatchObject({ channel: "C1", user: "U1", text: "Sagen er allerede løst." });
  });

  it("a service failure within the window: the modal shows an apology; unreadable metadata: 'no longer works'", async () => {
    const r = run();
    r.deps.cases.resolve = async () => {
      throw new Error("database down");
    };
    await resolveCaseSubmission(r.deps, r.users)({ ack: r.ack, body: submission("case.resolve", resolveMeta, resolveValues("Ringede", "recovered")), client: r.slack.client });
    await resolveCaseSubmission(r.deps, r.users)({ ack: r.ack, body: submission("case.resolve", "{not json", resolveValues("Ringede", "recovered")), client: r.slack.client });
    const texts = r.acks.map((a) => JSON.stringify(a));
    expect(texts[0]).toContain("Beklager, det gik galt hos mig.");
    expect(texts[1]).toContain("Den knap virker ikke længere.");
    expect(r.acks.every((a) => (a as { response_action: string }).response_action === "update")).toBe(true);
  });
});

describe("the story modal submitted", () => {
  const values = (text: string | null) => ({ text: { text: { type: "plain_text_input", value: text } }, attribution: { attribution: { type: "plain_text_input", value: null } } });
  it("stored: the modal closes and the thanks is ephemeral in the channel where the person started", async () => {
    const r = run();
    const submit = vi.fn(async () => ({ ok: true, message: buildNotice("da", "Tak!") }));
    r.deps.stories.submit = submit;
    await storySubmission(r.deps, r.users)({ ack: r.ack, body: submission("story.submit", encodeMetadata({ lang: "da", channel: "C5" }), values("En god historie fra i dag")), client: r.slack.client });
    expect(r.acks).toEqual(["closed"]);
    expect(submit).toHaveBeenCalledWith({ text: "En god historie fra i dag", team: null, attribution: null, by: expect.objectContaining({ userId: "U1", email: "anna@firma.dk" }) }, NOW, "da");
    expect(r.slack.calls.find((c) => c.method === "chat.postEphemeral")?.args).toMatchObject({ channel: "C5", user: "U1", text: "Tak!" });
  });

  it("refused by the service: the reason under the story field; an empty story never reaches the service", async () => {
    const r = run();
    const submit = vi.fn(async () => ({ ok: false, message: buildNotice("da", "Historien er for kort – skriv lidt mere.") }));
    r.deps.stories.submit = submit;
    const meta = encodeMetadata({ lang: "da", channel: null });
    await storySubmission(r.deps, r.users)({ ack: r.ack, body: submission("story.submit", meta, values("Kort")), client: r.slack.client });
    await storySubmission(r.deps, r.users)({ ack: r.ack, body: submission("story.submit", meta, values("   ")), client: r.slack.client });
    expect(r.acks).toEqual([
      { response_action: "errors", errors: { text: "Historien er for kort – skriv lidt mere." } },
      { response_action: "errors", errors: { text: "Udfyld feltet." } },
    ]);
    expect(submit).toHaveBeenCalledOnce();
  });
});

describe("readForm", () => {
  const form: Form = {
    id: "f", title: "T", submitLabel: "S", privateData: "",
    fields: [
      { kind: "text", id: "name", label: "Navn", required: false, maxLength: 5 },
      { kind: "select", id: "pick", label: "Vælg", required: true, options: [{ value: "a", label: "A" }] },
    ],
  };
  const state = (name: unknown, pick: unknown) => ({ name: { name: { type: "plain_text_input", value: name } }, pick: { pick: { type: "static_select", selected_option: pick } } });
  it("checks length, required choices and that a choice was offered; empty optional fields are null", () => {
    expect(readForm(form, state(" Bo ", { value: "a" }), "da")).toEqual({ ok: true, values: { name: "Bo", pick: "a" } });
    expect(readForm(form, state(null, { value: "a" }), "en")).toEqual({ ok: true, values: { name: null, pick: "a" } });
    expect(readForm(form, state("Bodil Berg", { value: "z" }), "da")).toEqual({ ok: false, errors: { name: "Højst 5 tegn.", pick: "Vælg en af mulighederne." } });
    expect(readForm(form, "garbage", "en")).toEqual({ ok: false, errors: { pick: "Please choose one of the options." } });
  });
});

describe("forms drawn as modals", () => {
  it("one input per field, named by the field id, within Slack's limits", () => {
    const modal = renderFormModal(resolveCaseForm(7, "da"), { close: "Annullér", privateMetadata: resolveMeta });
    expect(viewViolations(modal)).toEqual([]);
    expect(modal.blocks).toEqual([
      { type: "input", block_id: "actionTaken", label: { type: "plain_text", text: "Hvad blev gjort?", emoji: true }, optional: false, element: { type: "plain_text_input", action_id: "actionTaken", multiline: true, max_length: 2000 } },
      expect.objectContaining({ type: "input", block_id: "outcome", element: expect.objectContaining({ type: "static_select", options: expect.any(Array) }) }),
    ]);
    expect((modal.blocks[1] as { element: { options: unknown[] } }).element.options).toHaveLength(OUTCOMES.length);
  });

  it("a huge pre-fill, 150 teams with long names and values: cut, capped, never over a limit", () => {
    const teams = Array.from({ length: 150 }, (_, i) => ({ slug: i === 0 ? "x".repeat(151) : `team-${i}`, name: `Et meget langt teamnavn der bliver ved og ved ${i} `.repeat(3) }));
    const form = storyForm("da", "Kunden sagde 😀 ".repeat(400), teams);
    const modal = renderFormModal(form, { close: "Annullér", intro: buildNotice("da", "x".repeat(20_000)) });
    expect(viewViolations(modal)).toEqual([]);
    const select = modal.blocks.find((b) => b.type === "input" && b.block_id === "team") as { element: { options: { value: string }[] } };
    expect(select.element.options).toHaveLength(99); // the form offers 100; the one whose value is too long is left out
    expect(select.element.options.some((o) => o.value.length > 150)).toBe(false);
  });
});

describe("the same button more than once on a surface", () => {
  it("gets a ~n suffix, which its listener still matches", () => {
    const twice: Message = { kind: "t", lang: "da", summary: "s", blocks: [1, 2].map((n) => ({ type: "actions" as const, actions: [{ kind: "button" as const, id: "case.claim", label: "Tag", value: String(n) }] })) };
    const { blocks } = renderMessage(twice, "home");
    expect(blocks.map((b) => (b.type === "actions" ? b.elements[0]!.action_id : null))).toEqual(["case.claim", "case.claim~2"]);
    expect(limitViolations(blocks, "view")).toEqual([]);
    const pattern = actionIdPattern("case.claim");
    expect(["case.claim", "case.claim~2", "case.claim~13"].every((id) => pattern.test(id))).toBe(true);
    expect(["case.claimx", "case.claim~", "xcase.claim", "case-claim"].some((id) => pattern.test(id))).toBe(false);
    expect(baseActionId("case.claim~2")).toBe("case.claim");
  });
});

describe("private_metadata", () => {
  it("round-trips, and anything else reads as nothing", () => {
    expect(decodeMetadata(resolveMetadata, resolveMeta)).toEqual({ caseId: 7, lang: "da", place });
    expect(decodeMetadata(resolveMetadata, '{"caseId":-1,"lang":"da","place":{"kind":"home"}}')).toBeNull();
    expect(decodeMetadata(resolveMetadata, "d57850a7-5bab-414d-b11e-ca355b55d629")).toBeNull();
    expect(decodeMetadata(resolveMetadata, undefined)).toBeNull();
  });
});

describe("app_home_opened", () => {
  it("publishes the Home tab for the home tab only; a failure is logged, not thrown", async () => {
    const forActor = vi.fn(async () => buildNotice("da", "Mine åbne sager"));
    const deps = fakeDeps({ home: { forActor } });
    const slack = fakeClient({ U1: { real_name: "Anna", email: "anna@firma.dk" } });
    const users = new SlackUsers(deps.log);
    await appHomeOpened(deps, users)({ event: { user: "U1", tab: "messages" }, client: slack.client });
    expect(slack.methods()).toEqual([]);
    await appHomeOpened(deps, users)({ event: { user: "U1", tab: "home" }, client: slack.client });
    expect(forActor).toHaveBeenCalledWith({ platform: "slack", userId: "U1", name: "Anna", email: "anna@firma.dk" }, NOW, "da");
    expect(slack.calls.at(-1)).toMatchObject({ method: "views.publish", args: { user_id: "U1", view: { type: "home" } } });
    forActor.mockRejectedValueOnce(new Error("database down"));
    await expect(appHomeOpened(deps, users)({ event: { user: "U1", tab: "home" }, client: slack.client })).resolves.toBeUndefined();
  });
});
