// Slack's per-channel rate limit for the fake Slack: a call opens a window of N seconds in which
// every matching call is answered 429 with the Retry-After left, and recorded as an intruder.
import type { ApiCall } from "./fake-slack.ts";

/** A 429 window: opened by the first matching call at `start`, over at `end`. */
export interface RateWindow {
  method: string;
  channel?: string;
  seconds: number;
  start?: number;
  end?: number;
  /** calls that came while it was open (the opener not counted) */
  intruders: ApiCall[];
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function rateWindows() {
  const windows: RateWindow[] = [];
  return {
    open({ method = "chat.postMessage", channel, seconds }: { method?: string; channel?: string; seconds: number }): RateWindow {
      const w: RateWindow = { method, ...(channel ? { channel } : {}), seconds, intruders: [] };
      windows.push(w);
      return w;
    },
    /** the 429 a call gets from an open (or opening) window, if any */
    answer(call: ApiCall): Answer | undefined {
      const w = windows.find((x) => x.method === call.method && (!x.channel || x.channel === call.body.channel) && (x.end === undefined || call.at < x.end));
      if (!w) return undefined;
      if (w.start === undefined) {
        w.start = call.at;
        w.end = call.at + w.seconds * 1000;
      } else {
        w.intruders.push(call);
      }
      const left = Math.max(1, Math.ceil((w.end! - call.at) / 1000));
      return { status: 429, headers: { "retry-after": String(left) }, body: { ok: false, error: "ratelimited" } };
    },
    clear() {
      windows.length = 0;
    },
  };
}
