// Closed-loop detractor cases end to end through the services and the outbox, on both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { silentLogger } from "../../src/logger.ts";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import type { Deliverer, Delivery } from "../../src/services/outbox/deliverer.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { BindingService } from "../../src/services/binding-service.ts";
import { PeopleService } from "../../src/services/people.ts";
import { CaseService } from "../../src/services/case-service.ts";
import { FollowUpWorker } from "../../src/jobs/follow-up-worker.ts";
import { FollowUpStore } from "../../src/store/follow-ups.ts";
import { IngestService } from "../../src/services/ingest-service.ts";
import { AccessService } from "../../src/services/access-service.ts";
import { AuditStore } from "../../src/store/audit.ts";
import { MembershipStore } from "../../src/store/memberships.ts";
import { PeopleStore } from "../../src/store/people.ts";
import { emptyDatabase, migratedDatabase, PROVIDERS } from "../support/databases.ts";
import { createRepositories } from "../../src/store/repositories.ts";

class Recorder implements Deliverer {
  constructor(readonly platform: "slack" | "teams") {}
  sent: Delivery[] = [];
  async deliver(d: Delivery) {
    this.sent.push(d);
    return { remoteId: `${this.platform}-${this.sent.length}` };
  }
}

const answer = (id: string, score: number, extra: Partial<NormalizedAnswer> = {}): NormalizedAnswer => ({
  source: "api", externalId: id, score, ces: null, comment: "Ingen svarede – ring på 22 33 44 55 eller skriv til bo@firma.dk", customerName: "Bo Berg",
  customerEmail: "bo@firma.dk", customerAccount: null, teamSlug: "support", touchpoint: "telefon", language: "da", consentToShare: false,
  answeredAt: new Date("2026-11-30T08:00:00Z"), ...extra,
});

