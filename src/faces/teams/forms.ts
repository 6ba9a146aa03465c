// A Form (src/messages/forms.ts) drawn as Adaptive Card inputs with an Action.Execute submit, and
// what comes back read at the edge: the inputs' values by field id, checked by the form check all
// faces share (src/messages/form-reading.ts). Teams merges the values of the card's inputs into the
// action's `data`, keyed by input id; ids carry the form and its private data ("case.resolve.42.
// outcome"), so several forms on one card (the home card: one per case) never share an id.
import { parseCaseId } from "../../core/case-id.ts";
import { fieldProblemText, fieldProblemTexts } from "../../messages/face-texts.ts";
import { readFormValues, type FormReader, type FormValues, type SubmittedValues } from "../../messages/form-reading.ts";
import { resolveCaseForm, type Form, type FormField } from "../../messages/forms.ts";
import { truncate } from "../../messages/model.ts";
import type { Lang } from "../../core/language.ts";
import type { Element } from "./charts.ts";
import { LIMITS } from "./limits.ts";
import { escapeInline } from "./markdown.ts";
import { teamsText } from "./texts.ts";

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
  const caseId = actionId === "case.resolve" ? parseCaseId(value) : null;
  return caseId === null ? null : resolveCaseForm(caseId, lang);
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
      ...(field.required ? { errorMessage: fieldProblemText({ kind: "choose" }, lang) } : {}),
      ...(value ? { value } : {}),
    };
  }
  const initial = value ?? field.initial;
  return {
    type: "Input.Text",
    ...common,
    ...(field.kind === "multiline" ? { isMultiline: true } : {}),
    maxLength: field.maxLength,
    ...(field.required ? { errorMessage: fieldProblemText({ kind: "required" }, lang) } : {}),
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

/** The form's inputs in the submitted `data`, by field id; anything that is not text is not filled in. */
function submittedValues(form: Form, data: Record<string, unknown>): SubmittedValues {
  return Object.fromEntries(
    form.fields.map((f) => {
      const value = data[formInputId(form, f.id)];
      return [f.id, typeof value === "string" ? value : undefined];
    }),
  );
}

export type FormReading<T> =
  | { ok: true; values: T }
  /** problems in words by field id; `entered` refills the form (what could be read as text, as sent) */
  | { ok: false; problems: Record<string, string>; entered: Record<string, string> };

/** The submitted `data` of a form's Action.Execute → its values as `reader` reads them, or what is wrong. */
export function readCardForm<T>(reader: FormReader<T>, form: Form, data: Record<string, unknown>, lang: Lang): FormReading<T> {
  const submitted = submittedValues(form, data);
  const read = reader(form, submitted);
  if (read.ok) return { ok: true, values: read.value };
  const entered = Object.fromEntries(Object.entries(submitted).filter((e): e is [string, string] => e[1] !== undefined));
  return { ok: false, problems: fieldProblemTexts(read.errors, lang), entered };
}

/** Every field of the form by id (trimmed, or null when empty), checked. */
export function readFormData(form: Form, data: Record<string, unknown>, lang: Lang): FormReading<FormValues> {
  return readCardForm(readFormValues, form, data, lang);
}

/** The problems as one line per field label, for the problem text on the form card. */
export function describeProblems(form: Form, problems: Record<string, string>, lang: Lang): string {
  const lines = form.fields.filter((f) => problems[f.id]).map((f) => `${f.label.replace(/[?:]$/, "")}: ${problems[f.id]}`);
  return [teamsText("formProblem", lang), ...lines].join(" · ");
}
