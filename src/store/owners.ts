// Who owns a B2B account or a touchpoint (tables Account, Touchpoint): the first choice when a
// detractor case is routed. Set by `kundepuls owner` and the demo data.
import type { Db } from "./database.ts";

export class OwnershipStore {
  constructor(private readonly prisma: Db) {}

  async accountOwnerId(account: string): Promise<number | null> {
    const row = await this.prisma.account.findUnique({ where: { name: account }, select: { ownerId: true } });
    return row?.ownerId ?? null;
  }

  /** Creates the account when it is new. */
  async setAccountOwner(account: string, ownerId: number): Promise<void> {
    await this.prisma.account.upsert({ where: { name: account }, create: { name: account, ownerId }, update: { ownerId } });
  }

  /** Creates the touchpoint when it is new. */
  async setTouchpointOwner(touchpoint: string, ownerId: number): Promise<void> {
    await this.prisma.touchpoint.upsert({ where: { name: touchpoint }, create: { name: touchpoint, ownerId }, update: { ownerId } });
  }
}
