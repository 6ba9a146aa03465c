// The Slack face end to end in HTTP mode: the real app and its one HTTP server, Bolt's real
// receiver on POST /slack/events, requests signed exactly as Slack signs them (recorded payload
// shapes), and a fake Slack Web API + response_url endpoint that records what the bot says.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { labelSoFar } from "../../../src/core/period-labels.ts";
import { parsePeriod, previousPeriod } from "../../../src/core/periods.ts";
import { withoutSharedYear } from "../../../src/messages/figures.ts";
import { SlackDeliverer } from "../../../src/faces/slack/deliverer.ts";
import type { Logger } from "../../../src/logger.ts";
import { startTestApp, type RunningApp } from "../../support/app.ts";
import { PROVIDERS } from "../../support/databases.ts";
import { BOT_USER_ID, postSigned, slashCommandForm, startFakeSlack, type FakeSlack, type SignedPost } from "../../support/fake-slack.ts";
import { watchHandledEvents, type HandledEvents } from "./handled-events.ts";
import { recorded } from "./slack-requests.ts";

/* eslint-disable @typescript-eslint/no-explicit-any */
const SLASH = recorded("slash-commands-slack.json").slashCommandWithArgs as Record<string, string>;
const JOINED = recorded("member-joined-channel-slack.json");
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TZ = "Europe/Copenhagen";

const period = (text: string) => {
  const parsed = parsePeriod(text, new Date(), TZ);
  if (!parsed.ok) throw new Error(text);
  return parsed.period;
};

