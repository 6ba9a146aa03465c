// Customer stories (table Story): promoter comments and stories employees submit, stored redacted,
// read back for the posting plan and marked when posted. Also the promoter answers the digest
// quotes from, which are chosen by the same rules.
import { PROMOTER_MIN } from "../core/nps.ts";
import type { Db } from "./database.ts";

/** What deciding on a promoter story needs from its answer. */
export interface StoryAnswer {
  id: number;
  score: number;
  comment: string | null;
  consentToShare: boolean;
  customerName: string | null;
  teamId: number | null;
  touchpointId: number | null;
  answeredAt: Date;
}

/** A stored story with its team and touchpoint, as the posting plan reads it. */
export interface StoryRecord {
  id: number;
  /** the promoter answer it came from; null for a story an employee submitted */
  answerId: number | null;
  kind: string;
  text: string;
  score: number | null;
  attribution: string | null;
  submittedBy: string | null;
  createdAt: Date;
  postedAt: Date | null;
  team: { slug: string; name: string } | null;
  touchpoint: string | null;
}

const ANSWER = { id: true, score: true, comment: true, consentToShare: true, customerName: true, teamId: true, touchpointId: true, answeredAt: true } as const;

export class StoryStore {
  constructor(private readonly prisma: Db) {}

  async answer(answerId: number): Promise<StoryAnswer | null> {
    return this.prisma.answer.findUnique({ where: { id: answerId }, select: ANSWER });
  }

  /** The answer's story (one per answer, ever); false when it already has one. */
  async addPromoterStory(story: { answerId: number; text: string; score: number; teamId: number | null; touchpointId: number | null; attribution: string | null; createdAt: Date }): Promise<boolean> {
    return this.prisma.story
      .create({ data: { ...story, kind: "promoter" }, select: { id: true } })
      .then(() => true)
      .catch((error: { code?: string }) => {
        if (error.code !== "P2002") throw error; // the answer already has its story
        return false;
      });
  }

  async addEmployeeStory(story: { text: string; teamId: number | null; attribution: string | null; submittedBy: string; createdAt: Date }): Promise<void> {
    await this.prisma.story.create({ data: { ...story, kind: "employee" }, select: { id: true } });
  }

  /** Stories created since `since` (of one team, or all), except those whose text is `erased`, oldest first. */
  async createdSince(since: Date, teamId: number | null, erased: string): Promise<StoryRecord[]> {
    const rows = await this.prisma.story.findMany({
      where: { createdAt: { gte: since }, text: { not: erased }, ...(teamId !== null ? { teamId } : {}) },
      include: { team: { select: { slug: true, name: true } }, touchpoint: { select: { name: true } } },
      orderBy: { id: "asc" },
    });
    return rows.map((s) => ({
      id: s.id, answerId: s.answerId, kind: s.kind, text: s.text, score: s.score, attribution: s.attribution, submittedBy: s.submittedBy, createdAt: s.createdAt, postedAt: s.postedAt,
      team: s.team, touchpoint: s.touchpoint?.name ?? null,
    }));
  }

  /** Marks a story posted the first time it is queued. */
  async markPosted(storyId: number, now: Date): Promise<void> {
    await this.prisma.story.updateMany({ where: { id: storyId, postedAt: null }, data: { postedAt: now } });
  }

  /** A team's promoter answers with a comment given in [from, to), newest first, at most 200: the digest's quote candidates. */
  async promoterComments(teamId: number, from: Date, to: Date): Promise<(StoryAnswer & { touchpoint: string | null })[]> {
    const rows = await this.prisma.answer.findMany({
      where: { teamId, answeredAt: { gte: from, lt: to }, score: { gte: PROMOTER_MIN }, comment: { not: null } },
      select: { ...ANSWER, touchpoint: { select: { name: true } } },
      take: 200,
      orderBy: { answeredAt: "desc" },
    });
    return rows.map(({ touchpoint, ...a }) => ({ ...a, touchpoint: touchpoint?.name ?? null }));
  }
}
