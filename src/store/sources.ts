// Sources (issue 15) in the database, so every replica has them, and their daily status:
// answers received and refusals (with the last reason) per local day.
import type { Mapping, SourceKind } from "../core/survey-sources.ts";
import type { Db } from "./database.ts";

export interface SourceConfig {
  name: string;
  kind: SourceKind;
  verify: string;
  secretEnv: string | null;
  tokenEnv: string | null;
  apiUrl: string | null;
  surveyId: string | null;
  mappings: Mapping;
  team: string | null;
  touchpoint: string | null;
  pollMinutes: number | null;
}

export interface SourceRow extends SourceConfig {
  pollCursor: Date | null;
  pollFailures: number;
  pollRetryAt: Date | null;
  pollError: string | null;
  lastAnswerAt: Date | null;
}

export interface SourceStatus {
  answersToday: number;
  refusalsToday: number;
  lastRefusal: string | null;
}

type Row = Awaited<ReturnType<Db["source"]["findFirstOrThrow"]>>;

function fromRow(row: Row): SourceRow {
  const { id: _id, createdAt: _c, updatedAt: _u, mappings, kind, ...rest } = row;
  return { ...rest, kind: kind as SourceKind, mappings: JSON.parse(mappings) as Mapping };
}

export class SourceStore {
  constructor(private readonly prisma: Db) {}

  /** Adds the source, or replaces its settings (its status and pull cursor stay). Returns whether it was new. */
  async save(config: SourceConfig): Promise<boolean> {
    const data = { ...config, mappings: JSON.stringify(config.mappings) };
    const existing = await this.prisma.source.findUnique({ where: { name: config.name }, select: { id: true } });
    await this.prisma.source.upsert({ where: { name: config.name }, create: data, update: data });
    return !existing;
  }

  async find(name: string): Promise<SourceRow | null> {
    const row = await this.prisma.source.findUnique({ where: { name } });
    return row ? fromRow(row) : null;
  }

  async list(): Promise<SourceRow[]> {
    return (await this.prisma.source.findMany({ orderBy: { name: "asc" } })).map(fromRow);
  }

  async pollable(): Promise<SourceRow[]> {
    return (await this.prisma.source.findMany({ where: { pollMinutes: { not: null } }, orderBy: { name: "asc" } })).map(fromRow);
  }

  async remove(name: string): Promise<boolean> {
    const gone = await this.prisma.source.deleteMany({ where: { name } });
    await this.prisma.sourceDay.deleteMany({ where: { source: name } });
    return gone.count > 0;
  }

  async status(name: string, day: string): Promise<SourceStatus> {
    const row = await this.prisma.sourceDay.findUnique({ where: { source_day: { source: name, day } } });
    return { answersToday: row?.answers ?? 0, refusalsToday: row?.refusals ?? 0, lastRefusal: row?.lastRefusal ?? null };
  }

  async countAnswers(name: string, day: string, n: number, now: Date): Promise<void> {
    if (n === 0) return;
    await this.bumpDay(name, day, { answers: { increment: n } }, { answers: n });
    await this.prisma.source.updateMany({ where: { name }, data: { lastAnswerAt: now } });
  }

  /** `reason` must hold no personal data (it is shown and logged). */
  async countRefusal(name: string, day: string, reason: string, now: Date): Promise<void> {
    await this.bumpDay(name, day, { refusals: { increment: 1 }, lastRefusal: reason, lastRefusalAt: now }, { refusals: 1, lastRefusal: reason, lastRefusalAt: now });
  }

  private async bumpDay(source: string, day: string, update: object, create: object): Promise<void> {
    const where = { source_day: { source, day } };
    try {
      await this.prisma.sourceDay.upsert({ where, update, create: { source, day, ...create } });
    } catch (error) {
      // Two replicas created the day's row at once: the other's row exists now, so update it.
      if ((error as { code?: string }).code !== "P2002") throw error;
      await this.prisma.sourceDay.update({ where, data: update });
    }
  }

  async pollSucceeded(name: string, cursor: Date | null): Promise<void> {
    await this.prisma.source.updateMany({ where: { name }, data: { ...(cursor ? { pollCursor: cursor } : {}), pollFailures: 0, pollRetryAt: null, pollError: null } });
  }

  async pollFailed(name: string, failures: number, retryAt: Date, error: string): Promise<void> {
    await this.prisma.source.updateMany({ where: { name }, data: { pollFailures: failures, pollRetryAt: retryAt, pollError: error } });
  }
}
