// The Slack face end to end for interaction tests: the real app (SQLite or PostgreSQL) behind
// Bolt's HTTPReceiver, the fake Slack Web API, a team whose lead is a Slack user, and helpers to
// open detractor cases, find the alert DM, click its buttons and submit modals — all signed.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { expect } from "vitest";
import type { Logger } from "../../../src/logger.ts";
import { startTestApp, type RunningApp } from "../../support/app.ts";
import { slashCommandForm, postSigned, startFakeSlack, type FakeSlack } from "../../support/fake-slack.ts";
import { watchHandledEvents, type HandledEvents } from "./handled-events.ts";
import { blockActions, postInteraction, recorded, viewSubmission, type Container, type FieldValue } from "./slack-requests.ts";
import type { Dialect } from "../../../src/store/sql.ts";

export const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const SLASH = recorded("slash-commands-slack.json").slashCommandWithArgs as Record<string, string>;
export { SLASH };

export const LEAD = { id: "U00LEAD0001", name: "lone", realName: "Lone Leder", email: "lone@firma.dk" };
export const STRANGER = { id: "U00STRANGER1", name: "sven", realName: "Sven Stranger", email: "sven@firma.dk" };
export const COLLEAGUE = { id: "U00COLLEAGUE1", name: "kim", realName: "Kim Kollega", email: "kim@firma.dk" };

export interface Harness {
  fake: FakeSlack;
  run: RunningApp;
  lines: string[];
  endpoint: string;
  /** when the app is done with an event (see handled-events.ts) */
  events: HandledEvents;
  detractor(id: string, extra?: Record<string, unknown>): Promise<number>;
  alertFor(caseId: number, userId: string): Promise<{ channel: string; ts: string; blocks: any[] }>;
  click(who: { id: string; name: string }, container: Container, action: { action_id: string; value?: string; block_id?: string; selected_user?: string }): Promise<{ res: { status: number; text: string }; triggerId: string; responses: () => any[] }>;
  submit(who: { id: string; name: string }, view: any, values: Record<string, FieldValue>): Promise<{ status: number; text: string }>;
  slash(command: string, text: string, changes?: Record<string, string>): Promise<{ res: { status: number; text: string }; triggerId: string; reply: () => Promise<any> }>;
  caseRow(id: number): Promise<any>;
  stop(): Promise<void>;
}

let seq = 0;

export async function startHarness(provider: Dialect, env: Record<string, string> = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  for (const u of [LEAD, STRANGER, COLLEAGUE]) fake.addUser({ id: u.id, name: u.name, realName: u.realName, email: u.email });
  const lines: string[] = [];
  const log: Logger = { debug() {}, info: (m) => void lines.push(m), warn: (m) => void lines.push(m), error: (m, e) => void lines.push(`${m} ${e instanceof Error ? e.message : ""}`) };
  const run = await startTestApp(provider, { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, ...env }, log);
  const prisma = run.app.db.prisma;
  const lead = await prisma.person.create({ data: { email: LEAD.email, name: LEAD.realName, slackUserId: LEAD.id } });
  await prisma.team.create({ data: { slug: "support", name: "Support", leadId: lead.id } });
  const endpoint = `${run.url}/slack/events`;
  const events = watchHandledEvents(run.app.slack!.bolt);

  return {
    fake,
    run,
    lines,
    endpoint,
    events,
    async detractor(id, extra = {}) {
      const answer = {
        id, score: 2, team: "Support", respondedAt: new Date(Date.now() - 60_000).toISOString(),
        comment: "Ventede 40 minutter i telefonen. Ring til mig på 22 33 44 55.",
        customer: { name: "Åse Ørum", email: "aase@example.dk", account: "Bageriet ApS" }, ...extra,
      };
      const res = await fetch(`${run.url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answer) });
      expect(res.status).toBe(200);
      await run.app.followUps.drain(); // the reply comes once stored; the case follows right after
      const row = await prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: id } } });
      return row.id;
    },
    async alertFor(caseId, userId) {
      await run.app.deliverNow();
      const call = await fake.waitFor(() =>
        fake.callsTo("chat.postMessage").find((c) => c.body.channel === userId && JSON.stringify(c.body.blocks).includes(`"value":"${caseId}"`)),
      );
      const sent = call.response!.body as { channel: string; ts: string };
      return { channel: sent.channel, ts: sent.ts, blocks: call.body.blocks as any[] };
    },
    async click(who, container, action) {
      const responseUrl = fake.responseUrl();
      const payload = blockActions({ user: who, container, action, responseUrl });
      const res = await postInteraction(endpoint, SECRET, payload);
      const id = responseUrl.split("/").pop();
      return { res, triggerId: payload.trigger_id as string, responses: () => fake.responses.filter((r) => r.id === id).map((r) => r.body as any) };
    },
    async submit(who, view, values) {
      return postInteraction(endpoint, SECRET, viewSubmission(who.id, who.name, view, values));
    },
    async slash(command, text, changes = {}) {
      const responseUrl = fake.responseUrl();
      const id = responseUrl.split("/").pop();
      const triggerId = `10520020890661.10229338706656.t${++seq}`;
      const res = await postSigned(endpoint, slashCommandForm(SLASH, { command, text, response_url: responseUrl, trigger_id: triggerId, ...changes }), { secret: SECRET });
      return { res, triggerId, reply: () => fake.waitFor(() => fake.responses.find((r) => r.id === id)?.body as any) };
    },
    caseRow: (id) => prisma.detractorCase.findUniqueOrThrow({ where: { id }, include: { owner: true } }),
    async stop() {
      await run.stop();
      await fake.close();
    },
  };
}

/** The views.open call made for this trigger_id (the modal the person sees). */
export async function openedView(fake: FakeSlack, triggerId: string): Promise<any> {
  const call = await fake.waitFor(() => fake.callsTo("views.open").find((c) => c.body.trigger_id === triggerId));
  return call.body.view;
}

/** Polls an async condition (fake.waitFor takes only synchronous probes). */
export async function until(probe: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The buttons of a view or message for one case (button value = case id). */
export const buttonsFor = (blocks: any[], caseId: number) =>
  blocks.flatMap((b) => (b.type === "actions" ? b.elements : [])).filter((e: any) => e.value === String(caseId)) as { action_id: string; value: string }[];

/** Every text of a block list (and the fallback text), for `toContain` checks. */
export const textOf = (value: unknown) => JSON.stringify(value);

/** The picker block_id (kp.pick.<n>.<case id>) of an alert's actions block. */
export const pickerBlockId = (blocks: any[]) => blocks.find((b) => b.type === "actions" && b.block_id?.startsWith("kp.pick."))?.block_id as string;
