// Deterministic benchmark data: the same seed gives the same answers, CSV bytes and HTTP bodies.
import fs from "node:fs";
import { mulberry32 } from "../../src/services/demo-data.ts";

/** The demo data's seeded PRNG (mulberry32): one implementation for both. */
export const rng = mulberry32;

/** The fixed "now" of every run, so periods and data line up the same way each time. */
export const BENCH_NOW = new Date("2026-11-20T10:00:00.000Z");
/** Answers are spread over the three years before BENCH_NOW. */
export const SPAN_MS = 3 * 365 * 24 * 3600 * 1000;

/** Ten teams, unevenly sized: "support" (the one the /nps case asks about) holds about 30 %. */
export const TEAMS = ["support", "salg", "b2b-salg", "kundeservice", "levering", "online", "butik-nord", "butik-syd", "faktura", "onboarding"];
const TEAM_WEIGHTS = [30, 14, 10, 10, 8, 8, 6, 6, 4, 4];
export const TOUCHPOINTS = ["telefon", "chat", "e-mail", "butik", "web", "app"];
const FIRST = ["Åse", "Søren", "Mette", "Jens", "Ida", "Mads", "Karen", "Lars", "Freja", "Ole", "Anne", "Niels"];
const LAST = ["Ørum", "Hansen", "Jensen", "Nielsen", "Pedersen", "Kjær", "Bæk", "Madsen", "Larsen", "Holm"];
const COMMENTS = [
  "Hurtig hjælp – tak!",
  "Ventetiden var for lang, men medarbejderen var sød",
  'Leveringen kom for sent; "ekspres" betyder vist noget andet hos jer',
  "Super service, jeg anbefaler jer gerne til andre",
  "Fakturaen var forkert, igen.\nMåtte ringe to gange",
  "Fine priser, god kvalitet",
  "Appen crasher når jeg logger ind",
  "Meget venlig og kompetent rådgivning",
];

export interface BenchAnswer {
  id: string;
  score: number;
  answeredAt: Date;
  team: string;
  touchpoint: string;
  comment: string | null;
  name: string;
  email: string;
  account: string;
  ces: number | null;
  consent: boolean;
}

function weighted(r: number): number {
  let x = r * 100;
  for (let i = 0; i < TEAM_WEIGHTS.length; i++) {
    x -= TEAM_WEIGHTS[i]!;
    if (x < 0) return i;
  }
  return TEAM_WEIGHTS.length - 1;
}

/** Answer number `i` of a data set: a pure function of (seed, i), so any slice can be made alone. */
export function answerAt(seed: number, i: number, prefix = "resp"): BenchAnswer {
  const r = rng(seed * 1_000_003 + i);
  const s = r();
  const score = s < 0.25 ? Math.floor(r() * 7) : s < 0.55 ? 7 + Math.floor(r() * 2) : 9 + Math.floor(r() * 2);
  const first = FIRST[Math.floor(r() * FIRST.length)]!;
  const last = LAST[Math.floor(r() * LAST.length)]!;
  const n = Math.floor(r() * 50_000);
  return {
    id: `${prefix}-${i}`,
    score,
    // whole seconds, like survey exports
    answeredAt: new Date(Math.floor((BENCH_NOW.getTime() - 60_000 - r() * SPAN_MS) / 1000) * 1000),
    team: TEAMS[weighted(r())]!,
    touchpoint: TOUCHPOINTS[Math.floor(r() * TOUCHPOINTS.length)]!,
    comment: r() < 0.4 ? COMMENTS[Math.floor(r() * COMMENTS.length)]! : null,
    name: `${first} ${last}`,
    email: `kunde${n}@example.dk`,
    account: `Kunde ${n % 2000} ApS`,
    ces: r() < 0.5 ? 1 + Math.floor(r() * 7) : null,
    consent: r() < 0.3,
  };
}

const csvCell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const pad = (n: number) => String(n).padStart(2, "0");
/** ISO 8601 with the Copenhagen offset written out, as survey tools export it. */
function isoLocal(d: Date): string {
  const offsetH = copenhagenOffsetHours(d);
  const local = new Date(d.getTime() + offsetH * 3600_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}+0${offsetH}:00`;
}
/** EU summer time: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC. */
function copenhagenOffsetHours(d: Date): number {
  const y = d.getUTCFullYear();
  const lastSunday = (month: number) => {
    const end = new Date(Date.UTC(y, month + 1, 0, 1));
    return end.getTime() - end.getUTCDay() * 86_400_000;
  };
  return d.getTime() >= lastSunday(2) && d.getTime() < lastSunday(9) ? 2 : 1;
}

export const CSV_HEADER = "svar_id;score;kommentar;dato;navn;email;afdeling;kontaktpunkt;kunde;ces;samtykke";

export function csvLine(a: BenchAnswer): string {
  return [a.id, String(a.score), csvCell(a.comment ?? ""), isoLocal(a.answeredAt), a.name, a.email, a.team, a.touchpoint,
    a.account, a.ces === null ? "" : String(a.ces), a.consent ? "ja" : "nej"].join(";");
}

/** Writes `rows` answers as a Danish-Excel-style CSV (semicolons, UTF-8 BOM). */
export async function writeCsv(file: string, seed: number, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write("\ufeff" + CSV_HEADER + "\r\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    chunk += csvLine(answerAt(seed, i)) + "\r\n";
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** The JSON body POST /api/responses gets for one answer. */
export function apiBody(a: BenchAnswer) {
  return {
    id: a.id, source: "bench", score: a.score, respondedAt: a.answeredAt.toISOString(), comment: a.comment,
    team: a.team, touchpoint: a.touchpoint, ces: a.ces, consentToShare: a.consent, language: "da",
    customer: { name: a.name, email: a.email, account: a.account },
  };
}
