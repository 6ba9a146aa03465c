// Sample data for `kundepuls demo` and the first local start: four Danish teams with leads,
// touchpoints, B2B accounts and ~13 months of survey answers with a realistic daily rhythm.
// Everything comes from a seeded PRNG, so the same `now` and seed give exactly the same answers
// (source "demo", externalId "demo-<n>") and a second run stores nothing new.
import { classify, type Category } from "../core/nps.ts";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import type { AnswerStore } from "../store/answers.ts";
import type { OwnershipStore } from "../store/owners.ts";
import type { PeopleStore } from "../store/people.ts";
import type { TeamStore } from "../store/teams.ts";
import { daysFromCivil, civilFromDays, isoWeekdayOfDays, zonedParts, zonedToUtc } from "../core/timezone.ts";
import {
  ACCOUNTS, COMMENTS_EN, CONTACT_COMMENTS_DA, CONTACT_COMMENTS_EN, FIRST_NAMES, GENERIC_COMMENTS_DA, LAST_NAMES, STAFF,
  TEAM_COMMENTS_DA, TEAM_LEADS, type DemoTeamSlug,
} from "./demo-texts.ts";

export const DEMO_SOURCE = "demo";
export const DEMO_SEED = 2026;
const TIME_ZONE = "Europe/Copenhagen";
const BATCH_SIZE = 500;
const TEAMS = Object.keys(TEAM_LEADS) as DemoTeamSlug[];

/** Where the demo directory (people, teams, owners) and answers go. */
export interface DemoDeps {
  people: PeopleStore;
  teams: TeamStore;
  owners: OwnershipStore;
  answers: AnswerStore;
}

export interface DemoOptions {
  /** the demo answers end here */
  now: Date;
  seed?: number;
  /** how far back the answers go, default 13 */
  months?: number;
}

/** A small seeded PRNG (mulberry32): returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

function pick<T>(rand: Rand, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function weighted<T>(rand: Rand, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

function intBetween(rand: Rand, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** Target NPS (−1…1) of a team at t ∈ [0, 1] through the demo period. */
function targetNps(team: DemoTeamSlug, t: number): number {
  switch (team) {
    case "support": return 0.08 + 0.32 * t; // +8 → +40: the team is improving
    case "salg": return 0.4;
    case "levering": return 0.1 - 0.35 * Math.exp(-(((t - 0.6) / 0.07) ** 2)); // a bad spell after ~7 months
    case "webshop": return 0.3 + 0.04 * Math.sin(4 * Math.PI * t);
  }
}

const PASSIVE_SHARE = 0.28;

function drawScore(rand: Rand, nps: number): number {
  const promoter = (1 - PASSIVE_SHARE + nps) / 2;
  const detractor = (1 - PASSIVE_SHARE - nps) / 2;
  const r = rand();
  if (r < promoter) return rand() < 0.55 ? 10 : 9;
  if (r < promoter + detractor) return weighted(rand, [[0, 1], [1, 1], [2, 2], [3, 3], [4, 4], [5, 6], [6, 8]]);
  return rand() < 0.45 ? 7 : 8;
}

/** Relative weight of each local hour 0–23. */
const toWeights = (perHour: number[]): [number, number][] => perHour.map((w, hour) => [hour, w]);
const WEEKDAY_HOURS = toWeights([0.05, 0.03, 0.02, 0.02, 0.05, 0.1, 0.3, 1, 4, 8, 9, 8, 6, 8, 8, 7, 5, 3, 2, 2, 2, 1.5, 0.8, 0.3]);
const WEEKEND_HOURS = toWeights([0.1, 0.05, 0.03, 0.02, 0.02, 0.05, 0.1, 0.3, 0.8, 1.5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 1, 0.3]);
const WEEKDAY_TEAMS: [DemoTeamSlug, number][] = [["support", 0.32], ["salg", 0.18], ["levering", 0.28], ["webshop", 0.22]];
const WEEKEND_TEAMS: [DemoTeamSlug, number][] = [["support", 0.15], ["salg", 0.1], ["levering", 0.3], ["webshop", 0.45]];

/** How many answers arrive on a local day: fewer at weekends, a July dip, a December rush. */
function answersOnDay(rand: Rand, weekday: number, month: number): number {
  const base = weekday <= 5 ? 10.5 : weekday === 6 ? 3.5 : 2.5;
  const season = month === 7 ? 0.6 : month === 12 ? 1.3 : 1;
  return Math.round(base * season * (0.75 + 0.5 * rand()));
}

function asciiLocal(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
    .replace(/[^a-z]+/g, ".");
}

function phoneNumber(rand: Rand): string {
  const pairs = Array.from({ length: 4 }, (_, i) => String(intBetween(rand, i === 0 ? 20 : 0, 99)).padStart(2, "0"));
  return rand() < 0.7 ? `+45 ${pairs.join(" ")}` : pairs.join("");
}

