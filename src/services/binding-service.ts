// Which chat channel gets a team's digest, stories or alerts ("/nps connect support alerts").
import { slugify } from "../core/slug.ts";
import type { Platform } from "../core/platform.ts";
import type { BindResult } from "../messages/binding.ts";
import type { ChannelBindingStore } from "../store/channel-bindings.ts";
import type { TeamStore } from "../store/teams.ts";

import { CHANNEL_PURPOSES as PURPOSES, type ChannelPurpose as Purpose } from "../core/nps-command.ts";

export { PURPOSES, type Purpose, type BindResult };

export interface Binding {
  platform: Exclude<Platform, "console">;
  channelId: string;
  teamSlug: string;
  purpose: Purpose;
}

export class BindingService {
  constructor(private readonly store: { bindings: ChannelBindingStore; teams: TeamStore }) {}

  /** Binds the purposes (all three when none named) of a team to a channel. Idempotent. */
  async connect(platform: Binding["platform"], channelId: string, teamName: string, purposes: Purpose[], by?: string): Promise<BindResult> {
    const team = await this.store.teams.bySlug(slugify(teamName));
    if (!team) return { ok: false, reason: "unknownTeam", teams: await this.store.teams.slugs() };
    const wanted = purposes.length > 0 ? purposes : [...PURPOSES];
    let changed = 0;
    for (const purpose of wanted) if (await this.store.bindings.add({ platform, channelId, teamId: team.id, purpose }, by ?? null)) changed++;
    return { ok: true, team: { slug: team.slug, name: team.name }, purposes: wanted, changed };
  }

  async disconnect(platform: Binding["platform"], channelId: string, teamName: string, purposes: Purpose[]): Promise<BindResult> {
    const team = await this.store.teams.bySlug(slugify(teamName));
    if (!team) return { ok: false, reason: "unknownTeam", teams: await this.store.teams.slugs() };
    const wanted = purposes.length > 0 ? purposes : [...PURPOSES];
    const removed = await this.store.bindings.remove(platform, channelId, team.id, wanted);
    return { ok: true, team: { slug: team.slug, name: team.name }, purposes: wanted, changed: removed };
  }

  /** Every channel bound to a team for a purpose, on every platform. */
  async channelsFor(teamId: number, purpose: Purpose): Promise<Binding[]> {
    return (await this.store.bindings.forTeam(teamId, purpose)).map(({ platform, channelId, teamSlug, purpose }) => ({ platform, channelId, teamSlug, purpose }));
  }

  /** channelsFor, only where to post (a case's alert channels). */
  async placesFor(teamId: number, purpose: Purpose): Promise<Pick<Binding, "platform" | "channelId">[]> {
    return this.store.bindings.placesForTeam(teamId, purpose);
  }

  async forChannel(platform: Binding["platform"], channelId: string): Promise<Binding[]> {
    return (await this.store.bindings.forChannel(platform, channelId)).map((r) => ({ platform, channelId, teamSlug: r.teamSlug, purpose: r.purpose }));
  }

  /** Removes every binding of a channel (the bot was removed, the Teams app uninstalled). */
  async forgetChannel(platform: Binding["platform"], channelId: string): Promise<number> {
    return this.store.bindings.forgetChannel(platform, channelId);
  }

  /** Every channel bound for a purpose, to any team (the story channels). */
  async channelsForPurpose(purpose: Purpose): Promise<(Binding & { teamId: number })[]> {
    return this.store.bindings.forPurpose(purpose);
  }
}
