// The Teams face end to end, as Teams drives it: real-shaped activities POSTed to /api/messages
// on the app in local mode (no credentials, as the Bot Framework Emulator runs it), replies
// landing on a fake Bot Connector, proactive posts through the TeamsDeliverer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parsePeriod } from "../../../src/core/periods.ts";
import type { Logger } from "../../../src/logger.ts";
import { buildHelp } from "../../../src/messages/help.ts";
import { PermanentDeliveryError } from "../../../src/services/outbox/deliverer.ts";
import { startTestApp, type RunningApp } from "../../support/app.ts";
import { PROVIDERS } from "../../support/databases.ts";
import { FakeConnector, type ConnectorCall } from "../../support/fake-connector.ts";
import { isTeamsChartNotice, parseCard } from "./adaptive-cards.ts";
import { CHANNEL, PERSONAL, TEAM, TENANT, USER, cardClick, channelMention, personalMembers, personalMessage, reaction, teamInstall } from "./recorded.ts";

type El = Record<string, any>;
const card = (call: ConnectorCall) => FakeConnector.card(call) as { body: El[] };
const header = (call: ConnectorCall) => card(call).body.find((e) => e.style === "heading")?.text as string;
const factsOf = (call: ConnectorCall) => Object.fromEntries(card(call).body.filter((e) => e.type === "FactSet").flatMap((e) => e.facts.map((f: El) => [f.title, f.value])));