// Each test starts from an emptied database with the same people and teams, and stores the answers
// its cases come from itself: the tests pass in any order (vitest --sequence.shuffle).
describe.each(PROVIDERS)("detractor cases on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let cases: CaseService;
  let ingest: Pick<IngestService, "store">;
  let worker: OutboxWorker;
  let slack: Recorder;
  let teams: Recorder;
  let clock: Date;
  let leadId: number;

  beforeAll(async () => {
    env = await migratedDatabase(provider);
  });
  afterAll(async () => env.dispose());
  // Services too are new for every test: none remembers an id from an emptied table.
  beforeEach(async () => {
    await emptyDatabase(env.db);
    const prisma = env.db.prisma;
    const outbox = new OutboxStore(prisma);
    const repos = createRepositories(prisma);
    const people = new PeopleService(repos.people, ["admin@firma.dk", "uboss"]);
    const answers = new AnswerStore(prisma);
    const access = new AccessService(people, new PeopleStore(prisma), new AuditStore(prisma), { npsVisibility: "everyone" });
    cases = new CaseService(repos, outbox, new BindingService(repos), people, access, {
      lang: "da", timeZone: "Europe/Copenhagen", maxScore: 6, maxCes: 2, maxAgeDays: 14, remindAfterHours: 24, escalateAfterHours: 48,
      fallbackChannels: [{ platform: "slack", channelId: "CFALLBACK" }], consoleOnly: false,
    });
    const followUps = new FollowUpWorker(new FollowUpStore(prisma), [(change) => cases.onAnswerChanges([change], clock)], silentLogger, { now: () => clock });
    const ingestService = new IngestService(answers, 14);
    // Stored, then the follow-ups run (in the app the worker is woken and runs them after the reply).
    ingest = { store: async (batch, at) => ingestService.store(batch, at).then(async (r) => (await followUps.drain(), r)) };
    slack = new Recorder("slack");
    teams = new Recorder("teams");
    worker = new OutboxWorker(outbox, { slack, teams }, silentLogger, { now: () => clock });
    const lead = await prisma.person.create({ data: { name: "Lene Leder", email: "lene@firma.dk", slackUserId: "ULEAD", teamsUserId: "aad-lene" } });
    leadId = lead.id;
    await prisma.teamsConversation.create({ data: { conversationId: "a:dm-lene", kind: "personal", reference: "{}", userId: "aad-lene" } });
    const support = await prisma.team.create({ data: { slug: "support", name: "Kundeservice", leadId: lead.id } });
    const anna = await prisma.person.create({ data: { name: "Anna", slackUserId: "UANNA" } });
    await new MembershipStore(prisma).add(support.id, anna.id, "manual");
    await prisma.team.create({ data: { slug: "salg", name: "Salg" } });
  });
  beforeEach(() => {
    clock = new Date("2026-11-30T08:00:30Z"); // Monday
    slack.sent = [];
    teams.sent = [];
  });

  it("a detractor answer alerts the team lead on Slack and Teams once, even when re-delivered or edited", async () => {
    await ingest.store([answer("d1", 3)], clock);
    await ingest.store([answer("d1", 3)], clock);
    await ingest.store([answer("d1", 2, { comment: "Endnu værre" })], clock);
    await worker.runOnce();
    expect(await env.db.prisma.detractorCase.count()).toBe(1);
    expect(slack.sent.map((d) => d.target)).toEqual(["ULEAD"]);
    expect(teams.sent.map((d) => d.target)).toEqual(["a:dm-lene"]);
    // The owner's private copy carries contact details; the comment's phone number is redacted.
    const text = JSON.stringify(slack.sent[0]!.message);
    expect(text).toContain("bo@firma.dk"); // contact fact, only in the direct message
    expect(text).not.toContain("22 33 44 55");
    expect(slack.sent[0]!.message.blocks.find((b) => b.type === "actions")).toBeTruthy();
  });

  it("without a reachable owner the alert goes to the fallback channel — without contact details", async () => {
    await ingest.store([answer("d2", 1, { teamSlug: "salg" })], clock);
    await worker.runOnce();
    expect(slack.sent.map((d) => d.target)).toEqual(["CFALLBACK"]);
    const text = JSON.stringify(slack.sent[0]!.message);
    expect(text).not.toContain("bo@firma.dk");
    expect(text).toContain("(e-mail fjernet)");
  });

  it("CES ≤ 2 opens a case too; old answers (imported history) do not", async () => {
    await ingest.store([answer("ces1", 8, { ces: 2 })], clock);
    await ingest.store([answer("old1", 0, { answeredAt: new Date("2026-10-01T08:00:00Z") })], clock);
    const rows = await env.db.prisma.detractorCase.findMany({ include: { answer: true } });
    expect(rows.map((r) => r.answer.externalId)).toEqual(["ces1"]);
  });

  it("claim (a member of the team), refuse others, resolve with outcome; only owner, lead or admin may resolve", async () => {
    await ingest.store([answer("d1", 3)], clock);
    const c = await env.db.prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: "d1" } } });
    const outsider = await cases.claim(c.id, { platform: "slack", userId: "UPER", name: "Per" }, clock);
    expect(outsider.ok).toBe(false);
    if (!outsider.ok) expect(outsider.explanation.summary).toBe("Kun medlemmer af Kundeservice, teamlederen eller en administrator kan tage sagen.");
    expect((await env.db.prisma.detractorCase.findUniqueOrThrow({ where: { id: c.id } })).state).toBe("open");
    const claimed = await cases.claim(c.id, { platform: "slack", userId: "UANNA", name: "Anna" }, clock);
    expect(claimed.ok).toBe(true);
    if (claimed.ok) expect(JSON.stringify(claimed.alert)).toContain("Taget af Anna");
    const again = await cases.claim(c.id, { platform: "slack", userId: "UPER", name: "Per" }, clock);
    expect(again.ok).toBe(false);
    const stranger = await cases.resolve(c.id, { platform: "slack", userId: "UPER" }, { actionTaken: "Ringede", outcome: "recovered" }, clock);
    expect(stranger.ok).toBe(false);
    if (!stranger.ok) expect(stranger.explanation.summary).toBe("Kun den ansvarlige, teamlederen for Kundeservice eller en administrator kan løse sagen.");
    const done = await cases.resolve(c.id, { platform: "slack", userId: "UANNA" }, { actionTaken: "Ringede og gav rabat", outcome: "recovered" }, clock);
    expect(done.ok).toBe(true);
    if (done.ok) expect(JSON.stringify(done.note)).toMatch(/Løst af Anna: Kunden er vundet tilbage/);
    const twice = await cases.resolve(c.id, { platform: "slack", userId: "ULEAD" }, { actionTaken: "x", outcome: "no_contact" }, clock);
    expect(twice.ok).toBe(false);
  });

  it("the team lead can hand a case over; the new owner is alerted", async () => {
    await ingest.store([answer("ces1", 8, { ces: 2 })], clock);
    const c = await env.db.prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: "ces1" } } });
    const res = await cases.handOver(c.id, { platform: "slack", userId: "ULEAD" }, { platform: "slack", userId: "UMIA", name: "Mia" }, clock);
    expect(res.ok).toBe(true);
    await worker.runOnce();
    expect(slack.sent.map((d) => d.target)).toContain("UMIA");
    const stranger = await cases.handOver(c.id, { platform: "slack", userId: "UPER" }, { platform: "slack", userId: "UPER" }, clock);
    expect(stranger.ok).toBe(false);
  });

  it("an admin named by Slack user id in ADMINS may hand over a case they do not own", async () => {
    await ingest.store([answer("d2", 1, { teamSlug: "salg" })], clock);
    const c = await env.db.prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: "d2" } } });
    expect((await cases.handOver(c.id, { platform: "slack", userId: "UPER" }, { platform: "slack", userId: "UMIA" }, clock)).ok).toBe(false);
    expect((await cases.handOver(c.id, { platform: "slack", userId: "UBOSS" }, { platform: "slack", userId: "UMIA" }, clock)).ok).toBe(true);
  });

  it("an edit that lifts the score above 6 closes the open case as score changed", async () => {
    await ingest.store([answer("lift", 4)], clock);
    await ingest.store([answer("lift", 9)], clock);
    const c = await env.db.prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: "lift" } } });
    expect([c.state, c.outcome]).toEqual(["resolved", "score_changed"]);
  });

  it("lists cases with the team's closing rate and median time to claim", async () => {
    // Support: one case claimed at once and resolved, one lifted by an edit, one open; Salg: one.
    await ingest.store([answer("d1", 3), answer("ces1", 8, { ces: 2 }), answer("d2", 1, { teamSlug: "salg" })], clock);
    await ingest.store([answer("lift", 4)], clock);
    await ingest.store([answer("lift", 9)], clock);
    const d1 = await env.db.prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: "d1" } } });
    expect((await cases.claim(d1.id, { platform: "slack", userId: "UANNA", name: "Anna" }, clock)).ok).toBe(true);
    expect((await cases.resolve(d1.id, { platform: "slack", userId: "UANNA" }, { actionTaken: "Ringede", outcome: "recovered" }, clock)).ok).toBe(true);
    const listed = await cases.list({ team: "support" });
    expect(listed?.stats.total).toBe(3);
    expect(listed?.stats.closingRate).toBe(0.6667);
    expect(listed?.stats.medianHoursToClaim).toBe(0);
    expect((await cases.list({ team: "support", openOnly: true }))?.cases.every((c) => c.state !== "resolved")).toBe(true);
    expect(await cases.list({ team: "nope" })).toBeNull();
  });
  it("reminder after 24 working hours and escalation at 48, each once, weekends not counted", async () => {
    // Opened Friday 2026-12-04 15:00 Copenhagen: reminder due Monday 15:00, escalation Tuesday 15:00.
    await env.db.prisma.detractorCase.updateMany({ where: { state: { not: "resolved" } }, data: { state: "resolved", outcome: "no_contact" } });
    clock = new Date("2026-12-04T14:00:00Z");
    await ingest.store([answer("late", 2, { answeredAt: clock })], clock);
    await worker.runOnce();
    slack.sent = [];
    clock = new Date("2026-12-07T13:59:00Z");
    expect(await cases.runReminders(clock)).toEqual({ reminded: 0, escalated: 0 });
    clock = new Date("2026-12-07T14:00:00Z");
    expect(await cases.runReminders(clock)).toEqual({ reminded: 1, escalated: 0 });
    expect(await cases.runReminders(clock)).toEqual({ reminded: 0, escalated: 0 });
    clock = new Date("2026-12-08T14:00:00Z");
    expect(await cases.runReminders(clock)).toEqual({ reminded: 0, escalated: 1 });
    expect(await cases.runReminders(new Date("2026-12-09T14:00:00Z"))).toEqual({ reminded: 0, escalated: 0 });
    await worker.runOnce();
    const kinds = slack.sent.map((d) => d.message.kind);
    expect(kinds.filter((k) => k === "reminder")).toHaveLength(1);
    expect(JSON.stringify(slack.sent)).toContain("Påmindelse");
  });

  it("a case opened by a follow-up that died before routing it is routed when the follow-up runs again", async () => {
    const prisma = env.db.prisma;
    const stored = await new AnswerStore(prisma).upsertBatch([answer("crash", 2)], clock);
    const change = stored.changes[0]!;
    const team = await prisma.team.findUniqueOrThrow({ where: { slug: "support" } });
    await prisma.detractorCase.create({ data: { answerId: change.answerId, teamId: team.id, openedAt: clock } }); // ...and then the process died
    await cases.onAnswerChanges([change], clock);
    await cases.onAnswerChanges([change], clock); // and once more: still one alert
    await worker.runOnce();
    expect(slack.sent.map((d) => d.target)).toEqual(["ULEAD"]);
    expect(await prisma.detractorCase.count({ where: { answerId: change.answerId } })).toBe(1);
  });
  it("claimed in the owner's DM, the alert there keeps the contact line; a channel copy never has it", async () => {
    await ingest.store([answer("own1", 2)], clock);
    const c = await env.db.prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: "own1" } } });
    const inDm = await cases.claim(c.id, { platform: "slack", userId: "ULEAD" }, clock, "da", "private");
    if (!inDm.ok) throw new Error("the lead may claim");
    const facts = inDm.alert.blocks.flatMap((b) => (b.type === "facts" ? b.facts : []));
    expect(facts).toContainEqual({ label: "Kontakt", value: "bo@firma.dk" });
    expect(facts).toContainEqual({ label: "Status", value: "Taget af Lene Leder" });
    const actions = inDm.alert.blocks.flatMap((b) => (b.type === "actions" ? b.actions.map((a) => a.id) : []));
    expect(actions).not.toContain("case.contact"); // nothing to ask for: the contact is right there
    const inChannel = await cases.claim(c.id, { platform: "slack", userId: "ULEAD" }, clock, "da", "shared");
    if (!inChannel.ok) throw new Error("the owner may claim again");
    expect(JSON.stringify(inChannel.alert)).not.toContain("bo@firma.dk");
    // handed over from the lead's own chat: the lead may still see the contact there
    const other = await cases.handOver(c.id, { platform: "slack", userId: "ULEAD" }, { platform: "slack", userId: "UOLE", name: "Ole" }, clock, "da", "private");
    if (!other.ok) throw new Error("the lead may hand over");
    expect(JSON.stringify(other.alert)).toContain("bo@firma.dk"); // the lead still may
  });

  it("/nps sager counts a claimed case as open, and shows it in progress", async () => {
    await ingest.store([answer("s1", 2), answer("s2", 5)], clock);
    const s1 = await env.db.prisma.detractorCase.findFirstOrThrow({ where: { answer: { externalId: "s1" } } });
    expect((await cases.claim(s1.id, { platform: "slack", userId: "ULEAD" }, clock)).ok).toBe(true);
    const rows = await env.db.prisma.detractorCase.findMany({ where: { teamId: { not: null }, team: { slug: "support" } }, select: { state: true } });
    const open = rows.filter((r) => r.state !== "resolved").length;
    const claimed = rows.filter((r) => r.state === "claimed").length;
    expect([open, claimed]).toEqual([2, 1]);
    const list = await cases.listMessage({ team: "support" }, { platform: "slack", userId: "ULEAD" }, "da", clock);
    const facts = list.blocks.flatMap((b) => (b.type === "facts" ? b.facts : []));
    expect(facts).toContainEqual({ label: "Åbne", value: `${open} (${claimed} i gang)` });
    const en = await cases.listMessage({ team: "support" }, { platform: "slack", userId: "ULEAD" }, "en", clock);
    expect(en.blocks.flatMap((b) => (b.type === "facts" ? b.facts : []))).toContainEqual({ label: "Open", value: `${open} (${claimed} in progress)` });
  });
});
