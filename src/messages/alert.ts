// The detractor alert: who answered (as far as privacy allows), score, comment, touchpoint,
// team, age, state — and the buttons to claim, resolve and hand over.
import { caseIdText } from "../core/case-id.ts";
import { formatAge } from "./age.ts";
import { OUTCOME_LABEL } from "./forms.ts";
import type { Block, Fact, Lang, Message } from "./model.ts";

export interface CaseView {
  id: number;
  state: "open" | "claimed" | "resolved";
  score: number;
  ces: number | null;
  /** already redacted for the audience */
  comment: string | null;
  customerName: string | null;
  customerAccount: string | null;
  /** only in the owner's private copy (a DM) or the "show contact" answer */
  contact: { email: string | null } | null;
  team: { slug: string; name: string } | null;
  touchpoint: string | null;
  answeredAt: Date;
  openedAt: Date;
  ownerName: string | null;
  claimedBy: string | null;
  resolvedBy: string | null;
  actionTaken: string | null;
  outcome: keyof (typeof OUTCOME_LABEL)["da"] | null;
}

const T = {
  da: {
    title: (score: number, team: string) => `Utilfreds kunde: ${score}/10${team}`,
    customer: "Kunde", anonymous: "ukendt", score: "Score", ces: "Kundens besvær (CES)", cesValue: (n: number) => `${n} af 7`, picker: "Vælg en kollega…", touchpoint: "Kontaktpunkt", team: "Team",
    answered: "Besvaret", owner: "Ansvarlig", state: "Status", contact: "Kontakt",
    open: "Åben – ingen har taget den endnu", claimed: (who: string) => `Taget af ${who}`, resolved: (who: string, outcome: string) => `Løst af ${who}: ${outcome}`,
    claim: "Jeg tager den", resolve: "Løst", handOver: "Giv videre", contactButton: "Vis kontakt", noComment: "(ingen kommentar)", done: "Hvad blev gjort",
    footer: (id: number) => `Sag #${id} · Operation Kunderedning`,
  },
  en: {
    title: (score: number, team: string) => `Unhappy customer: ${score}/10${team}`,
    customer: "Customer", anonymous: "unknown", score: "Score", ces: "Customer effort (CES)", cesValue: (n: number) => `${n} of 7`, picker: "Choose a colleague…", touchpoint: "Touchpoint", team: "Team",
    answered: "Answered", owner: "Owner", state: "State", contact: "Contact",
    open: "Open – nobody has taken it yet", claimed: (who: string) => `Taken by ${who}`, resolved: (who: string, outcome: string) => `Resolved by ${who}: ${outcome}`,
    claim: "I'll take it", resolve: "Resolved", handOver: "Hand over", contactButton: "Show contact", noComment: "(no comment)", done: "What was done",
    footer: (id: number) => `Case #${id} · Operation Kunderedning`,
  },
} as const;

export function stateText(c: CaseView, lang: Lang): string {
  const t = T[lang];
  if (c.state === "open") return t.open;
  if (c.state === "claimed") return t.claimed(c.claimedBy ?? c.ownerName ?? "?");
  return t.resolved(c.resolvedBy ?? "?", c.outcome ? OUTCOME_LABEL[lang][c.outcome] : "");
}

export function buildAlert(c: CaseView, lang: Lang, now: Date): Message {
  const t = T[lang];
  const facts: Fact[] = [
    { label: t.customer, value: [c.customerName, c.customerAccount].filter(Boolean).join(" · ") || t.anonymous },
    { label: t.score, value: `${c.score}/10` },
    ...(c.ces !== null ? [{ label: t.ces, value: t.cesValue(c.ces) }] : []),
    ...(c.touchpoint ? [{ label: t.touchpoint, value: c.touchpoint }] : []),
    ...(c.team ? [{ label: t.team, value: c.team.name }] : []),
    { label: t.answered, value: formatAge(c.answeredAt, now, lang) },
    ...(c.ownerName ? [{ label: t.owner, value: c.ownerName }] : []),
    { label: t.state, value: stateText(c, lang) },
    ...(c.contact?.email ? [{ label: t.contact, value: c.contact.email }] : []),
  ];
  const blocks: Block[] = [
    { type: "header", text: t.title(c.score, c.team ? ` · ${c.team.name}` : "") },
    { type: "quote", text: c.comment?.trim() || t.noComment },
    { type: "facts", facts },
  ];
  if (c.state === "resolved" && c.actionTaken) blocks.push({ type: "text", text: `${t.done}: ${c.actionTaken}` });
  if (c.state !== "resolved") {
    blocks.push({
      type: "actions",
      actions: [
        ...(c.state === "open" ? [{ kind: "button" as const, id: "case.claim", label: t.claim, value: caseIdText(c.id), style: "primary" as const }] : []),
        { kind: "button", id: "case.resolve", label: t.resolve, value: caseIdText(c.id) },
        { kind: "userPicker", id: "case.handOver", label: t.handOver, placeholder: t.picker, value: caseIdText(c.id) },
        // A channel copy has no contact details; owner, lead and admins can ask for them privately.
        ...(c.contact === null ? [{ kind: "button" as const, id: "case.contact", label: t.contactButton, value: caseIdText(c.id) }] : []),
      ],
    });
  }
  blocks.push({ type: "context", text: t.footer(c.id) });
  return { kind: "alert", lang, summary: `${t.title(c.score, c.team ? ` · ${c.team.name}` : "")} – ${stateText(c, lang)}`, blocks };
}

/** Posted in the alert's thread when the case is resolved. */
export function buildOutcomeNote(c: CaseView, lang: Lang): Message {
  const t = T[lang];
  const text = `${stateText(c, lang)}${c.actionTaken ? `\n${t.done}: ${c.actionTaken}` : ""}`;
  return { kind: "caseOutcome", lang, summary: stateText(c, lang), blocks: [{ type: "text", text }] };
}
