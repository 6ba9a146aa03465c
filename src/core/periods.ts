/**
 * What people type ("sidste måned", "Q3 2026", "2026-10-01..2026-10-15") →
 * a half-open interval [from, to) of local calendar days in a time zone.
 *
 * Everything is computed on whole civil days (days since 1970-01-01) and only
 * turned into instants at the end via zonedMidnight, so DST days (23 h / 25 h)
 * need no special cases.
 */
import { fittingPeriodExamples } from "./period-examples.ts";
import type { Lang, Texts } from "./language.ts";
import { civilFromDays, daysFromCivil, isoWeekdayOfDays, zonedMidnight, zonedParts } from "./timezone.ts";

export interface Period {
  from: Date;
  to: Date;
  kind: "day" | "week" | "month" | "quarter" | "year" | "days" | "range";
  label: Texts;
}

export type ParseResult = { ok: true; period: Period } | { ok: false; error: Texts };

export interface TrendBucket {
  from: Date;
  to: Date;
  /** "2026-11" / "2026-W47": the bucket's key (JSON output keeps it) */
  label: string;
  /** what a person reads on a chart: "nov" / "Nov", "uge 47" / "wk 47" */
  short: Texts;
  /** the bucket has begun but not ended: its figure is so far */
  partial: boolean;
}

export const DEFAULT_TIME_ZONE = "Europe/Copenhagen";
export const MAX_DAYS = 3650;

export const DA_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
export const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const DA_SHORT = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
export const EN_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Month names people may type, both languages, full and abbreviated. */
const MONTH_WORDS = new Map<string, number>();
[DA_MONTHS, EN_MONTHS, DA_SHORT, EN_SHORT].forEach((list) =>
  list.forEach((name, i) => MONTH_WORDS.set(name.toLowerCase().replace(".", ""), i + 1)),
);
MONTH_WORDS.set("sept", 9).set("okt", 10).set("oct", 10).set("maj", 5).set("may", 5);

// ---- civil-day helpers -------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, "0");
const iso = (days: number) => {
  const c = civilFromDays(days);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
};
const mondayOf = (days: number) => days - (isoWeekdayOfDays(days) - 1);

function isoWeekOf(days: number): { year: number; week: number } {
  const thursday = days + (4 - isoWeekdayOfDays(days)); // the ISO year is the year of the week's Thursday
  const year = civilFromDays(thursday).year;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

const isoWeekStart = (year: number, week: number) => mondayOf(daysFromCivil(year, 1, 4)) + (week - 1) * 7;
const weeksInIsoYear = (year: number) => isoWeekOf(daysFromCivil(year, 12, 28)).week;

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const c = civilFromDays(daysFromCivil(year, month, day));
  return c.month === month && c.day === day;
}

// ---- labels ------------------------------------------------------------------

function dayLabel(days: number): Texts {
  const c = civilFromDays(days);
  return { da: `${c.day}. ${DA_MONTHS[c.month - 1]} ${c.year}`, en: `${c.day} ${EN_MONTHS[c.month - 1]} ${c.year}` };
}

/** "1.–15. okt. 2026" / "1–15 Oct 2026", widening as the ends differ in month or year. */
function rangeLabel(first: number, last: number): Texts {
  const a = civilFromDays(first);
  const b = civilFromDays(last);
  const [da1, da2, en1, en2] = [DA_SHORT[a.month - 1], DA_SHORT[b.month - 1], EN_SHORT[a.month - 1], EN_SHORT[b.month - 1]];
  if (first === last) return { da: `${a.day}. ${da1} ${a.year}`, en: `${a.day} ${en1} ${a.year}` };
  if (a.year === b.year && a.month === b.month) return { da: `${a.day}.–${b.day}. ${da1} ${a.year}`, en: `${a.day}–${b.day} ${en1} ${a.year}` };
  if (a.year === b.year) return { da: `${a.day}. ${da1}–${b.day}. ${da2} ${a.year}`, en: `${a.day} ${en1} – ${b.day} ${en2} ${a.year}` };
  return { da: `${a.day}. ${da1} ${a.year}–${b.day}. ${da2} ${b.year}`, en: `${a.day} ${en1} ${a.year} – ${b.day} ${en2} ${b.year}` };
}

// ---- period constructors (civil days → instants) ----------------------------

function make(kind: Period["kind"], fromDays: number, toDays: number, label: Texts, tz: string): Period {
  return { from: zonedMidnight(fromDays, tz), to: zonedMidnight(toDays, tz), kind, label };
}

