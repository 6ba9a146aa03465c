// What the themes of a period are read from: the comments of its answers, the names of the people
// Kundepuls knows (never a theme), and the company's aliases ("regning" counted as "faktura").
import type { Db } from "./database.ts";

export interface ThemeAliasRow {
  term: string;
  canonical: string;
}

export interface PeriodComment {
  score: number;
  comment: string;
  language: string | null;
  customerName: string | null;
}

export interface CommentFilter {
  from: Date;
  /** exclusive */
  to: Date;
  /** one team's answers; all when absent */
  teamId?: number;
}

export class ThemeStore {
  constructor(private readonly prisma: Db) {}

  /** Answers with a comment in [from, to), oldest first (then by id, so the order is stable). */
  async periodComments(filter: CommentFilter): Promise<PeriodComment[]> {
    const rows = await this.prisma.answer.findMany({
      where: {
        answeredAt: { gte: filter.from, lt: filter.to },
        comment: { not: null },
        ...(filter.teamId !== undefined ? { teamId: filter.teamId } : {}),
      },
      select: { score: true, comment: true, language: true, customerName: true },
      orderBy: [{ answeredAt: "asc" }, { id: "asc" }],
    });
    return rows.filter((r): r is PeriodComment => r.comment !== null && r.comment.trim() !== "");
  }

  /** Names of the people Kundepuls knows (employees), so they never become a theme. */
  async knownNames(): Promise<string[]> {
    const rows = await this.prisma.person.findMany({ where: { name: { not: null } }, select: { name: true }, orderBy: { id: "asc" } });
    return rows.map((r) => r.name!).filter((n) => n.trim() !== "");
  }

  /** Adds or changes an alias; returns the canonical word it had before, if any. */
  async setAlias(term: string, canonical: string): Promise<string | null> {
    const before = await this.prisma.themeAlias.findUnique({ where: { term }, select: { canonical: true } });
    await this.prisma.themeAlias.upsert({ where: { term }, create: { term, canonical }, update: { canonical } });
    return before?.canonical ?? null;
  }

  /** Whether there was an alias to remove. */
  async removeAlias(term: string): Promise<boolean> {
    const { count } = await this.prisma.themeAlias.deleteMany({ where: { term } });
    return count > 0;
  }

  async aliases(): Promise<ThemeAliasRow[]> {
    return this.prisma.themeAlias.findMany({ select: { term: true, canonical: true }, orderBy: { term: "asc" } });
  }
}
