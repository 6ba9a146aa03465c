// Slack waits 3 seconds for an acknowledgement. These helpers keep slow work from breaking that.

export type Settled<T> = { settled: true; value: T } | { settled: false };

/** Waits for `work` at most `ms`; a rejection within the window is thrown here. */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Settled<T> => ({ settled: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or an error after `ms` (the work itself goes on, its result is ignored). */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  const early = await settleWithin(work, ms);
  if (!early.settled) {
    work.catch(() => {}); // a late failure must not become an unhandled rejection
    throw new Error(`${what} took longer than ${ms} ms`);
  }
  return early.value;
}
