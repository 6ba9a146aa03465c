// What opening a detractor case costs the database, counted at the driver: the follow-up worker
// opens one for about every sixth answer during intake, in the same process, so each statement
// here is paid in answers per second. Pinned so it cannot silently grow back; on both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import { AccessService } from "../../src/services/access-service.ts";
import { BindingService } from "../../src/services/binding-service.ts";
import { CaseService } from "../../src/services/case-service.ts";
import { IngestService } from "../../src/services/ingest-service.ts";
import { PeopleService } from "../../src/services/people.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { AuditStore } from "../../src/store/audit.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { PeopleStore } from "../../src/store/people.ts";
import { createRepositories } from "../../src/store/repositories.ts";
import { emptyDatabase, migratedDatabase, PROVIDERS } from "../support/databases.ts";
import { countingClient, type CountingClient } from "../support/query-count.ts";

const answer = (id: string, teamSlug: string): NormalizedAnswer => ({
  source: "api", externalId: id, score: 2, ces: null, comment: "Ingen ringede tilbage – skriv til bo@firma.dk", customerName: "Bo Berg",
  customerEmail: "bo@firma.dk", customerAccount: "Firma A/S", teamSlug, touchpoint: "telefon", language: "da", consentToShare: false,
  answeredAt: new Date("2026-11-30T08:00:00Z"),
});

describe.each(PROVIDERS)("opening a detractor case on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let counted: CountingClient;
  let cases: CaseService;
  let ingest: IngestService;
  const clock = new Date("2026-11-30T08:00:30Z");

  beforeAll(async () => {
    env = await migratedDatabase(provider);
    counted = await countingClient(env.test.target);
  });
  afterAll(async () => {
    await counted.close();
    await env.dispose();
  });
  beforeEach(async () => {
    await emptyDatabase(env.db);
    const prisma = env.db.prisma;
    const lead = await prisma.person.create({ data: { name: "Lene Leder", email: "lene@firma.dk", slackUserId: "ULEAD", teamsUserId: "aad-lene" } });
    await prisma.teamsConversation.create({ data: { conversationId: "a:dm-lene", kind: "personal", reference: "{}", userId: "aad-lene" } });
    await prisma.team.create({ data: { slug: "support", name: "Kundeservice", leadId: lead.id } });
    const salg = await prisma.team.create({ data: { slug: "salg", name: "Salg" } });
    await prisma.channelBinding.create({ data: { platform: "slack", channelId: "CSALG", teamId: salg.id, purpose: "alerts" } });
    await prisma.channelBinding.create({ data: { platform: "teams", channelId: "19:salg", teamId: salg.id, purpose: "alerts" } });
    ingest = new IngestService(new AnswerStore(prisma), 14);
    const repos = createRepositories(counted.prisma);
    const people = new PeopleService(repos.people);
    const access = new AccessService(people, new PeopleStore(counted.prisma), new AuditStore(counted.prisma), { npsVisibility: "everyone" });
    cases = new CaseService(repos, new OutboxStore(counted.prisma), new BindingService(repos), people, access, {
      lang: "da", timeZone: "Europe/Copenhagen", maxScore: 6, maxCes: 2, maxAgeDays: 14, remindAfterHours: 24, escalateAfterHours: 48,
      fallbackChannels: [{ platform: "slack", channelId: "CFALLBACK" }], consoleOnly: false,
    });
  });

  async function stored(externalId: string, teamSlug: string): Promise<number> {
    await ingest.store([answer(externalId, teamSlug)], clock);
    return (await env.db.prisma.answer.findFirstOrThrow({ where: { externalId }, select: { id: true } })).id;
  }

  it("routed to the team lead (Slack and Teams): the case opened, routed and both alerts queued in a pinned number of statements", async () => {
    const answerId = await stored("q1", "support");
    counted.reset();
    expect(await cases.openFor(answerId, clock)).not.toBeNull();
    const outbox = await env.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" }, select: { key: true, target: true } });
    expect(outbox.map((m) => m.target)).toEqual(["ULEAD", "a:dm-lene"]);
    // The answer with its touchpoint and team (3), the case (1), the account's owner (1), the lead and
    // their Teams chat (2), the route (1), both alerts (1). It was 24 when the case was read again
    // for routing and for the alert, and each person's targets looked up twice.
    expect(counted.statements).toHaveLength(9);
  });

  it("routed to the team's alert channels: opened, routed and both alerts queued in a pinned number of statements", async () => {
    const answerId = await stored("q2", "salg");
    counted.reset();
    expect(await cases.openFor(answerId, clock)).not.toBeNull();
    const outbox = await env.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" }, select: { target: true } });
    expect(outbox.map((m) => m.target)).toEqual(["CSALG", "19:salg"]);
    // Nobody named to own it: no person looked up, the team's alert channels instead (was 20).
    expect(counted.statements).toHaveLength(8);
  });
});
