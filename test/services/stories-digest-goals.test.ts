// Stories, the daily digest and goals through the services and the outbox, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { silentLogger } from "../../src/logger.ts";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import type { Deliverer, Delivery } from "../../src/services/outbox/deliverer.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { JobRunStore } from "../../src/store/job-runs.ts";
import { BindingService } from "../../src/services/binding-service.ts";
import { PeopleService } from "../../src/services/people.ts";
import { StoryService } from "../../src/services/story-service.ts";
import { DigestService } from "../../src/services/digest-service.ts";
import { GoalService } from "../../src/services/goal-service.ts";
import { FollowUpWorker } from "../../src/jobs/follow-up-worker.ts";
import { FollowUpStore } from "../../src/store/follow-ups.ts";
import { IngestService } from "../../src/services/ingest-service.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

class Recorder implements Deliverer {
  readonly platform = "slack" as const;
  sent: Delivery[] = [];
  async deliver(d: Delivery) {
    this.sent.push(d);
    return { remoteId: String(this.sent.length) };
  }
}

const promoter = (id: string, comment: string, at: Date, extra: Partial<NormalizedAnswer> = {}): NormalizedAnswer => ({
  source: "api", externalId: id, score: 10, ces: null, comment, customerName: "Karen Jensen", customerEmail: "karen@example.dk",
  customerAccount: null, teamSlug: "support", touchpoint: "telefon", language: "da", consentToShare: true, answeredAt: at, ...extra,
});

