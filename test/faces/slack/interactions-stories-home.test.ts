// Stories, the Home tab and the /nps habits over signed HTTP: /kundehistorie and the message
// shortcut open the story modal, its submission stores a redacted Story and confirms privately;
// app_home_opened publishes "Mine åbne sager" and its buttons work; /nps sager and /nps mål; and
// every message and view the face sent stays within Slack's limits (largest alert, 55 cases).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "../../support/databases.ts";
import { buttonsFor, LEAD, openedView, SECRET, SLASH, startHarness, STRANGER, textOf, until, type Harness } from "./harness.ts";
import { limitViolations } from "./limits-check.ts";
import { appHomeOpened, messageShortcut, postEvent, postInteraction } from "./slack-requests.ts";
import { viewViolations } from "./view-limits-check.ts";

const STORY = "Kunden ringede fra 20 30 40 50 og takkede for den hurtige hjælp med fakturaen.";

describe.each(PROVIDERS)("stories, Home tab and habits in Slack on %s", (provider) => {
  let h: Harness;
  beforeAll(async () => {
    // the one typing /nps (SLASH.user_id) is an admin: listing cases and setting goals need the lead or an admin
    h = await startHarness(provider, { ADMINS: SLASH.user_id! });
  });
  afterAll(async () => h?.stop());

  const publishedFor = (user: string) => h.fake.callsTo("views.publish").filter((c) => c.body.user_id === user);
  const storyText = (view: any) => view.blocks.find((b: any) => b.block_id === "text").element.initial_value;

  describe("stories", () => {
    let modal: any;

    it("/kundehistorie opens the story modal, pre-filled with the text, with the team menu", async () => {
      const sent = await h.slash("/kundehistorie", STORY);
      expect(sent.res).toEqual({ status: 200, text: "" });
      modal = await openedView(h.fake, sent.triggerId);
      expect(modal).toMatchObject({ type: "modal", callback_id: "story.submit", title: { text: "Del en kundehistorie" }, submit: { text: "Del" } });
      expect(storyText(modal)).toBe(STORY);
      const team = modal.blocks.find((b: any) => b.block_id === "team");
      expect(team.optional).toBe(true);
      expect(team.element.options).toEqual([{ text: { type: "plain_text", text: "Support", emoji: true }, value: "support" }]);
      expect(JSON.parse(modal.private_metadata)).toEqual({ lang: "da", channel: SLASH.channel_id });
      expect(viewViolations(modal)).toEqual([]);
    });

    it("a story too short stays in the modal, under the story field", async () => {
      const res = await h.submit({ id: SLASH.user_id!, name: "testuser" }, modal, { text: { text: "Glad :)" }, team: { option: null }, attribution: { text: null } });
      expect(JSON.parse(res.text)).toEqual({ response_action: "errors", errors: { text: "Historien er for kort – skriv lidt mere." } });
      expect(await h.run.app.db.prisma.story.count()).toBe(0);
    });

    it("the submission stores the story with the phone number redacted, and thanks the person privately", async () => {
      const res = await h.submit({ id: SLASH.user_id!, name: "testuser" }, modal, { text: { text: STORY }, team: { option: "support" }, attribution: { text: "Åse fra Bageriet" } });
      expect(res).toEqual({ status: 200, text: "" });
      const thanks = await h.fake.waitFor(() => h.fake.callsTo("chat.postEphemeral").find((c) => c.body.user === SLASH.user_id));
      expect(thanks.body).toMatchObject({ channel: SLASH.channel_id, text: "Tak! Historien deles i kundehistorie-kanalen ved næste ledige tidspunkt." });
      const stories = await h.run.app.db.prisma.story.findMany({ include: { team: true } });
      expect(stories).toHaveLength(1);
      expect(stories[0]!.text).toBe("Kunden ringede fra (telefonnummer fjernet) og takkede for den hurtige hjælp med fakturaen.");
      expect([stories[0]!.kind, stories[0]!.team?.slug, stories[0]!.attribution, stories[0]!.submittedBy]).toEqual(["employee", "support", "Åse fra Bageriet", "testuser"]);
    });

    it("where the bot cannot post an ephemeral, the thank-you comes as a DM", async () => {
      h.fake.errorNext("chat.postEphemeral", "channel_not_found");
      const res = await h.submit({ id: STRANGER.id, name: STRANGER.name }, modal, { text: { text: "En anden glad kunde skrev til os i dag." }, team: { option: null }, attribution: { text: null } });
      expect(res.status).toBe(200);
      const dm = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === STRANGER.id));
      expect(dm.body.text).toBe("Tak! Historien deles i kundehistorie-kanalen ved næste ledige tidspunkt.");
      const story = await h.run.app.db.prisma.story.findFirstOrThrow({ where: { submittedBy: STRANGER.realName } });
      expect(story.teamId).toBeNull();
    });

    it("the message shortcut opens the modal pre-filled with the message as plain text", async () => {
      const text = "Kunden skrev: &lt;3 super service, tak <@U00LEAD0001|lone> – se <https://firma.dk/sag/1|sagen> &amp; svaret";
      const res = await postInteraction(h.endpoint, SECRET, messageShortcut(STRANGER.id, "C00FAKECHAN3", text, h.fake.responseUrl()));
      expect(res).toEqual({ status: 200, text: "" });
      const call = await h.fake.waitFor(() => h.fake.callsTo("views.open").find((c) => (c.body.view as any).callback_id === "story.submit" && storyText(c.body.view).startsWith("Kunden skrev")));
      expect(storyText(call.body.view)).toBe("Kunden skrev: <3 super service, tak @lone – se sagen & svaret");
      expect(JSON.parse((call.body.view as any).private_metadata)).toEqual({ lang: "da", channel: "C00FAKECHAN3" });
    });
  });

  describe("the Home tab", () => {
    let open: number;

    it("app_home_opened (tab home) publishes the person's overview with “Mine åbne sager”", async () => {
      await h.detractor("home-0");
      open = await h.detractor("home-1");
      const messagesTab = appHomeOpened(LEAD.id, "messages");
      await postEvent(h.endpoint, SECRET, messagesTab);
      const res = await postEvent(h.endpoint, SECRET, appHomeOpened(LEAD.id, "home"));
      expect(res.status).toBe(200);
      const [published] = await h.fake.waitFor(() => publishedFor(LEAD.id).length > 0 && publishedFor(LEAD.id));
      expect(published!.body.view).toMatchObject({ type: "home" });
      expect(textOf(published!.body.view)).toContain("Mine åbne sager");
      expect(textOf(published!.body.view)).toContain(`#${open} · 2/10 · Åse Ørum · Bageriet ApS · Support`);
      expect(viewViolations(published!.body.view)).toEqual([]);
      await h.events.handled(messagesTab.event_id as string);
      expect(publishedFor(LEAD.id)).toHaveLength(1); // the Messages tab published nothing
    });

    it("claim and resolve from the Home tab work and publish the Home tab again", async () => {
      const buttons = buttonsFor((publishedFor(LEAD.id)[0]!.body.view as any).blocks, open);
      // the second case on the tab: its action ids carry a suffix, so each is once in the view
      expect(buttons.map((b) => b.action_id)).toEqual(["case.claim~2", "case.resolve~2"]);
      const claim = buttons[0]!;
      await h.click(LEAD, { type: "home" }, { action_id: claim.action_id, value: claim.value });
      await h.fake.waitFor(() => publishedFor(LEAD.id).length === 2);
      expect((await h.caseRow(open)).state).toBe("claimed");
      const after = buttonsFor((publishedFor(LEAD.id)[1]!.body.view as any).blocks, open);
      expect(after.map((b) => b.action_id.replace(/~\d+$/, ""))).toEqual(["case.resolve"]); // claimed: no claim button

      const resolve = buttons[1]!;
      const click = await h.click(LEAD, { type: "home" }, { action_id: resolve.action_id, value: resolve.value });
      const modal = await openedView(h.fake, click.triggerId);
      expect(JSON.parse(modal.private_metadata).place).toEqual({ kind: "home" });
      expect(await h.submit(LEAD, modal, { actionTaken: { text: "Skrev en undskyldning." }, outcome: { option: "no_contact" } })).toEqual({ status: 200, text: "" });
      await h.fake.waitFor(() => publishedFor(LEAD.id).length === 3);
      expect((await h.caseRow(open)).state).toBe("resolved");
      expect(textOf(publishedFor(LEAD.id)[2]!.body.view)).not.toContain(`#${open} ·`);
    });

    it("a refusal on the Home tab (no response_url) reaches the person in the app's Messages tab", async () => {
      const other = await h.detractor("home-2");
      await h.click(LEAD, { type: "home" }, { action_id: "case.claim", value: String(other) });
      await until(async () => (await h.caseRow(other)).state === "claimed");
      await h.click(STRANGER, { type: "home" }, { action_id: "case.claim", value: String(other) });
      const dm = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").find((c) => c.body.channel === STRANGER.id && c.body.text === "Kun teamlederen for Support eller en administrator kan tage sagen."));
      expect(dm).toBeTruthy();
    });
  });

  describe("/nps sager and /nps mål", () => {
    it("/nps sager support lists the team's cases, privately", async () => {
      const reply = await (await h.slash("/nps", "sager support")).reply();
      expect(reply.response_type).toBe("ephemeral");
      expect(reply.blocks[0].text.text).toBe("Sager om utilfredse kunder – Support");
      expect(textOf(reply.blocks)).toContain("Løst af Lone Leder: Ingen kontakt");
    });

    it("/nps mål sets a goal for everyone to see; /nps goal shows it privately", async () => {
      const due = `${new Date().getUTCFullYear() + 1}-11-30`;
      const set = await (await h.slash("/nps", `mål support 45 ${due}`)).reply();
      expect(set.response_type).toBe("in_channel");
      expect(set.text).toMatch(/^Nyt mål for Support: NPS \+45 inden /);
      const goals = await h.run.app.db.prisma.goal.findMany();
      expect(goals.map((g) => g.targetNps)).toEqual([45]);
      const shown = await (await h.slash("/nps", "goal support")).reply();
      expect(shown.response_type).toBe("ephemeral");
      expect(shown.text).toMatch(/^Support: \+45 by /);
    });
  });

  describe("Block Kit limits", () => {
    it("the largest alert (a 10,000-character comment) and its claimed update stay within limits", async () => {
      const comment = "Jeg er meget utilfreds med ventetiden og svarene. ".repeat(200).slice(0, 10_000);
      const id = await h.detractor("huge", { comment });
      const alert = await h.alertFor(id, LEAD.id);
      expect(limitViolations(alert.blocks)).toEqual([]);
      await h.click(LEAD, { type: "message", channel: alert.channel, ts: alert.ts }, { action_id: "case.claim", value: String(id) });
      const update = await h.fake.waitFor(() => h.fake.callsTo("chat.update").find((c) => c.body.ts === alert.ts));
      expect(limitViolations(update.body.blocks as any[])).toEqual([]);
      expect(textOf(update.body.blocks)).toContain("Jeg er meget utilfreds");
    });

    it("a Home tab with 55 open cases stays within limits, each button id once", async () => {
      const answers = Array.from({ length: 55 }, (_, i) => ({ id: `many-${i}`, score: 1, team: "Support", comment: `Dårlig oplevelse nummer ${i}.`, respondedAt: new Date(Date.now() - 120_000).toISOString() }));
      const res = await fetch(`${h.run.url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answers) });
      expect(res.status).toBe(200);
      await h.run.app.followUps.drain();
      const before = publishedFor(LEAD.id).length;
      await postEvent(h.endpoint, SECRET, appHomeOpened(LEAD.id, "home"));
      const view = (await h.fake.waitFor(() => publishedFor(LEAD.id)[before]))!.body.view as any;
      expect(viewViolations(view)).toEqual([]);
      expect(textOf(view)).toMatch(/… og \d+ flere \(\/nps sager\)/);
    });

    it("every message, answer and view the face sent stayed within Slack's limits", () => {
      const problems: string[] = [];
      for (const c of h.fake.calls) {
        if (["chat.postMessage", "chat.update", "chat.postEphemeral"].includes(c.method)) problems.push(...limitViolations(c.body.blocks as any[]).map((p) => `${c.method}: ${p}`));
        if (["views.open", "views.publish"].includes(c.method)) problems.push(...viewViolations(c.body.view).map((p) => `${c.method}: ${p}`));
      }
      for (const r of h.fake.responses) problems.push(...limitViolations(r.body.blocks as any[]).map((p) => `response_url: ${p}`));
      expect(problems).toEqual([]);
      expect(h.fake.calls.length).toBeGreaterThan(20);
    });
  });
});
