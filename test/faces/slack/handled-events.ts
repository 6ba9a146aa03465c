// When the app is done with an event Slack sent. Bolt acknowledges an Events API request before
// its listeners run, so the HTTP reply says nothing about what they did; a global middleware on
// the real app sees every listener the event reached finish. A test that checks that nothing
// (else) was posted checks it after that, instead of after a fixed wait.
import type { App } from "@slack/bolt";

export interface HandledEvents {
  /** Resolves once the event with this event_id has been handled `times` times (deliveries). */
  handled(eventId: string, times?: number, ms?: number): Promise<void>;
}

export function watchHandledEvents(bolt: App): HandledEvents {
  const counts = new Map<string, number>();
  const waiting = new Set<() => void>();
  bolt.use(async ({ body, next }) => {
    try {
      await next();
    } finally {
      const id = (body as { event_id?: unknown }).event_id;
      if (typeof id === "string") {
        counts.set(id, (counts.get(id) ?? 0) + 1);
        for (const check of waiting) check();
      }
    }
  });
  return {
    handled(eventId, times = 1, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`event ${eventId}: handled ${counts.get(eventId) ?? 0} of ${times} times after ${ms} ms`));
        }, ms);
        const check = () => {
          if ((counts.get(eventId) ?? 0) < times) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      });
    },
  };
}
