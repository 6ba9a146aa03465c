// A customer's rights over their data (GDPR): erase everything that identifies them (`forget`, CLI
// and POST /api/forget), hand them a copy (`export`), and keep nothing personal longer than
// RETENTION_DAYS (a daily job). Scores, team, touchpoint and dates stay: anonymous figures keep the
// statistics right. Every erasure and export is in the audit trail, under a hash of the e-mail.
import { customerHash, ERASED, normalizeEmail, payloadNeedles, pruneCutoff, retentionCutoff, type CustomerSelector } from "../core/privacy.ts";
import { redact } from "../core/redaction.ts";
import { localDayKey } from "../core/schedule.ts";
import { SYSTEM_ACTOR, type AuditActor } from "../store/audit.ts";
import type { AnswerScope, CustomerDataStore, ErasurePlan, StoredAnswer, StoredMessage } from "../store/customer-data.ts";
import type { JobRunStore } from "../store/job-runs.ts";

export interface PrivacySettings {
  retentionDays: number;
  /** handled deliveries, sent message payloads and finished job runs are kept this long */
  pruneAfterDays: number;
  timeZone: string;
}

/** What an erasure changed (or, dry run, would change). */
export interface ErasureCounts {
  answers: number;
  cases: number;
  stories: number;
  /** messages posted about them, deleted in the chat (through the outbox) */
  messagesDeleted: number;
  /** messages about them not sent yet, cancelled */
  messagesCancelled: number;
}

export interface CustomerExport {
  exportedAt: string;
  customer: { email: string } | { account: string };
  answers: (Omit<StoredAnswer, "id" | "detractorCase" | "story" | "answeredAt" | "receivedAt"> & {
    answeredAt: string; receivedAt: string; case: StoredAnswer["detractorCase"]; story: StoredAnswer["story"];
  })[];
  /** stories employees wrote that mention the customer */
  otherStories: { text: string; attribution: string | null; createdAt: Date }[];
  /** where messages about the customer were posted */
  messages: { platform: string; channel: string; kind: string; state: string; createdAt: Date; postedAt: Date | null }[];
}

/** Answers are made anonymous this many per transaction (a short write lock on SQLite). */
const RETENTION_BATCH = 500;
/** Long comments are cut in messages (section limits): their start is what a payload holds. */
const NEEDLE_PREFIX = 120;

export class PrivacyService {
  constructor(
    private readonly store: CustomerDataStore,
    private readonly jobRuns: JobRunStore,
    private readonly settings: PrivacySettings,
  ) {}

  /** Erases everything stored about one customer; with dryRun only counts what would go. */
  async forget(selector: CustomerSelector, actor: AuditActor, options: { dryRun: boolean; now: Date }): Promise<ErasureCounts> {
    const plan = await this.plan(scopeOf(selector));
    const counts = countsOf(plan);
    if (options.dryRun) return counts;
    await this.store.erase(plan, {
      actor, action: "customer.forget", objectType: "customer", objectId: customerHash(selector), allowed: true, detail: { ...counts },
    }, options.now);
    return counts;
  }

  /** Everything stored about one customer, as one JSON-able document (an access request). */
  async export(selector: CustomerSelector, actor: AuditActor, now: Date): Promise<CustomerExport> {
    const plan = await this.plan(scopeOf(selector));
    const { answers, otherStories, messages } = plan.found;
    await this.store.audit({ actor, action: "customer.export", objectType: "customer", objectId: customerHash(selector), allowed: true, detail: { answers: answers.length } }, now);
    return {
      exportedAt: now.toISOString(),
      customer: "email" in selector ? { email: normalizeEmail(selector.email) } : { account: selector.account.trim() },
      answers: answers.map(({ id: _id, detractorCase, story, answeredAt, receivedAt, ...a }) => ({
        ...a, answeredAt: answeredAt.toISOString(), receivedAt: receivedAt.toISOString(), case: detractorCase, story,
      })),
      otherStories: otherStories.map(({ id: _id, ...s }) => s),
      messages: messages.map((m) => ({ platform: m.platform, channel: m.target, kind: m.kind, state: m.state, createdAt: m.createdAt, postedAt: m.sentAt })),
    };
  }