/** Answers to count by hand: Support last month 5 promoters, 2 passives, 3 detractors (NPS +20). */
async function seed(base: string) {
  const last = period("last month");
  const at = (i: number) => new Date(last.from.getTime() + 3 * 86_400_000 + i * 3_600_000).toISOString();
  const now = new Date(Math.max(period("this month").from.getTime(), Date.now() - 60_000)).toISOString();
  const answers = [
    ...[10, 10, 9, 9, 9, 8, 7, 6, 3, 0].map((score, i) => ({ id: `sup-${i}`, score, respondedAt: at(i), team: "Support", touchpoint: "telefon" })),
    ...[10, 0].map((score, i) => ({ id: `salg-${i}`, score, respondedAt: at(i), team: "Salg" })),
    ...[10, 9, 6, 8].map((score, i) => ({ id: `now-${i}`, score, respondedAt: now, team: "Support" })),
  ];
  const res = await fetch(`${base}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answers) });
  expect(res.status).toBe(200);
}

const fieldsOf = (blocks: any[]) => blocks.filter((b) => b.type === "section" && b.fields).flatMap((b) => b.fields.map((f: any) => f.text));
const textOf = (blocks: any[]) => JSON.stringify(blocks);

describe.each(PROVIDERS)("the Slack face over HTTP on %s", (provider) => {
  let fake: FakeSlack;
  let run: RunningApp;
  let events: HandledEvents;
  const lines: string[] = [];
  const log: Logger = { debug() {}, info: (m) => void lines.push(m), warn: (m) => void lines.push(m), error: (m, e) => void lines.push(`${m} ${e instanceof Error ? e.message : ""}`) };

  beforeAll(async () => {
    fake = await startFakeSlack();
    // the one typing the commands is an admin: connecting a channel needs the lead or an admin
    run = await startTestApp(provider, { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, ADMINS: SLASH.user_id! }, log);
    events = watchHandledEvents(run.app.slack!.bolt);
    await seed(run.url);
  });
  afterAll(async () => {
    await run?.stop();
    await fake?.close();
  });

  const endpoint = () => `${run.url}/slack/events`;
  async function slash(command: string, text: string, options: Partial<SignedPost> & { changes?: Record<string, string> } = {}) {
    const responseUrl = fake.responseUrl();
    const id = responseUrl.split("/").pop()!;
    const body = slashCommandForm(SLASH, { command, text, response_url: responseUrl, ...options.changes });
    const started = Date.now();
    const res = await postSigned(endpoint(), body, { secret: SECRET, ...options });
    return {
      res,
      ackMs: Date.now() - started,
      replies: () => fake.responses.filter((r) => r.id === id).map((r) => r.body as any),
      reply: () => fake.waitFor(() => fake.responses.find((r) => r.id === id)?.body as any),
    };
  }

  it("/nps sidste måned support: acked empty at once, then the figures in Danish, privately", async () => {
    const sent = await slash("/nps", "sidste måned support");
    expect(sent.res).toEqual({ status: 200, text: "" });
    expect(sent.ackMs).toBeLessThan(3000);
    const reply = await sent.reply();
    expect(reply.response_type).toBe("ephemeral");
    const label = period("sidste måned").label.da;
    // ten answers of the 30 needed: the sample leads, the figure follows marked as uncertain, no margin
    expect(reply.text).toBe(`NPS Support · ${label}: For få svar (10 af 30): +20, meget usikkert`);
    expect(reply.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: `NPS Support · ${label}`, emoji: true } });
    const before = withoutSharedYear(previousPeriod(period("sidste måned"), TZ).label.da, label);
    expect(fieldsOf(reply.blocks)).toEqual([
      "*NPS*\nFor få svar (10 af 30): +20, meget usikkert",
      "*Anbefalere / passive / kritikere*\n5 (50 %) / 2 (20 %) / 3 (30 %)",
      `*Ændring fra ${before}*\ningen svar at sammenligne med`,
    ]);
    const chart = reply.blocks.find((b: any) => b.type === "data_visualization");
    const month = new Intl.DateTimeFormat("da-DK", { timeZone: TZ, month: "short" }).format(new Date(period("sidste måned").from.getTime() + 86_400_000)).replace(".", "");
    expect(chart.chart.series[0].data).toEqual([{ label: month, value: 20 }]);
  });

  it("/nps this month share: in the channel, in English, against last month", async () => {
    const reply = await (await slash("/nps", "this month share")).reply();
    expect(reply.response_type).toBe("in_channel");
    expect(reply.blocks[0].text.text).toBe(`NPS ${labelSoFar(period("this month"), new Date(), TZ).en}`); // "December 2026 (1–6)": the month so far
    expect(fieldsOf(reply.blocks)).toEqual([
      "*NPS*\nToo few answers (4 of 30): +25, very uncertain",
      "*Promoters / passives / detractors*\n2 (50 %) / 1 (25 %) / 1 (25 %)",
      `*Change from ${withoutSharedYear(period("last month").label.en, period("this month").label.en)} (+17)*\n+8 points, too few answers to tell whether it is a real change`,
    ]);
  });

  it("/nps help is the help; garbage gets what was not understood and three examples, not the whole help", async () => {
    const help = await (await slash("/nps", "help")).reply();
    expect(help.response_type).toBe("ephemeral");
    expect(help.blocks[0].text.text).toBe("Kundepuls – how to ask");
    const garbage = await (await slash("/nps", "blå himmel og grøn skov")).reply();
    expect(garbage.response_type).toBe("ephemeral");
    expect(garbage.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: 'Jeg forstår ikke perioden "blå himmel og grøn skov". Prøv fx: denne måned, sidste måned, seneste 30 dage.' } }]);
  });

  it("/nps connect support alerts: binding stored, announced in the channel, and the bot joins it", async () => {
    const reply = await (await slash("/nps", "connect support alerts")).reply();
    expect(reply).toMatchObject({ response_type: "in_channel", text: "This channel now gets the detractor alerts for Support." });
    const rows = await run.app.db.prisma.channelBinding.findMany({ include: { team: true } });
    expect(rows.map((r) => [r.platform, r.channelId, r.team.slug, r.purpose, r.createdBy])).toEqual([["slack", SLASH.channel_id, "support", "alerts", SLASH.user_id]]);
    await fake.waitFor(() => fake.callsTo("conversations.join").length === 1);
    expect(fake.callsTo("conversations.join")[0]!.body).toMatchObject({ channel: SLASH.channel_id });
  });

  it("a private channel the bot cannot join: connected, and the person is told to invite it", async () => {
    fake.errorNext("conversations.join", "method_not_supported_for_channel_type");
    const sent = await slash("/nps", "forbind support historier", { changes: { channel_id: "G00PRIVATE1", channel_name: "privategroup" } });
    await fake.waitFor(() => sent.replies().length === 2);
    expect(sent.replies().map((r) => [r.response_type, r.text])).toEqual([
      ["in_channel", "Denne kanal får nu kundehistorier for Support."],
      ["ephemeral", "Jeg kan ikke selv gå ind i denne kanal. Inviter mig med /invite @Kundepuls, ellers kan jeg ikke skrive her."],
    ]);
  });

  it("a failure inside is answered with a short apology, never silence", async () => {
    const spy = vi.spyOn(run.app.commands, "handle").mockRejectedValueOnce(new Error("database down"));
    try {
      const reply = await (await slash("/nps", "denne måned")).reply();
      expect(reply).toMatchObject({ response_type: "ephemeral", text: "Beklager, det gik galt hos mig. Prøv igen om lidt." });
      expect(lines).toContain('slack: /nps "denne måned" failed database down');
    } finally {
      spy.mockRestore();
    }
  });

  it("a tampered body, a wrong secret, a stale timestamp or no signature: 401, nothing stored or answered", async () => {
    const before = { bindings: await run.app.db.prisma.channelBinding.count(), responses: fake.responses.length };
    const connect = (extra: Partial<SignedPost>) => slash("/nps", "connect salg", { changes: { channel_id: "C0TAMPERED" }, ...extra });
    const tampered = await connect({ signedBody: slashCommandForm(SLASH, { command: "/nps", text: "help" }) });
    const wrongSecret = await connect({ secret: "0000000000000000ffffffffffffffff" });
    const stale = await connect({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const unsigned = await fetch(endpoint(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: slashCommandForm(SLASH, { command: "/nps", text: "connect salg" }) });
    expect([tampered.res.status, wrongSecret.res.status, stale.res.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    // A fresh, correctly signed request still works, and its answer is the only new one.
    await (await slash("/nps", "hjælp")).reply();
    expect(fake.responses.length).toBe(before.responses + 1);
    expect(await run.app.db.prisma.channelBinding.count()).toBe(before.bindings);
  });

  it("Slack's URL verification is answered with the challenge", async () => {
    const body = JSON.stringify({ token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const res = await postSigned(endpoint(), body, { secret: SECRET, contentType: "application/json" });
    expect(res).toEqual({ status: 200, text: JSON.stringify({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" }) });
  });

  it("the bot added to a channel says hello once, even when Slack re-sends the event", async () => {
    const body = JSON.stringify(JOINED.memberJoinedChannel);
    expect(JOINED.memberJoinedChannel.event.user).toBe(BOT_USER_ID);
    const first = await postSigned(endpoint(), body, { secret: SECRET, contentType: "application/json" });
    expect(first.status).toBe(200);
    await fake.waitFor(() => fake.callsTo("chat.postMessage").find((c) => c.body.channel === "C00FAKECHAN1"));
    const again = await postSigned(endpoint(), body, { secret: SECRET, contentType: "application/json", headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect(again.status).toBe(200);
    await fake.waitFor(() => lines.includes("slack: slack:event:Ev00FAKE0001 was already handled (Slack retry 1); skipped"));
    const hellos = fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "C00FAKECHAN1");
    expect(hellos).toHaveLength(1);
    expect(hellos[0]!.body.text).toBe("Hej! Jeg er Kundepuls. Skriv fx /nps forbind support opsummering alarmer (med jeres teams navn) for at få NPS i denne kanal, eller /nps hjælp.");
    expect(await run.app.db.prisma.handledDelivery.count({ where: { key: "slack:event:Ev00FAKE0001" } })).toBe(1);
  });

  it("the same event delivered twice at the same moment is handled once", async () => {
    const event = structuredClone(JOINED.memberJoinedChannel);
    event.event_id = "Ev00RACE0001";
    event.event.channel = "C00RACE0001";
    const body = JSON.stringify(event);
    const both = await Promise.all([1, 2].map(() => postSigned(endpoint(), body, { secret: SECRET, contentType: "application/json" })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    await fake.waitFor(() => lines.some((l) => l.startsWith("slack: slack:event:Ev00RACE0001 was already handled")));
    // The winner may still be posting when the loser has given up: count once both are handled.
    await events.handled("Ev00RACE0001", 2);
    expect(fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "C00RACE0001")).toHaveLength(1);
  });

  it("/kundehistorie and the message shortcut are acked at once and open the story modal; a failed views.open gets an apology", async () => {
    const sent = await slash("/kundehistorie", "support");
    expect(sent.res).toEqual({ status: 200, text: "" });
    expect(sent.ackMs).toBeLessThan(3000);
    const opened = await fake.waitFor(() => fake.callsTo("views.open").find((c) => c.body.trigger_id === SLASH.trigger_id));
    expect((opened.body.view as any).callback_id).toBe("story.submit");

    const responseUrl = fake.responseUrl();
    const payload = {
      type: "message_action", callback_id: "share_story", trigger_id: "10520020890661.10229338706656.2e21", response_url: responseUrl,
      team: { id: "T00FAKE00BB", domain: "acme-test-workspace" }, channel: { id: "C00FAKECHAN3", name: "support-agent-dev" },
      user: { id: "U00FAKEUSER2", name: "testuser" }, message: { type: "message", user: "U00FAKEUSER2", ts: "1772518347.953719", text: "Kunden var glad!" },
      message_ts: "1772518347.953719", action_ts: "1772518400.000001", token: "zCdEfGhIjKlMnOpQrStUvWxY",
    };
    fake.errorNext("views.open", "expired_trigger_id");
    const res = await postSigned(endpoint(), new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { secret: SECRET });
    expect(res).toEqual({ status: 200, text: "" });
    const id = responseUrl.split("/").pop();
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === id)?.body as any);
    expect(reply).toMatchObject({ response_type: "ephemeral", text: "Beklager, det gik galt hos mig. Prøv igen om lidt." });
    expect(fake.callsTo("views.open").filter((c) => c.body.trigger_id === payload.trigger_id)).toHaveLength(1);
    expect(lines).toContain("slack: share_story could not open the story modal An API error occurred: expired_trigger_id");
  });

  it("registers its deliverer for the outbox worker and checked the token once", () => {
    expect(run.app.deliverers.slack).toBeInstanceOf(SlackDeliverer);
    expect(fake.callsTo("auth.test")).toHaveLength(1);
  });
});

describe("modes", () => {
  it("local mode: no Slack face, no /slack/events", async () => {
    const run = await startTestApp("sqlite");
    try {
      expect(run.app.slack).toBeNull();
      expect((await fetch(`${run.url}/slack/events`, { method: "POST", body: "x" })).status).toBe(404);
    } finally {
      await run.stop();
    }
  });

  it("Socket Mode: no HTTP endpoint, and nothing is sent to Slack before start()", async () => {
    const fake = await startFakeSlack();
    const run = await startTestApp("sqlite", { SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-1-A0-1-abc", SLACK_API_URL: fake.apiUrl });
    try {
      expect(run.app.slack?.settings.mode).toBe("socket");
      expect((await fetch(`${run.url}/slack/events`, { method: "POST", body: "x" })).status).toBe(404);
      expect(fake.calls).toEqual([]);
    } finally {
      await run.stop();
      await fake.close();
    }
  });
});
