// Detractor cases (table DetractorCase): opened once per answer, routed, claimed and resolved by
// compare-and-set updates (two clicks at once cannot both win), reminded and escalated once.
// The rules of what may happen live in core/cases.ts; this only reads and writes the rows.
import type { Db } from "./database.ts";

const caseInclude = { answer: { include: { touchpoint: true } }, team: { include: { lead: true } }, owner: true } as const;
const loadCase = (prisma: Db, id: number) => prisma.detractorCase.findUnique({ where: { id }, include: caseInclude });

/** A case with everything an alert shows: its answer (and touchpoint), team (and lead), owner. */
export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** A case as the counts need it ("/nps cases"). */
export interface CaseSummary {
  id: number;
  state: string;
  openedAt: Date;
  claimedAt: Date | null;
}

export class CaseStore {
  constructor(private readonly prisma: Db) {}

  async load(caseId: number): Promise<LoadedCase | null> {
    return loadCase(this.prisma, caseId);
  }

  /** What opening a case needs to know about the answer: its team and when it was given. */
  async answerToOpen(answerId: number): Promise<{ teamId: number | null; answeredAt: Date } | null> {
    return this.prisma.answer.findUnique({ where: { id: answerId }, select: { teamId: true, answeredAt: true } });
  }

  /** Opens the answer's case; null when it has one already (at most one per answer, ever). */
  async open(answerId: number, teamId: number | null, openedAt: Date): Promise<number | null> {
    const created = await this.prisma.detractorCase
      .create({ data: { answerId, teamId, openedAt }, select: { id: true } })
      .catch((error: { code?: string }) => {
        if (error.code === "P2002") return null; // a re-delivered or edited answer: the case exists
        throw error;
      });
    return created?.id ?? null;
  }

  async byAnswer(answerId: number): Promise<{ id: number; state: string; ownerId: number | null; routedBy: string | null } | null> {
    return this.prisma.detractorCase.findUnique({ where: { answerId }, select: { id: true, state: true, ownerId: true, routedBy: true } });
  }

  /** Records how the case was routed, and to whom when it went to a person. */
  async setRoute(caseId: number, routedBy: string, ownerId?: number): Promise<void> {
    await this.prisma.detractorCase.update({ where: { id: caseId }, data: { routedBy, ...(ownerId !== undefined ? { ownerId } : {}) } });
  }

  /** Compare-and-set: takes an open case, or keeps one the person already holds. False: someone else won. */
  async claim(caseId: number, personId: number, change: { state: string; claimedAt: Date; claimedBy: string; ownerId: number | null }): Promise<boolean> {
    const won = await this.prisma.detractorCase.updateMany({
      where: { id: caseId, OR: [{ state: "open" }, { state: "claimed", ownerId: personId }] },
      data: change,
    });
    return won.count > 0;
  }

  /** Compare-and-set: resolves a case not resolved yet. False: it already was. */
  async resolve(caseId: number, change: { state: string; resolvedAt: Date; resolvedBy: string; actionTaken: string; outcome: string }): Promise<boolean> {
    const won = await this.prisma.detractorCase.updateMany({ where: { id: caseId, state: { not: "resolved" } }, data: change });
    return won.count > 0;
  }

  /** A new owner starts the clock again: reminders and escalation are due anew. */
  async handOver(caseId: number, ownerId: number | null, openedAt: Date): Promise<void> {
    await this.prisma.detractorCase.update({ where: { id: caseId }, data: { ownerId, remindedAt: null, escalatedAt: null, openedAt } });
  }

  /** The customer raised their score: the case closes itself, unless it was resolved meanwhile. */
  async closeAsLifted(caseId: number, now: Date): Promise<boolean> {
    const lifted = await this.prisma.detractorCase.updateMany({
      where: { id: caseId, state: { not: "resolved" } },
      data: { state: "resolved", resolvedAt: now, resolvedBy: "Kundepuls", outcome: "score_changed" },
    });
    return lifted.count > 0;
  }

  /** Every case of a team (or of all teams), newest first. */
  async summaries(teamId: number | null): Promise<CaseSummary[]> {
    return this.prisma.detractorCase.findMany({ where: teamId !== null ? { teamId } : {}, select: { id: true, state: true, openedAt: true, claimedAt: true }, orderBy: { id: "desc" } });
  }

  /** The ids of the unresolved cases a person owns, oldest first. */
  async openIdsOwnedBy(personId: number): Promise<number[]> {
    const rows = await this.prisma.detractorCase.findMany({ where: { ownerId: personId, state: { not: "resolved" } }, orderBy: { openedAt: "asc" }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** A team's unresolved cases (open or claimed), oldest first: the digest's counts. */
  async unresolvedOfTeam(teamId: number): Promise<{ openedAt: Date; state: string }[]> {
    return this.prisma.detractorCase.findMany({ where: { teamId, state: { not: "resolved" } }, orderBy: { openedAt: "asc" }, select: { openedAt: true, state: true } });
  }

  /** Cases nobody has claimed yet, with what a reminder shows. */
  async unclaimed(): Promise<LoadedCase[]> {
    return this.prisma.detractorCase.findMany({ where: { state: "open" }, include: caseInclude });
  }

  /** Compare-and-set on remindedAt: true for the one replica that records the reminder. */
  async markReminded(caseId: number, now: Date): Promise<boolean> {
    return (await this.prisma.detractorCase.updateMany({ where: { id: caseId, remindedAt: null }, data: { remindedAt: now } })).count === 1;
  }

  /** Compare-and-set on escalatedAt: true for the one replica that records the escalation. */
  async markEscalated(caseId: number, now: Date): Promise<boolean> {
    return (await this.prisma.detractorCase.updateMany({ where: { id: caseId, escalatedAt: null }, data: { escalatedAt: now } })).count === 1;
  }
}
