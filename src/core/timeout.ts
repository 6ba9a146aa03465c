// A call to another system bounded in time: a chat platform that waits only seconds for our answer
// (Slack's users.info, Teams' roster and updateActivity), a readiness probe that must not hang.

/**
 * The work's result, or a rejection after `ms` naming `what`. The work itself goes on (its late
 * result is ignored); Promise.race subscribes to it, so a late failure is never unhandled.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
