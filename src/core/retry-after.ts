// The HTTP Retry-After header (RFC 9110 §10.2.3) as milliseconds to wait, for both chat faces.

/** Retry-After is delay-seconds or an HTTP date; undefined when missing or unreadable. */
export function retryAfterMs(header: string | number | null | undefined, now = Date.now()): number | undefined {
  if (header === null || header === undefined || header === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const at = Date.parse(String(header));
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
