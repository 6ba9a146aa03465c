// A submitted modal (view_submission) → the values of its Form by field id, checked by the one
// form check all faces share (src/messages/form-reading.ts). Errors are keyed by the field id,
// which is the input's block_id, as response_action "errors" wants.
import { z } from "zod";
import { fieldProblemTexts } from "../../../../messages/face-texts.ts";
import { readFormValues, type FormReader, type FormValues, type SubmittedValues } from "../../../../messages/form-reading.ts";
import type { Form } from "../../../../messages/forms.ts";
import type { Lang } from "../../../../messages/model.ts";

/** view.state.values: block_id → action_id → what the input holds. */
const stateValues = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({
      type: z.string(),
      value: z.string().nullish(),
      selected_option: z.object({ value: z.string() }).nullish(),
    }),
  ),
);

/** The view of a view_submission payload, as far as the face reads it. */
export const submittedView = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.unknown() }),
  }),
});
export type SubmittedView = z.infer<typeof submittedView>;

/** The modal's inputs (block_id = action_id = field id) as plain values; unreadable state → nothing filled in. */
function modalValues(form: Form, state: unknown): SubmittedValues {
  const parsed = stateValues.safeParse(state);
  const all = parsed.success ? parsed.data : {};
  return Object.fromEntries(
    form.fields.map((field) => {
      const input = all[field.id]?.[field.id];
      return [field.id, (field.kind === "select" ? input?.selected_option?.value : input?.value) ?? undefined];
    }),
  );
}

/** The values as `reader` reads them, or the words under each field that is wrong (for response_action "errors"). */
export type FormReading<T> = { ok: true; values: T } | { ok: false; errors: Record<string, string> };

export function readModal<T>(reader: FormReader<T>, form: Form, state: unknown, lang: Lang): FormReading<T> {
  const read = reader(form, modalValues(form, state));
  return read.ok ? { ok: true, values: read.value } : { ok: false, errors: fieldProblemTexts(read.errors, lang, "slack") };
}

/** Every field of the form by id (trimmed, or null when empty), checked. */
export function readForm(form: Form, state: unknown, lang: Lang): FormReading<FormValues> {
  return readModal(readFormValues, form, state, lang);
}