const dayPeriod = (days: number, tz: string, label = dayLabel(days)) => make("day", days, days + 1, label, tz);

function weekPeriod(monday: number, tz: string): Period {
  const { year, week } = isoWeekOf(monday);
  return make("week", monday, monday + 7, { da: `uge ${week} ${year}`, en: `week ${week} ${year}` }, tz);
}

function monthPeriod(year: number, month: number, tz: string): Period {
  const c = civilFromDays(daysFromCivil(year, month, 1)); // normalises month 0 / 13
  const label = { da: `${DA_MONTHS[c.month - 1]} ${c.year}`, en: `${EN_MONTHS[c.month - 1]} ${c.year}` };
  return make("month", daysFromCivil(c.year, c.month, 1), daysFromCivil(c.year, c.month + 1, 1), label, tz);
}

function quarterPeriod(year: number, quarter: number, tz: string): Period {
  const c = civilFromDays(daysFromCivil(year, (quarter - 1) * 3 + 1, 1)); // normalises quarter 0 / 5
  const q = (c.month - 1) / 3 + 1;
  const label = { da: `${q}. kvartal ${c.year}`, en: `Q${q} ${c.year}` };
  return make("quarter", daysFromCivil(c.year, c.month, 1), daysFromCivil(c.year, c.month + 3, 1), label, tz);
}

const yearPeriod = (year: number, tz: string) =>
  make("year", daysFromCivil(year, 1, 1), daysFromCivil(year + 1, 1, 1), { da: `${year}`, en: `${year}` }, tz);

const spanPeriod = (kind: "days" | "range", from: number, to: number, tz: string, label = rangeLabel(from, to - 1)) =>
  make(kind, from, to, label, tz);

// ---- parsing -----------------------------------------------------------------

interface Ctx {
  now: Date;
  today: number;
  year: number;
  month: number;
  tz: string;
}

/** A rule's builder returns null to let later rules try (only the month-name rule does). */
type Rule = [RegExp, (m: RegExpMatchArray, ctx: Ctx) => ParseResult | null];

const ok = (period: Period): ParseResult => ({ ok: true, period });
const fail = (da: string, en: string): ParseResult => ({ ok: false, error: { da, en } });
const num = (s: string | undefined) => Number(s);

const badDate = (text: string) =>
  fail(`"${text}" er ikke en gyldig dato (brug ÅÅÅÅ-MM-DD).`, `"${text}" is not a valid date (use YYYY-MM-DD).`);

function dateDays(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [num(m[1]), num(m[2]), num(m[3])];
  return isValidDate(y, mo, d) ? daysFromCivil(y, mo, d) : null;
}

/** For names without a year ("oktober", "Q4"): the most recent one that has begun. */
function latestStarted(build: (year: number) => Period, ctx: Ctx): Period {
  const p = build(ctx.year);
  return p.from.getTime() > ctx.now.getTime() ? build(ctx.year - 1) : p;
}

const YEAR = "([1-9]\\d{3})";
const re = (s: string) => new RegExp(`^(?:${s})$`);