  /**
   * Retention: answers given more than RETENTION_DAYS ago are made anonymous as `forget` does, with
   * their cases and stories; employee stories that old too; and every message posted that long ago
   * is deleted in the chat (the consistent choice: an old alert names the customer as much as the
   * row did). Batches of RETENTION_BATCH answers, each in its own transaction.
   */
  async retention(now: Date, actor: AuditActor, dryRun: boolean): Promise<ErasureCounts> {
    const cutoff = retentionCutoff(now, this.settings.retentionDays);
    const total: ErasureCounts = { answers: 0, cases: 0, stories: 0, messagesDeleted: 0, messagesCancelled: 0 };
    const add = (c: ErasureCounts) => (Object.keys(total) as (keyof ErasureCounts)[]).forEach((k) => (total[k] += c[k]));
    const seen = new Set<number>(); // a dry run meets an old alert twice: by its case, and by its age
    // A dry run cannot rely on the rows changing between batches: it reads them all at once.
    for (let limit = dryRun ? Number.MAX_SAFE_INTEGER : RETENTION_BATCH; ;) {
      const plan = await this.plan({ answeredBefore: cutoff, limit });
      if (plan.answerIds.length === 0) break;
      plan.messages.forEach((m) => seen.add(m.id));
      add(countsOf(plan));
      if (!dryRun) await this.store.erase(plan, null, now);
      if (dryRun || plan.answerIds.length < limit) break;
    }
    const stories = await this.store.otherStories({ createdBefore: cutoff });
    const messages = (await this.store.messages({ createdBefore: cutoff })).filter((m) => !seen.has(m.id));
    const rest: ErasurePlan = { answerIds: [], caseIds: [], storyIds: stories.map((s) => s.id), messages };
    add(countsOf(rest));
    if (!dryRun) {
      await this.store.erase(rest, {
        actor, action: "retention.anonymise", objectType: "answers", objectId: null, allowed: true,
        detail: { before: cutoff.toISOString(), ...total },
      }, now);
    }
    return total;
  }

  /** Operational rows past PRUNE_AFTER_DAYS (see CustomerDataStore.prune). */
  prune(now: Date) {
    return this.store.prune(pruneCutoff(now, this.settings.pruneAfterDays));
  }

  /** The daily job (habits scheduler): retention and pruning once per local day, whichever replica
   * comes first; a second replica racing it finds nothing left to do (each step is idempotent). */
  async runDaily(now: Date): Promise<ErasureCounts | null> {
    const key = `retention:${localDayKey(now, this.settings.timeZone)}`;
    if (await this.jobRuns.isFinished(key)) return null;
    const counts = await this.retention(now, SYSTEM_ACTOR, false);
    const pruned = await this.prune(now);
    await this.jobRuns.finish(key, now, JSON.stringify({ ...counts, ...pruned }));
    return counts;
  }

  /** The answers in scope, their cases and stories, other stories quoting the customer, and the
   * messages posted (or waiting) about any of them. */
  private async plan(scope: AnswerScope): Promise<ErasurePlan & { found: { answers: StoredAnswer[]; otherStories: { id: number; text: string; attribution: string | null; createdAt: Date }[]; messages: StoredMessage[] } }> {
    const answers = await this.store.answers(scope);
    const identities = answers.flatMap((a) => [a.customerEmail, a.customerName]);
    const needles = payloadNeedles([...identities, ...answers.flatMap((a) => commentForms(a))]);
    const ownStories = answers.flatMap((a) => (a.story ? [a.story.id] : []));
    // Employees' stories are searched for the e-mail and name only (their texts never hold a comment verbatim).
    const otherStories = "answeredBefore" in scope ? [] : (await this.store.otherStories({ needles: payloadNeedles(identities) })).filter((s) => !ownStories.includes(s.id));
    const caseIds = answers.flatMap((a) => (a.detractorCase ? [a.detractorCase.id] : []));
    const storyIds = [...ownStories, ...otherStories.map((s) => s.id)];
    const messages = await this.store.messages({ caseIds, storyIds, answerIds: answers.map((a) => a.id), needles: "answeredBefore" in scope ? [] : needles });
    return { answerIds: answers.map((a) => a.id), caseIds, storyIds, messages, found: { answers, otherStories, messages } };
  }
}

function scopeOf(selector: CustomerSelector): AnswerScope {
  return "email" in selector ? { email: normalizeEmail(selector.email) } : { account: selector.account.trim() };
}

/** The comment as stored and as messages show it (redacted, with or without the name, either language), cut to its start. */
function commentForms(a: StoredAnswer): string[] {
  if (!a.comment || a.comment === ERASED) return [];
  const forms = [a.comment];
  for (const lang of ["da", "en"] as const)
    for (const keepName of [true, false]) forms.push(redact(a.comment, { customerName: a.customerName, keepName, lang }).text);
  return forms.map((f) => f.trim().slice(0, NEEDLE_PREFIX));
}

function countsOf(plan: ErasurePlan): ErasureCounts {
  return {
    answers: plan.answerIds.length,
    cases: plan.caseIds.length,
    stories: plan.storyIds.length,
    messagesDeleted: plan.messages.filter((m) => m.state === "sent" && m.remoteId !== null).length,
    messagesCancelled: plan.messages.filter((m) => m.state !== "sent").length,
  };
}
