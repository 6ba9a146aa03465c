// A customer's personal data in the database: finding everything stored about them (answers, their
// cases and stories, the chat messages posted about those), and erasing it — all rows of one erasure
// in one transaction, with the deletions of posted chat messages queued in the outbox in that same
// transaction (the outbox worker carries them out, after restarts too). Used by `forget`, `export`
// and retention (services/privacy-service.ts decides what to erase; this only does it).
import { ERASED } from "../core/privacy.ts";
import { AuditStore, type AuditEntry } from "./audit.ts";
import type { Db } from "./database.ts";
import { DELETE_KIND, deletionEntry, ERASED_PAYLOAD, type OutboxRow } from "./outbox.ts";
import type { AnswerRecord } from "../core/answer-record.ts";

/** Which answers: one customer's (by e-mail or account), or all given before a time (retention). */
export type AnswerScope = { email: string } | { account: string } | { answeredBefore: Date; limit: number };

/** An answer as stored: its team by slug, with its case and story. */
export interface StoredAnswer extends Omit<AnswerRecord, "teamSlug" | "timeGiven"> {
  id: number;
  /** the team's slug */
  team: string | null;
  receivedAt: Date;
  detractorCase: {
    id: number; state: string; openedAt: Date; claimedAt: Date | null; claimedBy: string | null; resolvedAt: Date | null;
    resolvedBy: string | null; actionTaken: string | null; outcome: string | null;
  } | null;
  story: { id: number; kind: string; text: string; attribution: string | null; createdAt: Date; postedAt: Date | null } | null;
}

export type StoredMessage = Omit<OutboxRow, "attempts" | "lastError"> & { threadOf: string | null };

/** What an erasure touches: found first (and shown by --dry-run), then erased by id. */
export interface ErasurePlan {
  answerIds: number[];
  caseIds: number[];
  /** stories of those answers, and others that quote the customer */
  storyIds: number[];
  messages: StoredMessage[];
}

const answerInclude = {
  team: { select: { slug: true } },
  touchpoint: { select: { name: true } },
  detractorCase: true,
  story: true,
} as const;

/** Answers still holding something personal (retention skips those made anonymous already). */
const stillPersonal = {
  OR: [
    { customerName: { not: null } },
    { customerEmail: { not: null } },
    { customerAccount: { not: null } },
    { AND: [{ comment: { not: null } }, { comment: { not: ERASED } }] },
  ],
};

/** Messages that are gone already or never go out need no deletion. */
const MESSAGE_STATES_TO_ERASE = ["pending", "dead", "sent"];

export class CustomerDataStore {
  constructor(private readonly prisma: Db) {}

  async answers(scope: AnswerScope): Promise<StoredAnswer[]> {
    const where = "email" in scope
      ? { customerEmail: scope.email }
      : "account" in scope
        ? { customerAccount: scope.account }
        : { answeredAt: { lt: scope.answeredBefore }, ...stillPersonal };
    const rows = await this.prisma.answer.findMany({
      where, include: answerInclude, orderBy: { id: "asc" }, ...("limit" in scope ? { take: scope.limit } : {}),
    });
    return rows.map((r) => ({
      id: r.id, source: r.source, externalId: r.externalId, score: r.score, ces: r.ces, comment: r.comment,
      customerName: r.customerName, customerEmail: r.customerEmail, customerAccount: r.customerAccount,
      team: r.team?.slug ?? null, touchpoint: r.touchpoint?.name ?? null, language: r.language, consentToShare: r.consentToShare,
      answeredAt: r.answeredAt, receivedAt: r.receivedAt,
      detractorCase: r.detractorCase && {
        id: r.detractorCase.id, state: r.detractorCase.state, openedAt: r.detractorCase.openedAt, claimedAt: r.detractorCase.claimedAt,
        claimedBy: r.detractorCase.claimedBy, resolvedAt: r.detractorCase.resolvedAt, resolvedBy: r.detractorCase.resolvedBy,
        actionTaken: r.detractorCase.actionTaken, outcome: r.detractorCase.outcome,
      },
      story: r.story && { id: r.story.id, kind: r.story.kind, text: r.story.text, attribution: r.story.attribution, createdAt: r.story.createdAt, postedAt: r.story.postedAt },
    }));
  }

  /** Stories not made from these answers whose text contains one of the needles (an employee's
   * story quoting the customer), or (retention) employee stories created before a time. */
  async otherStories(filter: { needles: string[] } | { createdBefore: Date }): Promise<{ id: number; text: string; attribution: string | null; createdAt: Date }[]> {
    if ("needles" in filter && filter.needles.length === 0) return [];
    const where = "needles" in filter
      ? { OR: filter.needles.map((n) => ({ text: { contains: n } })) }
      : { answerId: null, createdAt: { lt: filter.createdBefore }, text: { not: ERASED } };
    return this.prisma.story.findMany({ where, select: { id: true, text: true, attribution: true, createdAt: true }, orderBy: { id: "asc" } });
  }