describe.each(PROVIDERS)("stories, digest and goals on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let stories: StoryService;
  let digests: DigestService;
  let goals: GoalService;
  let ingest: Pick<IngestService, "store">;
  let worker: OutboxWorker;
  let bindings: BindingService;
  const slack = new Recorder();
  let clock = new Date("2026-11-30T07:00:00Z"); // Monday 08:00 in Copenhagen

  beforeAll(async () => {
    env = await migratedDatabase(provider);
    const prisma = env.db.prisma;
    const outbox = new OutboxStore(prisma);
    const answers = new AnswerStore(prisma);
    bindings = new BindingService(prisma);
    const people = new PeopleService(prisma);
    stories = new StoryService(prisma, outbox, bindings, people, {
      lang: "da", timeZone: "Europe/Copenhagen", perDay: 3, allowAnonymous: false, maxAgeDays: 14, globalChannels: [{ platform: "slack", channelId: "CSTORIES" }], consoleOnly: false,
    });
    goals = new GoalService(prisma, answers, "Europe/Copenhagen", 30);
    digests = new DigestService(prisma, answers, goals, outbox, new JobRunStore(prisma), bindings, {
      lang: "da", timeZone: "Europe/Copenhagen", minResponses: 30, cron: { minute: 30, hour: 8, weekdays: [1, 2, 3, 4, 5] }, quietDay: "post", allowAnonymousQuotes: false, consoleOnly: false,
    });
    const followUps = new FollowUpWorker(new FollowUpStore(prisma), [(change) => stories.onAnswerChanges([change], clock)], silentLogger, { now: () => clock });
    const ingestService = new IngestService(answers, 14);
    // Stored, then the follow-ups run (in the app the worker is woken and runs them after the reply).
    ingest = { store: async (batch, at) => ingestService.store(batch, at).then(async (r) => (await followUps.drain(), r)) };
    worker = new OutboxWorker(outbox, { slack }, silentLogger, { now: () => clock });
    await prisma.team.create({ data: { slug: "support", name: "Kundeservice" } });
  });
  afterAll(async () => env.dispose());

  it("promoter comments with consent become redacted stories; without consent or too short they do not", async () => {
    const at = new Date("2026-11-29T12:00:00Z");
    await ingest.store([
      promoter("p1", "Karen Jensen her – Mette i telefonen var fantastisk! Ring gerne igen på 22 33 44 55.", at),
      promoter("p2", "Super hurtig og venlig hjælp med min faktura, tak for det", at, { touchpoint: "e-mail" }),
      promoter("p3", "Fin service, men jeg vil ikke nævnes offentligt her", at, { consentToShare: false }),
      promoter("p4", "Tak!", at),
      promoter("p5", "Rigtig god oplevelse i butikken i dag, personalet var søde", at, { touchpoint: "butik" }),
      promoter("p6", "Alt gik som det skulle, leveringen kom til tiden og var pæn", at, { touchpoint: "levering" }),
    ], clock);
    const rows = await env.db.prisma.story.findMany({ orderBy: { id: "asc" } });
    expect(rows).toHaveLength(4);
    expect(rows[0]!.text).toBe("Karen Jensen her – Mette i telefonen var fantastisk! Ring gerne igen på (telefonnummer fjernet).");
    expect(rows[0]!.attribution).toBe("Karen Jensen");
  });

  it("at most 3 per channel per day, spread over working hours, never the same story twice", async () => {
    expect(await stories.runPlan(clock)).toBe(0); // 08:00: before the first slot (09:00)
    clock = new Date("2026-11-30T08:05:00Z"); // 09:05
    expect(await stories.runPlan(clock)).toBe(1);
    expect(await stories.runPlan(clock)).toBe(0);
    clock = new Date("2026-11-30T14:30:00Z"); // 15:30: all three slots are due
    expect(await stories.runPlan(clock)).toBe(2);
    clock = new Date("2026-11-30T15:30:00Z"); // after working hours
    expect(await stories.runPlan(clock)).toBe(0);
    clock = new Date("2026-12-01T14:30:00Z"); // next day: only the one story left
    expect(await stories.runPlan(clock)).toBe(1);
    expect(await stories.runPlan(new Date("2026-12-02T14:30:00Z"))).toBe(0);
    await worker.runOnce();
    const ids = slack.sent.filter((d) => d.message.kind === "story").map((d) => d.key);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect(JSON.stringify(slack.sent)).not.toContain("22 33 44 55");
  });

  it("employee stories go through the same redaction and posting path, first in line", async () => {
    const res = await stories.submit({ text: "Kunden skrev: tak til Jonas! Mail mig på kunde@firma.dk", attribution: "Kunde hos Bageriet", by: { platform: "slack", userId: "UEMP", name: "Emil" } }, clock);
    expect(res.ok).toBe(true);
    const row = await env.db.prisma.story.findFirstOrThrow({ where: { kind: "employee" } });
    expect(row.text).toBe("Kunden skrev: tak til Jonas! Mail mig på (e-mail fjernet)");
    clock = new Date("2026-12-02T08:05:00Z");
    expect(await stories.runPlan(clock)).toBe(1);
    await worker.runOnce();
    expect(JSON.stringify(slack.sent[slack.sent.length - 1]!.message)).toContain("Delt af Emil");
    expect((await stories.submit({ text: "kort", by: { platform: "slack", userId: "UEMP" } }, clock)).ok).toBe(false);
  });

  it("a goal shows progress and a forecast; a new goal keeps the old one in the history", async () => {
    const first = await goals.set("support", { targetNps: 40, dueAt: new Date("2027-11-30T22:59:59Z"), minResponses: null, by: "test" }, clock);
    const second = await goals.set("Support", { targetNps: 45, dueAt: new Date("2027-11-30T22:59:59Z"), minResponses: 5, by: "test" }, clock);
    expect(first.ok && second.ok && second.replaced).toBe(true);
    const team = await env.db.prisma.team.findUniqueOrThrow({ where: { slug: "support" } });
    expect((await goals.history(team.id)).map((g) => [g.targetNps, g.supersededAt !== null])).toEqual([[40, true], [45, false]]);
    const line = await goals.line(team.id, clock);
    expect(line).toMatchObject({ targetNps: 45, currentNps: 100, status: "on_track" });
    expect((await goals.set("nope", { targetNps: 1, dueAt: clock, minResponses: null, by: null }, clock)).ok).toBe(false);
  });

  it("the digest goes once per bound channel and day; a second run the same day posts nothing", async () => {
    await bindings.connect("slack", "CSUP", "support", ["digest"]);
    await bindings.connect("slack", "CLEDELSE", "support", ["digest"]);
    clock = new Date("2026-12-02T07:29:00Z"); // Wednesday 08:29: not yet
    expect((await digests.run(clock))[0]).toMatchObject({ queued: 0, skipped: "notDue" });
    const morning = new Date("2026-12-02T06:00:00Z");
    await ingest.store([promoter("q1", "Hurtigt svar og en løsning der virkede med det samme", morning), { ...promoter("q2", "Middel", morning), score: 7 }], morning);
    clock = new Date("2026-12-02T09:45:00Z"); // the bot was down at 08:30 and came back: sent once
    expect((await digests.run(clock))[0]).toMatchObject({ queued: 2 });
    expect((await digests.run(clock))[0]).toMatchObject({ queued: 0, skipped: "alreadySent" });
    expect((await digests.run(clock, { force: true, team: "support" }))[0]).toMatchObject({ queued: 0, skipped: "alreadySent" });
    await worker.runOnce();
    const sent = slack.sent.filter((d) => d.message.kind === "digest");
    expect(sent.map((d) => d.target).sort()).toEqual(["CLEDELSE", "CSUP"]);
    const text = JSON.stringify(sent[0]!.message);
    expect(text).toContain("Dagens opsummering – Kundeservice");
    expect(text).toContain('"label":"NPS, seneste 30 dage","value":"For få svar (8 af 30): +88, meget usikkert"');
    expect(text).toContain("Mål"); // the goal's progress
    expect(text).toContain("2 nye svar siden sidst: 1 anbefaler, 1 passiv, 0 kritikere.");
    expect(text).toContain("Hurtigt svar og en løsning"); // the best new promoter quote
    clock = new Date("2026-12-03T07:31:00Z"); // next day
    expect((await digests.run(clock))[0]).toMatchObject({ queued: 2 });
  });

  it("a quiet day is one line, never an empty card; dry-run records nothing", async () => {
    clock = new Date("2026-12-04T07:31:00Z"); // Friday: no answers since Thursday's digest
    const dry = await digests.run(clock, { dryRun: true });
    expect(dry[0]!.message?.blocks).toHaveLength(1);
    expect(dry[0]!.message?.summary).toMatch(/ingen nye svar/);
    expect((await digests.run(clock))[0]).toMatchObject({ queued: 2 });
  });

  it("the teams a story can be for (both faces' story form menu): by name, as many as the face's menu shows", async () => {
    const prisma = env.db.prisma;
    await prisma.team.createMany({ data: [{ slug: "salg", name: "Salg" }, { slug: "drift", name: "Drift" }] });
    expect(await stories.teamChoices(100)).toEqual([
      { slug: "drift", name: "Drift" },
      { slug: "support", name: "Kundeservice" },
      { slug: "salg", name: "Salg" },
    ]);
    expect(await stories.teamChoices(2)).toEqual([{ slug: "drift", name: "Drift" }, { slug: "support", name: "Kundeservice" }]);
  });
});
