// Rate-limit pauses shared by every replica (DeliveryPause rows): a 429 seen by one replica keeps
// all of them from calling into the same channel or workspace until the platform's window is over.
import type { DeliveryPause } from "../core/delivery-schedule.ts";
import type { Db } from "./database.ts";

const UNIQUE_VIOLATION = "P2002";
type PauseDb = Pick<Db, "deliveryPause">;

/** Pauses still running at `now`, soonest over first. */
export async function activePauses(prisma: PauseDb, now: Date): Promise<(DeliveryPause & { reason: string })[]> {
  return prisma.deliveryPause.findMany({ where: { until: { gt: now } }, orderBy: { until: "asc" } });
}

/** Pauses `scope` until `until` — or longer, if a pause that ends later is already there. */
export async function pauseScope(prisma: PauseDb, scope: string, until: Date, reason: string): Promise<void> {
  const data = { until, reason: reason.slice(0, 500) };
  const moved = await prisma.deliveryPause.updateMany({ where: { scope, until: { lt: until } }, data });
  if (moved.count > 0) return;
  try {
    await prisma.deliveryPause.create({ data: { scope, ...data } });
  } catch (error) {
    // There already is a pause for this scope, ending later (or set by another replica just now).
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
  }
}
