// A case as the messages show it (CaseView), from the case read with everything an alert needs
// in one query (store/cases.ts).
// The channel view never carries contact details; the comment is always redacted of them.
import type { Outcome } from "../core/cases.ts";
import { redact } from "../core/redaction.ts";
import type { CaseView } from "../messages/alert.ts";
import type { Lang } from "../core/language.ts";
import type { LoadedCase } from "../store/cases.ts";
import { displayName } from "./people.ts";

export function caseViewOf(c: LoadedCase, audience: "channel" | "owner", lang: Lang): CaseView {
  const a = c.answer;
  const comment = a.comment ? redact(a.comment, { customerName: null, keepName: true, lang }).text : null;
  return {
    id: c.id,
    state: c.state as CaseView["state"],
    score: a.score,
    ces: a.ces,
    comment,
    customerName: a.customerName,
    customerAccount: a.customerAccount,
    contact: audience === "owner" ? { email: a.customerEmail } : null,
    team: c.team ? { slug: c.team.slug, name: c.team.name } : null,
    touchpoint: a.touchpoint?.name ?? null,
    answeredAt: a.answeredAt,
    openedAt: c.openedAt,
    ownerName: displayName(c.owner),
    claimedBy: c.claimedBy,
    resolvedBy: c.resolvedBy,
    actionTaken: c.actionTaken,
    outcome: (c.outcome as Outcome | null) ?? null,
  };
}
