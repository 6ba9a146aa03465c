// What a submitted Form (src/messages/forms.ts) holds, checked once for every face: required
// fields filled in, texts within their length (an emoji is one character), a menu choice one of
// the options offered. Each face only turns its platform's payload (Slack's view state, the data
// of a Teams Action.Execute) into plain values by field id, and the problems back into its own
// answer (Slack's response_action "errors", the Teams form card drawn again).
import { z } from "zod";
import type { FieldProblem } from "./face-texts.ts";
import { OUTCOMES, type Form, type FormField } from "./forms.ts";

/** What the person sent, by field id; a field the platform did not send (or not as text) is undefined. */
export type SubmittedValues = Readonly<Record<string, string | undefined>>;

/** Every field of the form by id: trimmed text, or null when left empty. */
export type FormValues = Record<string, string | null>;

export type FormReading<T> = { ok: true; value: T } | { ok: false; errors: Record<string, FieldProblem> };

/** One of the readings below: readFormValues, readResolveCase, readStory. */
export type FormReader<T> = (form: Form, submitted: SubmittedValues) => FormReading<T>;

/** The submit of the resolve form (resolveCaseForm), as CaseService.resolve takes it. */
export const resolveCaseInput = z.object({ actionTaken: z.string().min(1), outcome: z.enum(OUTCOMES) });
export type ResolveCaseInput = z.infer<typeof resolveCaseInput>;

/** The submit of the story form (storyForm); `team` is missing when no team was offered. */
export const storyInput = z.object({ text: z.string().min(1), team: z.string().nullable().default(null), attribution: z.string().nullable().default(null) });
export type StoryInput = z.infer<typeof storyInput>;

function problemOf(field: FormField, value: string | null): FieldProblem | null {
  if (value === null) return field.required ? { kind: field.kind === "select" ? "choose" : "required" } : null;
  if (field.kind === "select") return field.options.some((o) => o.value === value) ? null : { kind: "choose" };
  return Array.from(value).length > field.maxLength ? { kind: "tooLong", max: field.maxLength } : null;
}

/** One field: blank (or not text at all) is not filled in (null); text is trimmed and held to the field's rule. */
function fieldSchema(field: FormField) {
  return z
    .unknown()
    .transform((raw) => (typeof raw === "string" ? raw.trim() || null : null))
    .superRefine((value, ctx) => {
      const problem = problemOf(field, value);
      if (problem) ctx.addIssue({ code: "custom", message: problem.kind, params: problem });
    });
}

/** The form's values, or what is wrong, field by field (the first problem of each). */
export function readFormValues(form: Form, submitted: SubmittedValues): FormReading<FormValues> {
  const schema = z.object(Object.fromEntries(form.fields.map((f) => [f.id, fieldSchema(f)])));
  const parsed = schema.safeParse(Object.fromEntries(form.fields.map((f) => [f.id, submitted[f.id]])));
  if (parsed.success) return { ok: true, value: parsed.data as FormValues };
  const errors: Record<string, FieldProblem> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === "custom") errors[String(issue.path[0])] ??= issue.params as FieldProblem;
  }
  return { ok: false, errors };
}

/** The form checked, then its values read as `schema` says; a value the schema refuses is a field to fill in. */
export function readFormAs<T>(schema: z.ZodType<T>, form: Form, submitted: SubmittedValues): FormReading<T> {
  const read = readFormValues(form, submitted);
  if (!read.ok) return read;
  const typed = schema.safeParse(read.value);
  if (typed.success) return { ok: true, value: typed.data };
  return { ok: false, errors: Object.fromEntries(typed.error.issues.map((i) => [String(i.path[0]), { kind: "required" } as FieldProblem])) };
}

/** The resolve form (resolveCaseForm) submitted → what CaseService.resolve takes. */
export function readResolveCase(form: Form, submitted: SubmittedValues): FormReading<ResolveCaseInput> {
  return readFormAs(resolveCaseInput, form, submitted);
}

/** The story form (storyForm) submitted → what StoryService.submit takes, but who sent it. */
export function readStory(form: Form, submitted: SubmittedValues): FormReading<StoryInput> {
  return readFormAs(storyInput, form, submitted);
}
