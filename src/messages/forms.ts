// Forms a person fills in: resolving a detractor case, submitting a customer story. Slack draws
// them as modals, Teams as inputs on a card; both send back `values` keyed by field id.
import { caseIdText } from "../core/case-id.ts";
import type { Lang } from "./model.ts";

export type FormField =
  | { kind: "text" | "multiline"; id: string; label: string; required: boolean; initial?: string; maxLength: number }
  | { kind: "select"; id: string; label: string; required: boolean; options: { value: string; label: string }[] };

export interface Form {
  /** the submit action id, e.g. "case.resolve" */
  id: string;
  title: string;
  submitLabel: string;
  /** carried through the platform and returned on submit (e.g. the case id) */
  privateData: string;
  fields: FormField[];
}

export const OUTCOMES = ["recovered", "not_recovered", "no_contact"] as const;
export type ChosenOutcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABEL: Record<Lang, Record<ChosenOutcome | "score_changed", string>> = {
  da: { recovered: "Kunden er vundet tilbage", not_recovered: "Ikke vundet tilbage", no_contact: "Ingen kontakt", score_changed: "Scoren blev ændret" },
  en: { recovered: "Customer recovered", not_recovered: "Not recovered", no_contact: "No contact", score_changed: "Score changed" },
};

export function resolveCaseForm(caseId: number, lang: Lang): Form {
  const da = lang === "da";
  return {
    id: "case.resolve",
    title: da ? "Løs sagen" : "Resolve the case",
    submitLabel: da ? "Løst" : "Resolved",
    privateData: caseIdText(caseId),
    fields: [
      { kind: "multiline", id: "actionTaken", label: da ? "Hvad blev gjort?" : "What was done?", required: true, maxLength: 2000 },
      { kind: "select", id: "outcome", label: da ? "Udfald" : "Outcome", required: true, options: OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[lang][o] })) },
    ],
  };
}

export function storyForm(lang: Lang, initialText = "", teams: { slug: string; name: string }[] = []): Form {
  const da = lang === "da";
  return {
    id: "story.submit",
    title: da ? "Del en kundehistorie" : "Share a customer story",
    submitLabel: da ? "Del" : "Share",
    privateData: "",
    fields: [
      { kind: "multiline", id: "text", label: da ? "Hvad skete der? (kundens ord eller din fortælling)" : "What happened? (the customer's words or your account)", required: true, initial: initialText.slice(0, 2000), maxLength: 2000 },
      ...(teams.length > 0
        ? [{ kind: "select" as const, id: "team", label: da ? "Team" : "Team", required: false, options: teams.slice(0, 100).map((t) => ({ value: t.slug, label: t.name })) }]
        : []),
      { kind: "text", id: "attribution", label: da ? "Hvem sagde det? (tom = anonym)" : "Who said it? (empty = anonymous)", required: false, maxLength: 200 },
    ],
  };
}
