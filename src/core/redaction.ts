/**
 * Removes personal data from customer comments before they are shown to a team
 * or posted as a story: e-mail addresses, phone numbers, CPR numbers, links that
 * carry tokens or personal data, bank account (IBAN) and payment card numbers, and the
 * customer's own name. E-mail addresses written to dodge filters ("navn[at]firma.dk",
 * "navn (at) firma.dk") count as e-mail; bidirectional control characters (which can make a
 * shown text read differently from what it is) are removed.
 *
 * All candidate spans are collected on the original text first and then chosen
 * by priority (link > e-mail > IBAN/card > date/year range > CPR > phone > name), so one
 * rule never rewrites the output of another (a phone rule must not see the
 * digits of a kept URL, a name rule must not eat "jens" out of an e-mail).
 */
import type { Lang } from "./language.ts";

export type RedactionKind = "email" | "phone" | "cpr" | "url" | "name" | "iban" | "card";

export interface RedactOptions {
  customerName?: string | null;
  /** the customer consented to being named */
  keepName?: boolean;
  /** language of the placeholder words; default "da" */
  lang?: Lang;
}

export interface RedactResult {
  text: string;
  /** only kinds that occurred, in the order of KINDS */
  redactions: { kind: RedactionKind; count: number }[];
}

const KINDS: RedactionKind[] = ["email", "phone", "cpr", "url", "name", "iban", "card"];

/**
 * What stands where something was removed. Round brackets and plain words: no platform reads
 * them as markup, so they need no escaping (Teams showed "[telefonnummer]" as "\[telefonnummer\]").
 */
export const PLACEHOLDERS: Record<Lang, Record<RedactionKind, string>> = {
  da: { email: "(e-mail fjernet)", phone: "(telefonnummer fjernet)", cpr: "(CPR-nummer fjernet)", url: "(link fjernet)", name: "(navn fjernet)", iban: "(kontonummer fjernet)", card: "(kortnummer fjernet)" },
  en: { email: "(e-mail removed)", phone: "(phone number removed)", cpr: "(CPR number removed)", url: "(link removed)", name: "(name removed)", iban: "(account number removed)", card: "(card number removed)" },
};

/** A span to replace (kind) or to protect from lower-priority rules (kind null). */
interface Span {
  start: number;
  end: number;
  kind: RedactionKind | null;
}

// Digits glued to letters ("ABC12345678") are references, not phone numbers; "+" is
// excluded so the international rule is the only one that starts at a "+".
const NUM_START = "(?<![\\p{L}\\p{N}+])";
const NUM_END = "(?![\\p{N}]|[.,]\\p{N})";