function drawComment(rand: Rand, team: DemoTeamSlug, category: Category, email: string): { text: string; lang: string } {
  const english = rand() < 0.1;
  let template: string;
  if (rand() < 0.025) template = pick(rand, (english ? CONTACT_COMMENTS_EN : CONTACT_COMMENTS_DA)[category]);
  else if (english) template = pick(rand, COMMENTS_EN[category]);
  else template = pick(rand, (rand() < 0.75 ? TEAM_COMMENTS_DA[team] : GENERIC_COMMENTS_DA)[category]);
  const text = template
    .replace("{staff}", pick(rand, STAFF))
    .replace("{email}", email)
    .replace("{phone}", phoneNumber(rand));
  return { text, lang: english ? "en" : "da" };
}

/** The demo answers for the local days from `months` months before `now` up to `now`, oldest first. */
export function generateDemoAnswers(opts: DemoOptions): NormalizedAnswer[] {
  const rand = mulberry32(opts.seed ?? DEMO_SEED);
  const today = zonedParts(opts.now, TIME_ZONE);
  const lastDay = daysFromCivil(today.year, today.month, today.day);
  const firstDay = daysFromCivil(today.year, today.month - (opts.months ?? 13), today.day);
  const span = Math.max(1, lastDay - firstDay);
  const answers: NormalizedAnswer[] = [];

  for (let dayNo = firstDay; dayNo <= lastDay; dayNo++) {
    const date = civilFromDays(dayNo);
    const weekday = isoWeekdayOfDays(dayNo);
    const times: Date[] = [];
    const count = answersOnDay(rand, weekday, date.month);
    for (let i = 0; i < count; i++) {
      const hour = weighted(rand, weekday <= 5 ? WEEKDAY_HOURS : WEEKEND_HOURS);
      const at = zonedToUtc({ ...date, hour, minute: intBetween(rand, 0, 59), second: intBetween(rand, 0, 59) }, TIME_ZONE);
      if (at.getTime() <= opts.now.getTime()) times.push(at);
    }
    times.sort((a, b) => a.getTime() - b.getTime());
    const t = (dayNo - firstDay) / span;

    for (const answeredAt of times) {
      const team = weighted(rand, weekday <= 5 ? WEEKDAY_TEAMS : WEEKEND_TEAMS);
      const score = drawScore(rand, targetNps(team, t));
      const category = classify(score);

      const anonymous = rand() < 0.07;
      const first = pick(rand, FIRST_NAMES);
      const last = pick(rand, LAST_NAMES);
      const domain = rand() < 0.7 ? "example.dk" : "example.com";
      const email = `${asciiLocal(first)}.${asciiLocal(last)}${rand() < 0.3 ? intBetween(rand, 1, 99) : ""}@${domain}`;
      const account = rand() < 0.4 ? pick(rand, ACCOUNTS).name : null;

      const commentChance = category === "detractor" ? 0.6 : category === "passive" ? 0.38 : 0.42;
      const comment = rand() < commentChance ? drawComment(rand, team, category, email) : null;
      const ces = rand() < 0.1
        ? category === "promoter" ? intBetween(rand, 5, 7) : category === "passive" ? intBetween(rand, 3, 6) : intBetween(rand, 1, 4)
        : null;

      answers.push({
        source: DEMO_SOURCE,
        externalId: `demo-${answers.length + 1}`,
        score,
        ces,
        comment: comment?.text ?? null,
        customerName: anonymous ? null : `${first} ${last}`,
        customerEmail: anonymous ? null : email,
        customerAccount: account,
        teamSlug: team,
        touchpoint: pick(rand, TEAM_LEADS[team].touchpoints),
        language: comment?.lang ?? "da",
        consentToShare: category === "promoter" && rand() < 0.6,
        answeredAt,
      });
    }
  }
  return answers;
}

/** People, teams, touchpoints and accounts; upserts, so running twice changes nothing. */
async function fillDirectory(deps: DemoDeps): Promise<void> {
  const personId = (p: { name: string; email: string }): Promise<number> => deps.people.saveNamed(p.email, p.name);
  const touchpointOwners = new Map<string, number>();
  for (const slug of TEAMS) {
    const { teamName, lead, touchpoints } = TEAM_LEADS[slug];
    const leadId = await personId(lead);
    await deps.teams.save(slug, teamName, { name: teamName, leadId });
    for (const tp of touchpoints) if (!touchpointOwners.has(tp)) touchpointOwners.set(tp, leadId);
  }
  for (const [name, ownerId] of touchpointOwners) {
    await deps.owners.setTouchpointOwner(name, ownerId);
  }
  for (const account of ACCOUNTS) {
    const ownerId = await personId(account.owner);
    await deps.owners.setAccountOwner(account.name, ownerId);
  }
}

/**
 * Fills the database with the demo data. Returns how many demo answers there are (new or already
 * stored) and how many teams they belong to.
 */
export async function fillDemoData(deps: DemoDeps, opts: DemoOptions): Promise<{ answers: number; teams: number }> {
  await fillDirectory(deps);
  const answers = generateDemoAnswers(opts);
  for (let i = 0; i < answers.length; i += BATCH_SIZE) {
    await deps.answers.upsertBatch(answers.slice(i, i + BATCH_SIZE), opts.now);
  }
  return { answers: answers.length, teams: TEAMS.length };
}