  /**
   * Messages about these cases, stories and answers (found by their outbox keys: alert, reminder and
   * escalation of a case, the posts of a story, the private kudos thanks of an answer), and any whose payload contains one of the needles
   * (a digest quoting the comment) — or (retention) every message created before a time.
   */
  async messages(about: { caseIds: number[]; storyIds: number[]; answerIds?: number[]; needles: string[] } | { createdBefore: Date }): Promise<StoredMessage[]> {
    const select = { id: true, key: true, platform: true, target: true, kind: true, state: true, createdAt: true, sentAt: true, remoteId: true, threadOf: true };
    const base = { state: { in: MESSAGE_STATES_TO_ERASE }, kind: { not: DELETE_KIND } };
    if ("createdBefore" in about) {
      return this.prisma.outboxMessage.findMany({ where: { ...base, createdAt: { lt: about.createdBefore } }, select, orderBy: { id: "asc" } });
    }
    const keyed = [
      ...about.caseIds.flatMap((id) => ["alert", "reminder", "escalation"].map((kind) => ({ key: { startsWith: `${kind}:${id}:` } }))),
      ...about.storyIds.map((id) => ({ key: { startsWith: `story:${id}:` } })),
      // the private "a customer thanked you" (services/kudos-service.ts: kudos:<answer>:<person>:…)
      ...(about.answerIds ?? []).map((id) => ({ key: { startsWith: `kudos:${id}:` } })),
      ...about.needles.map((n) => ({ payload: { contains: n } })),
    ];
    if (keyed.length === 0) return [];
    return this.prisma.outboxMessage.findMany({ where: { ...base, OR: keyed }, select, orderBy: { id: "asc" } });
  }

  /**
   * Erases what the plan names, in one transaction with its audit entry: answers keep score, CES,
   * team, touchpoint, language and dates (the figures stay right) and lose name, e-mail, account and
   * comment; a case's note and a story's text become ERASED, a story's attribution goes; messages
   * not sent yet are cancelled, sent ones get a deletion queued (key "delete:<id>", once); every
   * message's stored payload is emptied. The content hash stays: an unchanged re-delivery of a
   * forgotten answer is recognised as unchanged and stores nothing again.
   */
  async erase(plan: ErasurePlan, audit: AuditEntry | null, now: Date): Promise<{ deletionsQueued: number }> {
    return this.prisma.$transaction(async (tx) => {
      const ids = (list: number[]) => ({ id: { in: list } });
      let deletions: ReturnType<typeof deletionEntry>[] = [];
      if (plan.answerIds.length > 0) {
        await tx.answer.updateMany({ where: { ...ids(plan.answerIds), comment: { not: null } }, data: { comment: ERASED } });
        await tx.answer.updateMany({ where: ids(plan.answerIds), data: { customerName: null, customerEmail: null, customerAccount: null } });
      }
      if (plan.caseIds.length > 0) await tx.detractorCase.updateMany({ where: { ...ids(plan.caseIds), actionTaken: { not: null } }, data: { actionTaken: ERASED } });
      if (plan.storyIds.length > 0) await tx.story.updateMany({ where: ids(plan.storyIds), data: { text: ERASED, attribution: null } });
      // By the state each message has now (the worker may have sent one since the plan was made):
      // not sent yet → cancelled; sent → erased, and its deletion queued.
      const messageIds = plan.messages.map((m) => m.id);
      if (messageIds.length > 0) {
        await tx.outboxMessage.updateMany({ where: { ...ids(messageIds), state: { in: ["pending", "dead"] } }, data: { state: "cancelled", payload: ERASED_PAYLOAD, lockedUntil: null } });
        const sent = await tx.outboxMessage.updateManyAndReturn({ where: { ...ids(messageIds), state: "sent" }, data: { state: "erased", payload: ERASED_PAYLOAD } });
        deletions = sent.filter((m) => m.remoteId !== null).map((m) => deletionEntry(m, now));
        // skipDuplicates is not on SQLite: the keys are new (each original leaves "sent" once, just above).
        if (deletions.length > 0) await tx.outboxMessage.createMany({ data: deletions });
      }
      if (audit) await new AuditStore(tx).record(audit, now);
      return { deletionsQueued: deletions.length };
    });
  }

  /** An audit entry on its own (an export changes nothing else). */
  async audit(entry: AuditEntry, now: Date): Promise<void> {
    await new AuditStore(this.prisma).record(entry, now);
  }

  /**
   * Operational rows that only serve deduplication, older than `before`: handled deliveries and
   * finished job runs are deleted, finished deletions too; the payload of a message that went out
   * (or never will) is emptied, its row (key, remoteId: needed to update or delete it later) stays.
   */
  async prune(before: Date): Promise<{ handledDeliveries: number; jobRuns: number; payloads: number }> {
    return this.prisma.$transaction(async (tx) => {
      const handled = await tx.handledDelivery.deleteMany({ where: { receivedAt: { lt: before } } });
      const runs = await tx.jobRun.deleteMany({ where: { finishedAt: { lt: before } } });
      await tx.outboxMessage.deleteMany({ where: { kind: DELETE_KIND, state: "sent", sentAt: { lt: before } } });
      const payloads = await tx.outboxMessage.updateMany({
        where: { state: { in: ["sent", "erased", "cancelled"] }, createdAt: { lt: before }, payload: { not: ERASED_PAYLOAD } },
        data: { payload: ERASED_PAYLOAD },
      });
      return { handledDeliveries: handled.count, jobRuns: runs.count, payloads: payloads.count };
    });
  }
}
