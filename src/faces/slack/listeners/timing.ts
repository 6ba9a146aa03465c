// Slack waits 3 seconds for an acknowledgement. This keeps slow work from breaking that (a call
// bounded in time is core/timeout.ts).

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
