// Teams waits only seconds for the answer to a card click, and the answer goes back when the
// whole turn is done: calls made during a turn (roster look-ups, updating the message, the note)
// are bounded, so a slow or throttling connector costs the extra, never the click itself.

/** The work's result, or a rejection after `ms`. The work goes on; a late failure is not unhandled. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  // Promise.race subscribes to `work`, so its rejection after the timeout is handled (and ignored)
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
