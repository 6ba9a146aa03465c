// The audit trail: one row per action that changes who sees or owns what, or touches a customer's
// personal data, allowed or refused. Rows are only ever added; they carry no customer personal
// data (callers pass ids and hashes, never names, e-mails or comments).
import type { Db } from "./database.ts";

export type AuditPlatform = "slack" | "teams" | "console" | "cli" | "api" | "system";

/** Who acted: a chat user, the CLI's operator, an API client, or Kundepuls itself. */
export interface AuditActor {
  platform: AuditPlatform;
  userId: string | null;
  name: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  /** dotted verb, e.g. "case.claim", "goal.set", "customer.forget" */
  action: string;
  objectType: "case" | "team" | "person" | "customer" | "channel" | "answers";
  objectId: string | number | null;
  teamId?: number | null;
  allowed: boolean;
  /** small JSON-able facts: what changed, or why it was refused */
  detail?: Record<string, unknown> | null;
}

export interface AuditRow extends AuditEntry {
  id: number;
  at: Date;
  objectId: string | null;
  teamId: number | null;
  detail: Record<string, unknown> | null;
}

export interface AuditFilter {
  since?: Date;
  teamId?: number;
  limit?: number;
}

export const SYSTEM_ACTOR: AuditActor = { platform: "system", userId: null, name: "Kundepuls" };

export class AuditStore {
  /** the client, or a transaction's (an entry recorded with the change it describes) */
  constructor(private readonly prisma: Pick<Db, "auditEvent">) {}

  async record(entry: AuditEntry, now: Date = new Date()): Promise<void> {
    await this.prisma.auditEvent.create({ data: toRow(entry, now) });
  }

  async recordMany(entries: AuditEntry[], now: Date = new Date()): Promise<void> {
    if (entries.length > 0) await this.prisma.auditEvent.createMany({ data: entries.map((e) => toRow(e, now)) });
  }

  /** Oldest first, so a reader follows what happened in order. */
  async list(filter: AuditFilter = {}): Promise<AuditRow[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...(filter.since ? { at: { gte: filter.since } } : {}),
        ...(filter.teamId !== undefined ? { teamId: filter.teamId } : {}),
      },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      ...(filter.limit ? { take: filter.limit } : {}),
    });
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { platform: r.actorPlatform as AuditPlatform, userId: r.actorUserId, name: r.actorName },
      action: r.action,
      objectType: r.objectType as AuditEntry["objectType"],
      objectId: r.objectId,
      teamId: r.teamId,
      allowed: r.allowed,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
    }));
  }
}

function toRow(entry: AuditEntry, now: Date) {
  return {
    at: now,
    actorPlatform: entry.actor.platform,
    actorUserId: entry.actor.userId,
    actorName: entry.actor.name,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === null ? null : String(entry.objectId),
    teamId: entry.teamId ?? null,
    allowed: entry.allowed,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
}
