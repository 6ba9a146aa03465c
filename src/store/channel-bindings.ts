// Which chat channel gets a team's digest, stories or alerts (table ChannelBinding): one row per
// platform, channel, team and purpose.
import type { ChannelPurpose } from "../core/nps-command.ts";
import type { Db } from "./database.ts";

export type BindingPlatform = "slack" | "teams";

export interface BindingRecord {
  platform: BindingPlatform;
  channelId: string;
  teamId: number;
  teamSlug: string;
  purpose: ChannelPurpose;
}

const withTeam = (r: { platform: string; channelId: string; teamId: number; purpose: string; team: { slug: string } }): BindingRecord => ({
  platform: r.platform as BindingPlatform,
  channelId: r.channelId,
  teamId: r.teamId,
  teamSlug: r.team.slug,
  purpose: r.purpose as ChannelPurpose,
});

export class ChannelBindingStore {
  constructor(private readonly prisma: Db) {}

  /** Binds one purpose; false when the channel already had it (also when bound at this moment elsewhere). */
  async add(binding: { platform: BindingPlatform; channelId: string; teamId: number; purpose: ChannelPurpose }, by: string | null): Promise<boolean> {
    const existing = await this.prisma.channelBinding.findUnique({ where: { platform_channelId_teamId_purpose: binding }, select: { id: true } });
    if (existing) return false;
    return this.prisma.channelBinding
      .create({ data: { ...binding, createdBy: by }, select: { id: true } })
      .then(() => true)
      .catch((error: { code?: string }) => {
        if (error.code !== "P2002") throw error; // bound at the same moment by someone else
        return false;
      });
  }

  /** Unbinds these purposes of a team from a channel; how many were bound. */
  async remove(platform: BindingPlatform, channelId: string, teamId: number, purposes: ChannelPurpose[]): Promise<number> {
    return (await this.prisma.channelBinding.deleteMany({ where: { platform, channelId, teamId, purpose: { in: purposes } } })).count;
  }

  /** Every channel bound to a team for a purpose, oldest binding first. */
  async forTeam(teamId: number, purpose: ChannelPurpose): Promise<BindingRecord[]> {
    return (await this.prisma.channelBinding.findMany({ where: { teamId, purpose }, include: { team: { select: { slug: true } } }, orderBy: { id: "asc" } })).map(withTeam);
  }

  /** forTeam without the team's slug: only where to post (routing an alert), one query. */
  async placesForTeam(teamId: number, purpose: ChannelPurpose): Promise<{ platform: BindingPlatform; channelId: string }[]> {
    const rows = await this.prisma.channelBinding.findMany({ where: { teamId, purpose }, select: { platform: true, channelId: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ platform: r.platform as BindingPlatform, channelId: r.channelId }));
  }

  /** Every channel bound for a purpose, to any team, oldest binding first. */
  async forPurpose(purpose: ChannelPurpose): Promise<BindingRecord[]> {
    return (await this.prisma.channelBinding.findMany({ where: { purpose }, include: { team: { select: { slug: true } } }, orderBy: { id: "asc" } })).map(withTeam);
  }

  async forChannel(platform: BindingPlatform, channelId: string): Promise<BindingRecord[]> {
    return (await this.prisma.channelBinding.findMany({ where: { platform, channelId }, include: { team: { select: { slug: true } } }, orderBy: { id: "asc" } })).map(withTeam);
  }

  /** Removes every binding of a channel; how many there were. */
  async forgetChannel(platform: BindingPlatform, channelId: string): Promise<number> {
    return (await this.prisma.channelBinding.deleteMany({ where: { platform, channelId } })).count;
  }
}
