// Detractor cases (table DetractorCase): opened once per answer, routed, claimed and resolved by
// compare-and-set updates (two clicks at once cannot both win), reminded and escalated once.
// The rules of what may happen live in core/cases.ts; this only reads and writes the rows.
import type { LoopCase, LoopWindow } from "../core/closed-loop.ts";
import type { Db } from "./database.ts";

export type PersonFields = { id: number; name: string | null; email: string | null; slackUserId: string | null; teamsUserId: string | null };
const PERSON = { id: true, name: true, email: true, slackUserId: true, teamsUserId: true } as const;

/** A case with everything an alert shows: its answer (and touchpoint), team (and lead), owner. */
export interface LoadedCase {
  id: number;
  answerId: number;
  teamId: number | null;
  /** open | claimed | resolved */
  state: string;
  ownerId: number | null;
  routedBy: string | null;
  openedAt: Date;
  claimedAt: Date | null;
  claimedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  actionTaken: string | null;
  outcome: string | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  answer: {
    id: number; score: number; ces: number | null; comment: string | null; customerName: string | null; customerEmail: string | null;
    customerAccount: string | null; answeredAt: Date; touchpoint: { id: number; name: string; ownerId: number | null } | null;
  };
  team: { id: number; slug: string; name: string; leadId: number | null; lead: PersonFields | null } | null;
  owner: PersonFields | null;
}

const caseSelect = {
  id: true, answerId: true, teamId: true, state: true, ownerId: true, routedBy: true, openedAt: true, claimedAt: true, claimedBy: true,
  resolvedAt: true, resolvedBy: true, actionTaken: true, outcome: true, remindedAt: true, escalatedAt: true,
  answer: {
    select: {
      id: true, score: true, ces: true, comment: true, customerName: true, customerEmail: true, customerAccount: true, answeredAt: true,
      touchpoint: { select: { id: true, name: true, ownerId: true } },
    },
  },
  team: { select: { id: true, slug: true, name: true, leadId: true, lead: { select: PERSON } } },
  owner: { select: PERSON },
} as const;
const TEAM = { id: true, slug: true, name: true, leadId: true } as const;

/** An answer about to open a case: what the case row and its alert take from it. */
export interface AnswerToOpen {
  teamId: number | null;
  answeredAt: Date;
  answer: LoadedCase["answer"];
  team: Omit<NonNullable<LoadedCase["team"]>, "lead"> | null;
}

/** The case `open` just inserted, as `load` would read it: every column at its default. The team's
 * lead is whoever routing looked up (null when it did not). */
export function openedCase(id: number, answerId: number, from: AnswerToOpen, openedAt: Date, lead: PersonFields | null): LoadedCase {
  return {
    id, answerId, teamId: from.teamId, state: "open", ownerId: null, routedBy: null, openedAt, claimedAt: null, claimedBy: null, resolvedAt: null,
    resolvedBy: null, actionTaken: null, outcome: null, remindedAt: null, escalatedAt: null, answer: from.answer,
    team: from.team ? { ...from.team, lead: from.team.leadId !== null ? lead : null } : null, owner: null,
  };
}

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
    return this.prisma.detractorCase.findUnique({ where: { id: caseId }, select: caseSelect });
  }

  /** What opening a case needs to know about the answer: its team and when it was given, and what
   * routing and the alert show of it (read once here, not again after the case is opened). */
  async answerToOpen(answerId: number): Promise<AnswerToOpen | null> {
    const a = await this.prisma.answer.findUnique({ where: { id: answerId }, select: { ...caseSelect.answer.select, teamId: true, team: { select: TEAM } } });
    if (!a) return null;
    const { teamId, team, ...answer } = a;
    return { teamId, answeredAt: a.answeredAt, answer, team };
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

  /**
   * Cases opened or resolved in the window, of one team or of all (core/closedLoop picks which
   * count for what): the weekly team view and the monthly report.
   */
  async loopCases(window: LoopWindow, teamId?: number): Promise<LoopCase[]> {
    const inWindow = { gte: window.from, lt: window.to };
    return this.prisma.detractorCase.findMany({
      where: { ...(teamId !== undefined ? { teamId } : {}), OR: [{ openedAt: inWindow }, { resolvedAt: inWindow }] },
      select: { openedAt: true, claimedAt: true, resolvedAt: true, outcome: true },
      orderBy: { id: "asc" },
    });
  }

  /** Cases nobody has claimed yet, with what a reminder shows. */
  async unclaimed(): Promise<LoadedCase[]> {
    return this.prisma.detractorCase.findMany({ where: { state: "open" }, select: caseSelect });
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
