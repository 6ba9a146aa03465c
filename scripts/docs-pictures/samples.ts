// The messages pictured in docs/img/: a digest and an alert, each language, each platform, and the
// monthly report (Danish, report-sample.ts) — built
// by the real message builders (src/messages/) from fixed sample data and rendered by the real
// renderers (Slack Block Kit, Teams Adaptive Card). pictures.json keeps a hash of each rendered
// payload; test/docs-pictures.test.ts fails when the code would draw a different picture.
import { createHash } from "node:crypto";
import { compareNps, computeNps } from "../../src/core/nps.ts";
import { parsePeriod, previousPeriod, trendBuckets } from "../../src/core/periods.ts";
import { renderMessage } from "../../src/faces/slack/blocks.ts";
import { renderCard } from "../../src/faces/teams/cards.ts";
import { buildAlert } from "../../src/messages/alert.ts";
import { buildDigest } from "../../src/messages/digest.ts";
import type { Message } from "../../src/messages/model.ts";
import type { Lang } from "../../src/core/language.ts";
import { report } from "./report-sample.ts";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2026-11-27T07:30:00Z");
const TEAM = { slug: "support", name: "Kundeservice" };

function digest(lang: Lang): Message {
  // The digest's chart is by month, as DigestService draws it: the buckets of this month's trend.
  const parsed = parsePeriod("this month", NOW, TZ);
  if (!parsed.ok) throw new Error("the sample period does not parse");
  const rolling = computeNps({ promoters: 46, passives: 20, detractors: 18 }, 30);
  const before = computeNps({ promoters: 38, passives: 24, detractors: 21 }, 30);
  const trend = trendBuckets(parsed.period, NOW, TZ).map((b, i) => ({ label: b.label, short: b.short, partial: b.partial, from: b.from, to: b.to, nps: [9, 14, 12, 19, 17, 22][i % 6]!, responses: 21 }));
  return buildDigest(
    {
      team: TEAM,
      sinceLast: { promoters: 4, passives: 1, detractors: 1, responses: 6 },
      rolling,
      before,
      comparison: compareNps(rolling, before),
      minResponses: 30,
      goal: null,
      bestQuote: { text: lang === "da" ? "Hurtig og venlig hjælp – tak!" : "Quick and friendly help – thank you!", attribution: "Søren" },
      openCases: { open: 2, inProgress: 1, oldestOpenedAt: new Date("2026-11-25T09:00:00Z") },
      trend,
    },
    lang,
    NOW,
    TZ,
  );
}

function alert(lang: Lang): Message {
  return buildAlert(
    {
      id: 42, state: "open", score: 2, ces: 2, team: TEAM, touchpoint: lang === "da" ? "telefon" : "phone",
      comment: lang === "da" ? "Ventede 40 minutter i telefonen og blev afbrudt to gange." : "Waited 40 minutes on the phone and was cut off twice.",
      customerName: "Åse Ørum", customerAccount: "Bageriet ApS", contact: { email: "aase@bageriet.dk" },
      answeredAt: new Date("2026-11-27T07:12:00Z"), openedAt: new Date("2026-11-27T07:13:00Z"), ownerName: "Mette Holm",
      claimedBy: null, resolvedBy: null, actionTaken: null, outcome: null,
    },
    lang,
    NOW,
  );
}

export type Platform = "slack" | "teams";
export interface Picture {
  /** file name in docs/img/, without .png */
  name: string;
  platform: Platform;
  /** what the platform is sent: Slack's blocks, or Teams' Adaptive Card */
  payload: unknown;
}

/** Every picture the docs show, rendered from the current code. */
export function pictures(): Picture[] {
  const out: Picture[] = [];
  for (const lang of ["en", "da"] as Lang[]) {
    for (const [kind, message] of [["digest", digest(lang)], ["alert", alert(lang)]] as const) {
      out.push({ name: `${kind}-slack-${lang}`, platform: "slack", payload: renderMessage(message).blocks });
      out.push({ name: `${kind}-teams-${lang}`, platform: "teams", payload: renderCard(message) });
    }
  }
  // the monthly report for management, as it reaches a Danish management channel
  const monthly = report("da");
  out.push({ name: "report-slack-da", platform: "slack", payload: renderMessage(monthly).blocks });
  out.push({ name: "report-teams-da", platform: "teams", payload: renderCard(monthly) });
  return out;
}

/** The hash pictures.json keeps: a picture is current while its payload is the same. */
export const payloadHash = (p: Picture) => createHash("sha256").update(JSON.stringify(p.payload)).digest("hex").slice(0, 16);