const URL_RE = /(?<![\p{L}\p{N}@.\/])(?:https?:\/\/|www\.)[^\s<>"'«»]+/giu;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/gu;
// "navn[at]firma.dk", "navn (at) firma (dot) dk", "navn [snabel-a] firma.dk": written to slip past filters.
const AT = String.raw`\s*[\[(]\s*(?:at|snabel-?a)\s*[\])]\s*`;
const DOT = String.raw`(?:\.|\s*[\[(]\s*(?:dot|punktum)\s*[\])]\s*)`;
const OBFUSCATED_EMAIL_RE = new RegExp(String.raw`[\p{L}\p{N}._%+-]+${AT}(?:[\p{L}\p{N}-]+${DOT})+\p{L}{2,}`, "giu");
// IBAN: country, check digits, 11–30 letters/digits, in groups of four or not; mod-97 checked.
const IBAN_RE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/gu;
// Payment cards: 13–19 digits, in groups or not; Luhn checked, so most order numbers survive.
const CARD_RE = /(?<![\p{L}\p{N}+])\d(?:[ -]?\d){12,18}(?![\p{N}]|[.,]\p{N})/gu;
// Bidirectional controls (embeddings, overrides, isolates, marks): removed before anything else.
const BIDI_RE = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

// Dates (dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd) and year ranges ("2025-2026")
// look like phone numbers to a digit counter; they are protected, never redacted.
const DATE_RE = new RegExp(
  `${NUM_START}(?:\\d{1,2}([-./])\\d{1,2}\\1(?:19|20)\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}|(?:19|20)\\d{2} ?[-–/] ?(?:19|20)\\d{2})${NUM_END}`,
  "gu",
);
// ddmmyy-xxxx or ddmmyyxxxx with a plausible day and month (the modulus-11 check was
// dropped in 2007, so it cannot be used to reject numbers).
const CPR_RE = new RegExp(`${NUM_START}(?:0[1-9]|[12]\\d|3[01])(?:0[1-9]|1[0-2])\\d{2}[- ]?\\d{4}${NUM_END}`, "gu");
// Danish numbers: 8 digits as 12345678, 12 34 56 78 (one separator used throughout) or 1234 5678.
const DK_PHONE_RE = new RegExp(
  `${NUM_START}(?:(?:\\+|00)45[ .-]?)?(?:\\d{2}([ .-]?)\\d{2}\\1\\d{2}\\1\\d{2}|\\d{4}[ -]\\d{4})${NUM_END}`,
  "gu",
);
// Other countries: +cc or 00cc, an optional "(415)", then digit groups; 8–15 digits in all.
// Later groups need two digits so a trailing " 2 gange" is not swallowed.
const INTL_PHONE_RE = new RegExp(
  `${NUM_START}(?:\\+|00)(?!45)\\d{1,3}(?:[ .-]?\\(\\d{1,4}\\))?[ .-]?\\d+(?:[ .-]\\d{2,})*${NUM_END}`,
  "gu",
);

/** Readable path words ("om-os", "black-friday-2026") versus opaque tokens. */
function looksLikeToken(segment: string): boolean {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(segment)) return false;
  if (segment !== segment.toLowerCase()) return true; // mixed case: base64-ish
  // A slug's pieces are words or short numbers (years); "a8f3" or "123456789" are not.
  return !segment.split(/[-_]/).every((piece) => /^[a-z]*$/.test(piece) || /^\d{1,4}$/.test(piece));
}

/** Whether a link may carry personal data or access tokens, and so must go. */
function urlIsSensitive(url: string, names: RegExp[]): boolean {
  if (/[?#]./.test(url) || url.includes("@")) return true;
  const path = url.replace(/^(?:https?:\/\/)?[^/]*/i, "");
  if (path.split("/").some(looksLikeToken)) return true;
  return names.some((re) => url.search(re) >= 0); // search ignores lastIndex of a /g regex
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Name parts that are everyday words are matched only as written in the name
// ("Have" as a surname, not "vil gerne have"); the full name still matches in any case.
export const COMMON_WORDS = new Set([
  "and", "the", "for", "med", "til", "fra", "har", "have", "kan", "man", "mand", "god", "glad",
  "lille", "store", "skov", "lund", "bager", "smed", "holm", "berg", "dal", "mark", "hvid", "sort",
  "bonde", "kok", "hans", "per", "max", "frank", "may", "will", "rose", "love", "king", "young", "hope", "bill", "sun",
]);

/**
 * Matches the full name and each part of ≥ 3 letters as whole words. \b knows
 * nothing of æøå, so word edges are lookarounds on \p{L}; a genitive "s" / "'s"
 * is part of the match ("Sørens ordre" → "[navn] ordre").
 */
function nameRegexes(name: string): RegExp[] {
  const clean = name.normalize("NFC").trim().replace(/\s+/g, " ");
  if (clean === "") return [];
  const parts = new Set<string>();
  for (const word of clean.split(" ")) {
    for (const p of [word, ...word.split("-")]) if (p.replace(/[^\p{L}]/gu, "").length >= 3) parts.add(p);
  }
  const full = clean.split(" ").map(escapeRe).join("\\s+");
  const wrap = (alts: string[], flags: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})(?:s|['’]s)?(?![\\p{L}\\p{N}])`, flags);
  const sorted = [...parts].sort((a, b) => b.length - a.length);
  const loose = [full, ...sorted.filter((p) => !COMMON_WORDS.has(p.toLowerCase())).map(escapeRe)];
  const strict = sorted.filter((p) => COMMON_WORDS.has(p.toLowerCase())).map(escapeRe);
  return [wrap(loose, "giu"), ...(strict.length ? [wrap(strict, "gu")] : [])];
}

function collect(re: RegExp, text: string, kind: RedactionKind | null, keep = (_match: string) => true): Span[] {
  return [...text.matchAll(re)]
    .filter((m) => keep(m[0]))
    .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind }));
}

function trimUrl(span: Span, text: string): Span {
  // Sentence punctuation after a link belongs to the sentence, not the link.
  let end = span.end;
  while (end > span.start && /[.,;:!?)\]}'"]/.test(text[end - 1] ?? "")) end--;
  return { ...span, end };
}