const RULES: Rule[] = [
  [re("today|i ?dag"), (_, c) => ok(dayPeriod(c.today, c.tz, { da: "i dag", en: "today" }))],
  [re("yesterday|i ?g[åa]r"), (_, c) => ok(dayPeriod(c.today - 1, c.tz, { da: "i går", en: "yesterday" }))],
  [re("this week|denne uge"), (_, c) => ok(weekPeriod(mondayOf(c.today), c.tz))],
  [re("last week|previous week|(?:sidste|forrige) uge"), (_, c) => ok(weekPeriod(mondayOf(c.today) - 7, c.tz))],
  [re("this month|denne m[åa]ned"), (_, c) => ok(monthPeriod(c.year, c.month, c.tz))],
  [re("last month|previous month|(?:sidste|forrige) m[åa]ned"), (_, c) => ok(monthPeriod(c.year, c.month - 1, c.tz))],
  [re("this quarter|dette kvartal"), (_, c) => ok(quarterPeriod(c.year, Math.ceil(c.month / 3), c.tz))],
  [re("last quarter|previous quarter|(?:sidste|forrige) kvartal"), (_, c) => ok(quarterPeriod(c.year, Math.ceil(c.month / 3) - 1, c.tz))],
  [re("this year|i [åa]r|dette [åa]r"), (_, c) => ok(yearPeriod(c.year, c.tz))],
  [re("last year|previous year|(?:sidste|forrige) [åa]r"), (_, c) => ok(yearPeriod(c.year - 1, c.tz))],
  [re("(?:last|past|seneste|sidste) (\\d+) (?:days?|dage?)"), (m, c) => {
    const n = num(m[1]);
    if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) {
      return fail(`Antal dage skal være mellem 1 og ${MAX_DAYS}.`, `The number of days must be between 1 and ${MAX_DAYS}.`);
    }
    const label = n === 1 ? { da: "seneste 1 dag", en: "last 1 day" } : { da: `seneste ${n} dage`, en: `last ${n} days` };
    return ok(spanPeriod("days", c.today - n + 1, c.today + 1, c.tz, label));
  }],
  [re(`${YEAR}-(\\d{1,2})`), (m, c) => {
    const mo = num(m[2]);
    if (mo < 1 || mo > 12) return fail(`"${m[0]}" er ikke en gyldig måned (1–12).`, `"${m[0]}" is not a valid month (1–12).`);
    return ok(monthPeriod(num(m[1]), mo, c.tz));
  }],
  [re(`q(\\d)(?:[ -]?${YEAR})?|${YEAR}[ -]?q(\\d)|(\\d)\\.? ?kvartal(?: ${YEAR})?`), (m, c) => {
    const q = num(m[1] ?? m[4] ?? m[5]);
    const y = m[2] ?? m[3] ?? m[6];
    if (q < 1 || q > 4) return fail(`Kvartal skal være 1–4, ikke ${q}.`, `Quarter must be 1–4, not ${q}.`);
    return ok(y ? quarterPeriod(num(y), q, c.tz) : latestStarted((yr) => quarterPeriod(yr, q, c.tz), c));
  }],
  [re(`(?:week|uge|w) ?(\\d{1,2})(?: ${YEAR})?|${YEAR}-?w(\\d{1,2})`), (m, c) => {
    const w = num(m[1] ?? m[4]);
    const y = m[2] ?? m[3];
    // Without a year: this ISO year's week if it has begun, else last year's (which may have 53 weeks).
    const current = isoWeekOf(c.today).year;
    for (const yr of y ? [num(y)] : [current, current - 1]) {
      if (w < 1 || w > weeksInIsoYear(yr)) continue;
      const p = weekPeriod(isoWeekStart(yr, w), c.tz);
      if (y || p.from.getTime() <= c.now.getTime()) return ok(p);
    }
    const inYear = y ? ` ${y}` : "";
    return fail(`Uge ${w}${inYear} findes ikke.`, `Week ${w}${inYear} does not exist.`);
  }],
  [re(YEAR), (m, c) => ok(yearPeriod(num(m[1]), c.tz))],
  [re("(\\d{4}-\\d{1,2}-\\d{1,2})"), (m, c) => {
    const d = dateDays(m[1] ?? "");
    return d === null ? badDate(m[1] ?? "") : ok(dayPeriod(d, c.tz));
  }],
  [re("(\\d{4}-\\d{1,2}-\\d{1,2}) ?(?:\\.{2,3}|–|—|-|to|til) ?(\\d{4}-\\d{1,2}-\\d{1,2})"), (m, c) => {
    const [a, b] = [dateDays(m[1] ?? ""), dateDays(m[2] ?? "")];
    if (a === null) return badDate(m[1] ?? "");
    if (b === null) return badDate(m[2] ?? "");
    if (b < a) return fail(`Slutdatoen ${iso(b)} ligger før startdatoen ${iso(a)}.`, `The end date ${iso(b)} is before the start date ${iso(a)}.`);
    if (b - a + 1 > MAX_DAYS) return fail(`Perioden må højst være ${MAX_DAYS} dage.`, `The period can be at most ${MAX_DAYS} days.`);
    return ok(spanPeriod("range", a, b + 1, c.tz));
  }],
  [re(`([a-zæøå]+)\\.?(?: ${YEAR})?`), (m, c) => {
    const month = MONTH_WORDS.get(m[1] ?? "");
    if (month === undefined) return null;
    const y = m[2];
    return ok(y ? monthPeriod(num(y), month, c.tz) : latestStarted((yr) => monthPeriod(yr, month, c.tz), c));
  }],
];

function unknown(text: string): ParseResult {
  return fail(
    `Jeg forstår ikke perioden "${text}". Prøv fx: ${fittingPeriodExamples(text, "da").join(", ")}.`,
    `I don't understand the period "${text}". Try for example: ${fittingPeriodExamples(text, "en").join(", ")}.`,
  );
}

/** NFC so a decomposed "å" (a + ring) matches; case and spacing never matter. */
const tidy = (text: string) => text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