describe.each(PROVIDERS)("Teams face over HTTP on %s", (provider) => {
  let run: RunningApp;
  let connector: FakeConnector;
  const warnings: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) };

  async function post(activity: unknown) {
    const res = await fetch(`${run.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof activity === "string" ? activity : JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, text };
  }

  beforeAll(async () => {
    connector = await FakeConnector.start();
    // the recorded user is an admin: connecting a channel needs the team lead or an admin
    run = await startTestApp(provider, { ADMINS: USER.aadObjectId }, log);
    // last month in Copenhagen, counted by hand: 5 promoters (10, 9, 9, 10, 9), 2 passives (8, 7),
    // 3 detractors (6, 3, 0) → 10 answers, NPS 50 % − 30 % = +20
    const period = parsePeriod("sidste måned", new Date(), "Europe/Copenhagen");
    if (!period.ok) throw new Error("period");
    const scores = [10, 9, 9, 8, 7, 6, 3, 0, 10, 9];
    const answers = scores.map((score, i) => ({
      id: `teams-${i}`, score, team: "Support", respondedAt: new Date(period.period.from.getTime() + (2 * 24 + i) * 3_600_000).toISOString(),
    }));
    const res = await fetch(`${run.url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answers) });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await run?.stop();
    await connector?.close();
  });
  beforeEach(() => connector.clear());

  it("answers an @mention in a channel in the thread it was asked in, mention removed", async () => {
    const res = await post(channelMention(connector.url, "help", { id: "1771290107407" }));
    expect(res.status).toBe(200);
    const [reply] = await connector.waitForCalls(1);
    expect(reply).toMatchObject({ kind: "reply", conversationId: `${CHANNEL};messageid=1771290107407`, activityId: "1771290107407", authorization: null });
    expect(header(reply!)).toBe("Kundepuls – how to ask");
    expect(reply!.body).toMatchObject({ type: "message", summary: "Kundepuls – how to ask", from: { id: "28:11111111-2222-3333-4444-555555555555" } });
    // the channel (not the thread) is remembered for proactive posts, with its team
    const row = await run.app.db.prisma.teamsConversation.findUniqueOrThrow({ where: { conversationId: CHANNEL } });
    expect(row).toMatchObject({ kind: "channel", tenantId: TENANT });
    expect(JSON.parse(row.reference)).toMatchObject({ serviceUrl: connector.url, conversation: { id: CHANNEL }, teamId: TEAM });
  });

  it("a personal message 'nps sidste måned' gets the figures of a hand count, the sample first, with the trend", async () => {
    expect((await post(personalMessage(connector.url, "nps sidste måned", { id: "1767378504354" }))).status).toBe(200);
    const [reply] = await connector.waitForCalls(1);
    expect(reply).toMatchObject({ kind: "reply", conversationId: PERSONAL, activityId: "1767378504354" });
    const facts = factsOf(reply!);
    expect(facts.NPS).toBe("For få svar (10 af 30): +20, meget usikkert");
    expect(facts["Anbefalere / passive / kritikere"]).toBe("5 (50 %) / 2 (20 %) / 3 (30 %)");
    // no gauge for ten answers: a dial would lead with the big number the text marks as uncertain
    expect(card(reply!).body.find((e) => e.type === "Chart.Gauge")).toBeUndefined();
    const line = card(reply!).body.find((e) => e.type === "Chart.Line")!;
    expect(line.data[0].values).toContainEqual(expect.objectContaining({ y: 20 }));
    expect(parseCard(card(reply!)).filter((i) => !isTeamsChartNotice(i))).toEqual([]);
    const row = await run.app.db.prisma.teamsConversation.findUniqueOrThrow({ where: { conversationId: PERSONAL } });
    expect(row).toMatchObject({ kind: "personal", userId: USER.aadObjectId });
  });

  it("help in Danish and in English", async () => {
    await post(personalMessage(connector.url, "hjælp", { id: "1" }));
    await post(personalMessage(connector.url, "help", { id: "2" }));
    const calls = await connector.waitForCalls(2);
    expect(calls.map(header).sort()).toEqual(["Kundepuls – how to ask", "Kundepuls – sådan spørger du"]);
  });

  it("a reply the connector fails once (503) is retried and arrives", async () => {
    connector.failNext(1, 503);
    expect((await post(personalMessage(connector.url, "nps", { id: "3" }))).status).toBe(200);
    expect(connector.attempts).toBe(2);
    expect(connector.calls).toHaveLength(1);
  });

  it("installed in a team: the reference is stored, proactive posts reach it (and threads), removal forgets it and its bindings", async () => {
    expect((await post(teamInstall(connector.url, "add"))).status).toBe(200);
    expect(connector.calls).toHaveLength(0);
    const general = await run.app.db.prisma.teamsConversation.findUniqueOrThrow({ where: { conversationId: TEAM } });
    expect(general).toMatchObject({ kind: "channel", tenantId: TENANT, userId: null });

    // someone connects another channel of the team
    await post(channelMention(connector.url, "connect support alerts", { id: "1771290109999" }));
    const [connected] = await connector.waitForCalls(1);
    expect(card(connected!).body[0]!.text).toBe("This channel now gets the detractor alerts for Support.");
    expect(await run.app.bindings.forChannel("teams", CHANNEL)).toEqual([{ platform: "teams", channelId: CHANNEL, teamSlug: "support", purpose: "alerts" }]);

    const deliverer = run.app.teams!.deliverer;
    const posted = await deliverer.deliver({ platform: "teams", target: TEAM, message: buildHelp("da") });
    const thread = await deliverer.deliver({ platform: "teams", target: CHANNEL, message: buildHelp("en"), threadOf: "1771290109999" });
    const calls = await connector.waitForCalls(3);
    expect(calls[1]).toMatchObject({ kind: "send", conversationId: TEAM, answeredId: posted.remoteId });
    expect(calls[1]!.body.replyToId).toBeUndefined();
    expect(header(calls[1]!)).toBe("Kundepuls – sådan spørger du");
    expect(calls[2]).toMatchObject({ kind: "send", conversationId: `${CHANNEL};messageid=1771290109999`, answeredId: thread.remoteId });

    expect((await post(teamInstall(connector.url, "remove"))).status).toBe(200);
    expect(await run.app.db.prisma.teamsConversation.count({ where: { conversationId: { in: [TEAM, CHANNEL] } } })).toBe(0);
    expect(await run.app.bindings.forChannel("teams", CHANNEL)).toEqual([]);
    await expect(deliverer.deliver({ platform: "teams", target: CHANNEL, message: buildHelp("da") })).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(connector.calls).toHaveLength(3);
  });

  it("added to a personal chat (conversationUpdate): stored with the person; removed: forgotten", async () => {
    await run.app.db.prisma.teamsConversation.deleteMany({ where: { conversationId: PERSONAL } });
    expect((await post(personalMembers(connector.url, "membersAdded"))).status).toBe(200);
    expect(await run.app.db.prisma.teamsConversation.findUnique({ where: { conversationId: PERSONAL } })).toMatchObject({ kind: "personal", userId: USER.aadObjectId });
    const sent = await run.app.teams!.deliverer.deliver({ platform: "teams", target: PERSONAL, message: buildHelp("da"), threadOf: "123" });
    const [call] = await connector.waitForCalls(1);
    expect(call).toMatchObject({ kind: "send", conversationId: PERSONAL, answeredId: sent.remoteId }); // chats have no threads
    expect((await post(personalMembers(connector.url, "membersRemoved"))).status).toBe(200);
    expect(await run.app.db.prisma.teamsConversation.findUnique({ where: { conversationId: PERSONAL } })).toBeNull();
  });

  it("a click on a button nobody handles gets a polite line on the card, in the card's language", async () => {
    const res = await post(cardClick(connector.url, "case.archive", { action: "case.archive", value: "42", lang: "da" }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: expect.stringMatching(/^Den knap virker ikke længere/) });
    // a case that is gone: the service says so, on the card, and nothing is posted
    const gone = await post(cardClick(connector.url, "case.claim", { action: "case.claim", value: "4242", lang: "en" }));
    expect(JSON.parse(gone.text)).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "That case no longer exists." });
    expect(connector.calls).toHaveLength(0);
  });

  it("garbage and activities it does not handle never crash it", async () => {
    const bad = await Promise.all([post("{not json"), post({}), post([]), post({ type: "message", text: "nps" }), post({ ...personalMessage(connector.url, "nps"), serviceUrl: "not a url" })]);
    for (const res of bad) {
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/at \w+ \(|Error:/); // no stack trace
    }
    const ignored = await Promise.all([
      post(reaction(connector.url)),
      post({ ...personalMessage(connector.url, ""), type: "typing" }),
      post({ ...personalMessage(connector.url, "nps"), text: 42 }),
      post({ ...personalMessage(connector.url, "nps"), from: undefined }),
      post({ ...personalMessage(connector.url, ""), value: { action: "old-submit" } }),
      post({ ...teamInstall(connector.url, "add"), action: "remove-upgrade", conversation: { id: "19:other@thread.tacv2", conversationType: "channel" } }),
    ]);
    expect(ignored.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const invoke = await post({ ...cardClick(connector.url, "x", {}), name: "composeExtension/query" });
    expect(invoke.status).toBe(501);
    const notExecute = await post({ ...cardClick(connector.url, "x", {}), value: { action: { type: "Action.Submit" } } });
    expect(JSON.parse(notExecute.text)).toMatchObject({ statusCode: 400 });
    expect(connector.calls).toHaveLength(0);
    expect(await run.app.db.prisma.teamsConversation.count({ where: { conversationId: "19:other@thread.tacv2" } })).toBe(0);
    // what was wrong is logged, in one line each, without stack traces
    expect(warnings.filter((w) => w.includes("not a Bot Framework activity")).length).toBeGreaterThanOrEqual(3);
    expect(warnings).toContainEqual(expect.stringMatching(/^teams: malformed activity ignored \(message: text /));
    expect(warnings).toContainEqual(expect.stringMatching(/^teams: malformed activity ignored \(message: from /));
    expect(warnings.filter((w) => w.includes("\n"))).toEqual([]);
    // and it still answers
    await post(personalMessage(connector.url, "help"));
    await connector.waitForCalls(1);
    expect((await fetch(`${run.url}/healthz`)).status).toBe(200);
  });
});
