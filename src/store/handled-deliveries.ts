// Deliveries a chat platform may send more than once (a Slack event re-sent after a timeout, or
// received by several replicas): the first to record its key handles it (table HandledDelivery).
import type { Db } from "./database.ts";

export class HandledDeliveryStore {
  constructor(private readonly prisma: Db) {}

  /** Records the key; true the first time it is seen anywhere, false ever after. */
  async firstTime(key: string): Promise<boolean> {
    try {
      await this.prisma.handledDelivery.create({ data: { key }, select: { key: true } });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      return false;
    }
  }
}