function context(now: Date, tz: string): Ctx {
  const p = zonedParts(now, tz);
  return { now, today: daysFromCivil(p.year, p.month, p.day), year: p.year, month: p.month, tz };
}

function parseTidy(text: string, ctx: Ctx): ParseResult {
  if (text === "") return ok(monthPeriod(ctx.year, ctx.month, ctx.tz));
  const wanted = text.replace(/aa/g, "å"); // "aa" is the usual ASCII spelling of "å"
  for (const [pattern, build] of RULES) {
    const m = pattern.exec(wanted);
    const result = m && build(m, ctx);
    if (result) return result;
  }
  return unknown(text);
}

export function parsePeriod(text: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): ParseResult {
  return parseTidy(tidy(text), context(now, timeZone));
}

/**
 * The longest leading run of words that reads as a period, so "/nps sidste
 * kvartal support web" splits into a period (used = 2) and the rest. Prefixes
 * that only parse to an error (e.g. "2026-02-30") count as no match.
 */
export function matchPeriodPrefix(
  words: string[],
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): { period: Period; used: number } | null {
  const ctx = context(now, timeZone);
  for (let used = words.length; used >= 1; used--) {
    const text = tidy(words.slice(0, used).join(" "));
    if (text === "") continue;
    const r = parseTidy(text, ctx);
    if (r.ok) return { period: r.period, used };
  }
  return null;
}

function dayNumber(instant: Date, tz: string): number {
  const p = zonedParts(instant, tz);
  return daysFromCivil(p.year, p.month, p.day);
}

/** The period of the same calendar unit (or same number of days) just before p. Labels are absolute. */
export function previousPeriod(p: Period, timeZone: string = DEFAULT_TIME_ZONE): Period {
  const start = dayNumber(p.from, timeZone);
  const s = civilFromDays(start);
  switch (p.kind) {
    case "day": return dayPeriod(start - 1, timeZone);
    case "week": return weekPeriod(start - 7, timeZone);
    case "month": return monthPeriod(s.year, s.month - 1, timeZone);
    case "quarter": return quarterPeriod(s.year, Math.ceil(s.month / 3) - 1, timeZone);
    case "year": return yearPeriod(s.year - 1, timeZone);
    default: {
      // days/range: the same number of calendar days (not hours: DST may differ) just before
      const length = dayNumber(p.to, timeZone) - start;
      return spanPeriod(p.kind, start - length, start, timeZone);
    }
  }
}

/**
 * Chart buckets, oldest first: 12 calendar months ("2026-11") for periods of a
 * month or longer, else 12 ISO weeks ("2026-W47"), ending with the unit that
 * contains the period's last moment (or now, if the period runs into the future).
 * Buckets are whole units, so the last one may extend past now.
 */
export function trendBuckets(p: Period, now: Date, timeZone: string = DEFAULT_TIME_ZONE): TrendBucket[] {
  const anchor = dayNumber(new Date(Math.min(p.to.getTime() - 1, now.getTime())), timeZone);
  const lengthDays = dayNumber(p.to, timeZone) - dayNumber(p.from, timeZone);
  const monthly = p.kind === "month" || p.kind === "quarter" || p.kind === "year" || lengthDays > 31;
  // The 13 unit starts (local midnights) bound the 12 buckets: each bucket ends where the next begins.
  const a = civilFromDays(anchor);
  const starts: number[] = [];
  const labels: { label: string; short: Texts }[] = [];
  for (let i = 11; i >= -1; i--) {
    if (monthly) {
      const c = civilFromDays(daysFromCivil(a.year, a.month - i, 1));
      starts.push(daysFromCivil(c.year, c.month, 1));
      labels.push({ label: `${c.year}-${pad2(c.month)}`, short: { da: DA_SHORT[c.month - 1]!.replace(".", ""), en: EN_SHORT[c.month - 1]! } });
    } else {
      const monday = mondayOf(anchor) - 7 * i;
      const { year, week } = isoWeekOf(monday);
      starts.push(monday);
      labels.push({ label: `${year}-W${pad2(week)}`, short: { da: `uge ${week}`, en: `wk ${week}` } });
    }
  }
  const out: TrendBucket[] = [];
  for (let k = 0; k < 12; k++) {
    const [from, to] = [zonedMidnight(starts[k]!, timeZone), zonedMidnight(starts[k + 1]!, timeZone)];
    out.push({ from, to, ...labels[k]!, partial: from.getTime() <= now.getTime() && now.getTime() < to.getTime() });
  }
  return out;
}
