// Rules for a customer's personal data: what replaces an erased text, how a customer is named in
// the audit trail without their e-mail, and when retention makes an answer anonymous. Pure.
import crypto from "node:crypto";

/** What an erased comment, story text or case note reads afterwards (the same in both languages:
 * a reader of either knows "slettet" = deleted, and one value keeps "already erased" checkable). */
export const ERASED = "[slettet]";

/** The e-mail as stored (lower case, trimmed): the only form the hash and the lookups use. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * The audit trail names a forgotten or exported customer by sha256 of the normalised e-mail: the
 * same customer gets the same hash (an auditor can see that two requests concern one person), the
 * e-mail itself is not stored. Plain sha256 is a pseudonym, not anonymous: whoever already knows an
 * address can check it against the trail — which is what a DPO answering that person needs.
 */
export function customerHash(selector: CustomerSelector): string {
  const value = "email" in selector ? `email:${normalizeEmail(selector.email)}` : `account:${selector.account.trim()}`;
  return crypto.hash("sha256", value, "hex");
}

export type CustomerSelector = { email: string } | { account: string };

const DAY_MS = 86_400_000;

/** Answers given before this are made anonymous by retention (RETENTION_DAYS). */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Operational rows (handled deliveries, sent message payloads, finished job runs) older than this go. */
export function pruneCutoff(now: Date, pruneDays: number): Date {
  return new Date(now.getTime() - pruneDays * DAY_MS);
}

/** Needles to find a customer's data inside stored JSON (an outbox payload): each value as it
 * appears inside a JSON string. Short values (a first name like "Bo") are left out: they would
 * match unrelated messages; messages about the customer are found by their case and story keys. */
export function payloadNeedles(values: (string | null | undefined)[], minLength = 5): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const t = v?.trim();
    if (t && t.length >= minLength && t !== ERASED) out.add(JSON.stringify(t).slice(1, -1));
  }
  return [...out];
}
