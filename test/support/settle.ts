// For tests that check that something did NOT happen. Waiting a fixed time proves nothing (the
// event may come later) and slows the suite; instead wait for the point after which it would
// certainly have happened.

/** Resolves once every promise callback already due has run: they all run before the next turn
 * of the event loop. Work that needs no timer or I/O to go on has then gone as far as it can. */
export function promisesSettled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
