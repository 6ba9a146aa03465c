// The same interactions in a workspace whose language is English (DEFAULT_LANGUAGE=en): alert
// updates, refusals, the resolve modal, the thread note, the Home tab and the story thank-you.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEAD, openedView, SECRET, SLASH, startHarness, STRANGER, textOf, type Harness } from "./harness.ts";
import { appHomeOpened, postEvent } from "./slack-requests.ts";

describe("Slack interactions in English", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("sqlite", { DEFAULT_LANGUAGE: "en" });
  });
  afterAll(async () => h?.stop());

  it("claim, refusal, resolve modal, errors, thread note", async () => {
    const id = await h.detractor("en-1");
    const alert = await h.alertFor(id, LEAD.id);
    const where = { type: "message" as const, channel: alert.channel, ts: alert.ts };
    await h.click(LEAD, where, { action_id: "case.claim", value: String(id) });
    const claimed = await h.fake.waitFor(() => h.fake.callsTo("chat.update").find((c) => c.body.ts === alert.ts));
    expect(claimed.body.text).toBe("Unhappy customer: 2/10 · Support – Taken by Lone Leder");

    const refused = await h.click(STRANGER, where, { action_id: "case.claim", value: String(id) });
    const [answer] = await h.fake.waitFor(() => refused.responses().length > 0 && refused.responses());
    expect(answer.text).toBe("Only the team lead of Support or an admin can take this case.");

    const click = await h.click(LEAD, where, { action_id: "case.resolve", value: String(id) });
    const modal = await openedView(h.fake, click.triggerId);
    expect([modal.title.text, modal.submit.text, modal.close.text]).toEqual(["Resolve the case", "Resolved", "Cancel"]);
    expect(modal.blocks.filter((b: any) => b.type === "input").map((b: any) => b.label.text)).toEqual(["What was done?", "Outcome"]);
    const blank = await h.submit(LEAD, modal, { actionTaken: { text: "" }, outcome: { option: null } });
    expect(JSON.parse(blank.text)).toEqual({ response_action: "errors", errors: { actionTaken: "Please fill in this field.", outcome: "Please choose one of the options." } });

    const notOwner = JSON.parse((await h.submit(STRANGER, modal, { actionTaken: { text: "Called" }, outcome: { option: "not_recovered" } })).text);
    expect(textOf(notOwner.view.blocks)).toContain("Only the owner, the team lead of Support or an admin can resolve this case.");

    await h.submit(LEAD, modal, { actionTaken: { text: "Called and apologised." }, outcome: { option: "not_recovered" } });
    const note = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").find((c) => c.body.thread_ts === alert.ts));
    expect(note.body.text).toBe("Resolved by Lone Leder: Not recovered");
    expect(textOf(note.body.blocks)).toContain("What was done: Called and apologised.");
  });

  it("the Home tab and the story thank-you are in English", async () => {
    await h.detractor("en-2");
    await postEvent(h.endpoint, SECRET, appHomeOpened(LEAD.id, "home"));
    const home = await h.fake.waitFor(() => h.fake.callsTo("views.publish").find((c) => c.body.user_id === LEAD.id));
    expect(textOf(home.body.view)).toContain("My open cases");

    const sent = await h.slash("/kundehistorie", "");
    const modal = await openedView(h.fake, sent.triggerId);
    expect(modal.title.text).toBe("Share a customer story");
    expect(modal.blocks.find((b: any) => b.block_id === "text").element.initial_value).toBeUndefined();
    await h.submit({ id: SLASH.user_id!, name: "testuser" }, modal, { text: { text: "The customer called to thank us for the quick help." }, attribution: { text: null } });
    const thanks = await h.fake.waitFor(() => h.fake.callsTo("chat.postEphemeral").find((c) => c.body.user === SLASH.user_id));
    expect(thanks.body.text).toBe("Thank you! The story will be shared in the customer-stories channel at the next free slot.");
  });
});