export function redact(input: string, opts: RedactOptions = {}): RedactResult {
  const text = input.normalize("NFC").replace(BIDI_RE, ""); // a decomposed "ø" must still match the name
  const lang = opts.lang ?? "da";
  const names = opts.customerName && !opts.keepName ? nameRegexes(opts.customerName) : [];

  const urls = collect(URL_RE, text, null).map((s) => trimUrl(s, text));
  for (const s of urls) s.kind = urlIsSensitive(text.slice(s.start, s.end), names) ? "url" : null;

  // Highest priority first; a span is taken only if it overlaps nothing taken before.
  const tiers: Span[][] = [
    urls,
    [...collect(EMAIL_RE, text, "email"), ...collect(OBFUSCATED_EMAIL_RE, text, "email")],
    [...collect(IBAN_RE, text, "iban", ibanChecks), ...collect(CARD_RE, text, "card", luhnChecks)],
    collect(DATE_RE, text, null, (m) => !isPhoneNotYears(m)),
    collect(CPR_RE, text, "cpr"),
    [...collect(DK_PHONE_RE, text, "phone"), ...collect(INTL_PHONE_RE, text, "phone", e164)],
    names.flatMap((re) => collect(re, text, "name")),
  ];
  const taken: Span[] = [];
  for (const tier of tiers) {
    // Within a tier, earliest then longest wins (the DK and international rules may overlap).
    tier.sort((a, b) => a.start - b.start || b.end - a.end);
    const fresh: Span[] = [];
    for (const s of tier) {
      if (s.end > s.start && ![...taken, ...fresh].some((t) => s.start < t.end && t.start < s.end)) fresh.push(s);
    }
    taken.push(...fresh);
  }

  const replaced = mergeNames(taken.filter((s) => s.kind !== null).sort((a, b) => a.start - b.start), text);
  const counts = new Map<RedactionKind, number>();
  let out = "";
  let at = 0;
  for (const s of replaced) {
    const kind = s.kind as RedactionKind;
    out += text.slice(at, s.start) + PLACEHOLDERS[lang][kind];
    at = s.end;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  out += text.slice(at);
  return { text: out, redactions: KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! })) };
}

/** ISO 13616: the IBAN rotated by four characters, letters as 10–35, is 1 modulo 97. */
function ibanChecks(match: string): boolean {
  const iban = match.replace(/ /g, "");
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** The Luhn check digit every payment card number carries (13–19 digits). */
function luhnChecks(match: string): boolean {
  const digits = match.replace(/\D/g, "");
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Phone numbers have 8–15 digits (E.164); a shorter "+12 34" is something else. */
function e164(match: string): boolean {
  const digits = match.replace(/\D/g, "").length;
  return digits >= 8 && digits <= 15;
}

/**
 * "2025-2026" is a span of years, "2012-2034" more likely a mobile number: only
 * ranges running forward by at most ten years are protected as years.
 */
function isPhoneNotYears(match: string): boolean {
  const m = /^((?:19|20)\d{2}) ?[-–/] ?((?:19|20)\d{2})$/.exec(match);
  if (!m) return false;
  const diff = Number(m[2]) - Number(m[1]);
  return diff < 1 || diff > 10;
}

/** "Jens Peter Hansen" written as "Jens Hansen" gives two part matches: show one [navn]. */
function mergeNames(spans: Span[], text: string): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.kind === "name" && s.kind === "name" && /^[\s-]*$/.test(text.slice(last.end, s.start))) {
      last.end = s.end;
    } else {
      out.push({ ...s });
    }
  }
  return out;
}
