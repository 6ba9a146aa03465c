// A submitted modal (view_submission) → the values of its Form, checked at the edge: required
// fields filled in, texts within their length, a menu choice one of the offered options. Errors
// are keyed by the field id, which is the input's block_id, as response_action "errors" wants.
import { z } from "zod";
import type { Form } from "../../../../messages/forms.ts";
import type { Lang } from "../../../../core/language.ts";
import { MODAL_TEXT } from "../../texts.ts";

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

export type FormReading = { ok: true; values: Record<string, string | null> } | { ok: false; errors: Record<string, string> };

export function readForm(form: Form, state: unknown, lang: Lang): FormReading {
  const parsed = stateValues.safeParse(state);
  const all = parsed.success ? parsed.data : {};
  const t = MODAL_TEXT[lang];
  const values: Record<string, string | null> = {};
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const input = all[field.id]?.[field.id];
    const raw = (field.kind === "select" ? input?.selected_option?.value : input?.value)?.trim() ?? "";
    if (raw === "") {
      if (field.required) errors[field.id] = field.kind === "select" ? t.choose : t.required;
      values[field.id] = null;
    } else if (field.kind === "select" && !field.options.some((o) => o.value === raw)) {
      errors[field.id] = t.choose;
    } else if (field.kind !== "select" && Array.from(raw).length > field.maxLength) {
      errors[field.id] = t.tooLong(field.maxLength);
    } else {
      values[field.id] = raw;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
