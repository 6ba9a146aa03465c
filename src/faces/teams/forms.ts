// A Form (src/messages/forms.ts) drawn as Adaptive Card inputs with an Action.Execute submit, and
// what comes back read at the edge (zod). Teams merges the values of the card's inputs into the
// action's `data`, keyed by input id; ids carry the form and its private data ("case.resolve.42.
// outcome"), so several forms on one card (the home card: one per case) never share an id.
import { z } from "zod";
import { resolveCaseForm, type Form, type FormField } from "../../messages/forms.ts";
import { truncate } from "../../messages/model.ts";
import type { Lang } from "../../core/language.ts";
import type { Element } from "./charts.ts";
import { LIMITS } from "./limits.ts";
import { escapeInline } from "./markdown.ts";
import { teamsText, tooLongText } from "./texts.ts";

/** What every Action.Execute of ours sends (`verb` is the action id too). */
export interface CardActionData {
  action: string;
  value: string;
  lang: Lang;
  /** the kind of message the button is on ("alert", "home", "form"): where the answer goes */
  card: string;
}

export function executeAction(id: string, title: string, data: CardActionData, style?: "primary" | "danger"): Element {
  return {
    type: "Action.Execute",
    title: truncate(title, LIMITS.actionTitleChars),
    verb: id,
    data,
    ...(style ? { style: style === "primary" ? "positive" : "destructive" } : {}),
  };
}

/**
 * Buttons whose action is a form: the card shows the form in place (Action.ShowCard) instead of
 * a button that would need a dialog. The handler rebuilds the same form to read the submit.
 */
export function inlineForm(actionId: string, value: string, lang: Lang): Form | null {
  if (actionId === "case.resolve" && /^[1-9]\d{0,9}$/.test(value)) return resolveCaseForm(Number(value), lang);
  return null;
}

export function formInputId(form: Pick<Form, "id" | "privateData">, fieldId: string): string {
  return [form.id, form.privateData, fieldId].filter(Boolean).join(".");
}

function input(form: Form, field: FormField, lang: Lang, value: string | undefined): Element {
  // labels and choice titles are plain text in Adaptive Cards (no Markdown): not escaped
  const common = { id: formInputId(form, field.id), label: field.label, isRequired: field.required };
  if (field.kind === "select") {
    return {
      type: "Input.ChoiceSet",
      ...common,
      style: "compact",
      choices: field.options.slice(0, LIMITS.choices).map((o) => ({ title: truncate(o.label, LIMITS.actionTitleChars * 2), value: o.value })),
      ...(field.required ? { errorMessage: teamsText("choose", lang) } : {}),
      ...(value ? { value } : {}),
    };
  }
  const initial = value ?? field.initial;
  return {
    type: "Input.Text",
    ...common,
    ...(field.kind === "multiline" ? { isMultiline: true } : {}),
    maxLength: field.maxLength,
    ...(field.required ? { errorMessage: teamsText("required", lang) } : {}),
    ...(initial ? { value: truncate(initial, field.maxLength) } : {}),
  };
}

/** The inputs of a form; `values` (by field id) refill them after a refused submit. */
export function formInputs(form: Form, lang: Lang, values: Record<string, string> = {}): Element[] {
  return form.fields.map((field) => input(form, field, lang, values[field.id]));
}

/** The form's submit button: verb = form id, value = its private data (e.g. the case id). */
export function formSubmit(form: Form, lang: Lang, card: string): Element {
  return { ...executeAction(form.id, form.submitLabel, { action: form.id, value: form.privateData, lang, card }, "primary"), associatedInputs: "auto" };
}

/** A button that opens the form inside the card it is on (the alert's "Løst"). */
export function showFormAction(title: string, form: Form, lang: Lang, card: string): Element {
  return {
    type: "Action.ShowCard",
    title: truncate(title, LIMITS.actionTitleChars),
    card: { type: "AdaptiveCard", body: formInputs(form, lang), actions: [formSubmit(form, lang, card)] },
  };
}

/**
 * A card that is only the form: a heading, optional intro and problem lines, the inputs, submit.
 * `card`: what its submit says it was clicked on — a form shown again instead of the alert or
 * the home card keeps saying so, so the answer to it redraws the right message.
 */
export function formCard(form: Form, lang: Lang, opts: { intro?: string; problem?: string; values?: Record<string, string>; card?: string } = {}): Record<string, unknown> {
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.5",
    fallbackText: truncate(form.title, LIMITS.summaryChars),
    body: [
      { type: "TextBlock", text: escapeInline(form.title), wrap: true, size: "Large", weight: "Bolder", style: "heading" },
      ...(opts.intro ? [{ type: "TextBlock", text: escapeInline(opts.intro), wrap: true, isSubtle: true }] : []),
      ...(opts.problem ? [{ type: "TextBlock", text: escapeInline(opts.problem), wrap: true, color: "attention", weight: "Bolder" }] : []),
      ...formInputs(form, lang, opts.values),
    ],
    actions: [formSubmit(form, lang, opts.card || "form")],
  };
}

/** Blank strings count as "not filled in"; everything else is passed on to the field's rule. */
const blankAsMissing = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : (v ?? undefined));

function fieldSchema(field: FormField, lang: Lang): z.ZodType<string | undefined> {
  if (field.kind === "select") {
    const options = field.options.map((o) => o.value);
    const choice = z.string({ error: teamsText("choose", lang) }).refine((v) => options.includes(v), teamsText("choose", lang));
    return z.preprocess(blankAsMissing, field.required ? choice : choice.optional());
  }
  const text = z.string({ error: teamsText("required", lang) }).refine((v) => Array.from(v).length <= field.maxLength, tooLongText(field.maxLength, lang));
  return z.preprocess(blankAsMissing, field.required ? text : text.optional());
}

export type FormReading =
  | { ok: true; values: Record<string, string | null> }
  /** problems by field id; `entered` refills the form (what could be read as text) */
  | { ok: false; problems: Record<string, string>; entered: Record<string, string> };

/** The submitted `data` of a form's Action.Execute → its values, checked against the form. */
export function readFormData(form: Form, data: Record<string, unknown>, lang: Lang): FormReading {
  const raw = Object.fromEntries(form.fields.map((f) => [f.id, data[formInputId(form, f.id)]]));
  const schema = z.object(Object.fromEntries(form.fields.map((f) => [f.id, fieldSchema(f, lang)])));
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    return { ok: true, values: Object.fromEntries(form.fields.map((f) => [f.id, (parsed.data as Record<string, string | undefined>)[f.id] ?? null])) };
  }
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) problems[String(issue.path[0])] ??= issue.message;
  const entered = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
  return { ok: false, problems, entered };
}

/** The problems as one line per field label, for the problem text on the form card. */
export function describeProblems(form: Form, problems: Record<string, string>, lang: Lang): string {
  const lines = form.fields.filter((f) => problems[f.id]).map((f) => `${f.label.replace(/[?:]$/, "")}: ${problems[f.id]}`);
  return [teamsText("formProblem", lang), ...lines].join(" · ");
}
