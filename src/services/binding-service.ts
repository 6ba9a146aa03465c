// Which chat channel gets a team's digest, stories or alerts ("/nps connect support alerts").
import { slugify } from "../core/slug.ts";
import type { Db } from "../store/database.ts";
import type { Platform } from "./outbox/deliverer.ts";

import { CHANNEL_PURPOSES as PURPOSES, type ChannelPurpose as Purpose } from "../core/nps-command.ts";

export { PURPOSES, type Purpose };

export interface Binding {
  platform: Exclude<Platform, "console">;
  channelId: string;
  teamSlug: string;
  purpose: Purpose;
}

export type BindResult =
  | { ok: true; team: { slug: string; name: string }; purposes: Purpose[]; changed: number }
  | { ok: false; reason: "unknownTeam"; teams: string[] };

export class BindingService {
  constructor(private readonly prisma: Db) {}

  /** Binds the purposes (all three when none named) of a team to a channel. Idempotent. */
  async connect(platform: Binding["platform"], channelId: string, teamName: string, purposes: Purpose[], by?: string): Promise<BindResult> {
    const team = await this.prisma.team.findUnique({ where: { slug: slugify(teamName) } });
    if (!team) return { ok: false, reason: "unknownTeam", teams: await this.teamSlugs() };
    const wanted = purposes.length > 0 ? purposes : [...PURPOSES];
    let changed = 0;
    for (const purpose of wanted) {
      const key = { platform, channelId, teamId: team.id, purpose };
      const existing = await this.prisma.channelBinding.findUnique({ where: { platform_channelId_teamId_purpose: key } });
      if (existing) continue;
      await this.prisma.channelBinding
        .create({ data: { ...key, createdBy: by ?? null } })
        .then(() => changed++)
        .catch((error: { code?: string }) => {
          if (error.code !== "P2002") throw error; // bound at the same moment by someone else
        });
    }
    return { ok: true, team: { slug: team.slug, name: team.name }, purposes: wanted, changed };
  }

  async disconnect(platform: Binding["platform"], channelId: string, teamName: string, purposes: Purpose[]): Promise<BindResult> {
    const team = await this.prisma.team.findUnique({ where: { slug: slugify(teamName) } });
    if (!team) return { ok: false, reason: "unknownTeam", teams: await this.teamSlugs() };
    const wanted = purposes.length > 0 ? purposes : [...PURPOSES];
    const removed = await this.prisma.channelBinding.deleteMany({ where: { platform, channelId, teamId: team.id, purpose: { in: wanted } } });
    return { ok: true, team: { slug: team.slug, name: team.name }, purposes: wanted, changed: removed.count };
  }

  /** Every channel bound to a team for a purpose, on every platform. */
  async channelsFor(teamId: number, purpose: Purpose): Promise<Binding[]> {
    const rows = await this.prisma.channelBinding.findMany({ where: { teamId, purpose }, include: { team: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ platform: r.platform as Binding["platform"], channelId: r.channelId, teamSlug: r.team.slug, purpose: r.purpose as Purpose }));
  }

  async forChannel(platform: Binding["platform"], channelId: string): Promise<Binding[]> {
    const rows = await this.prisma.channelBinding.findMany({ where: { platform, channelId }, include: { team: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ platform, channelId, teamSlug: r.team.slug, purpose: r.purpose as Purpose }));
  }

  /** Removes every binding of a channel (the bot was removed, the Teams app uninstalled). */
  async forgetChannel(platform: Binding["platform"], channelId: string): Promise<number> {
    return (await this.prisma.channelBinding.deleteMany({ where: { platform, channelId } })).count;
  }

  private async teamSlugs(): Promise<string[]> {
    return (await this.prisma.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((t) => t.slug);
  }
}
