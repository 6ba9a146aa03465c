// The body of POST /api/responses, parsed once at the edge. Unknown fields are ignored (survey
// tools send plenty); known fields are checked strictly and every problem is reported.
import { z } from "zod";
import { answerTimeProblem } from "../core/answer-time.ts";
import { slugify } from "../core/slug.ts";
import { safeText } from "./safe-text.ts";
import type { NormalizedAnswer } from "./normalized-answer.ts";

export const MAX_BATCH = 1000;

const text = (max: number) => safeText(z.string()).trim().max(max);
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), text(max).nullish());

export const apiAnswerSchema = z.object({
  id: z.union([text(200).min(1), z.number().int().nonnegative().transform(String)]),
  source: text(100).min(1).default("api"),
  score: z.number().int().min(0).max(10),
  // checked against the clock when parsed (the edge parses each request once, as it arrives)
  respondedAt: z.iso.datetime({ offset: true, local: false }).superRefine((v, ctx) => {
    const at = new Date(v);
    const problem = Number.isNaN(at.getTime()) ? null : answerTimeProblem(at, new Date()); // a bad format is reported already
    if (problem) ctx.addIssue({ code: "custom", message: problem.en });
  }).optional(),
  comment: optionalText(10_000),
  team: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : slugify(v)) : v),
    safeText(z.string()).min(1, "must name a team, e.g. support or b2b-salg").nullish(),
  ),
  touchpoint: optionalText(200),
  ces: z.number().int().min(1).max(7).nullish(),
  consentToShare: z.boolean().default(false),
  language: optionalText(20),
  customer: z
    .object({
      name: optionalText(300),
      email: z.preprocess((v) => (v === "" ? null : v), z.email().max(320).nullish()),
      account: optionalText(300),
    })
    .nullish(),
});

export type ApiAnswer = z.infer<typeof apiAnswerSchema>;

export type ParsedBody =
  | { ok: true; answers: ApiAnswer[] }
  | { ok: false; status: 400 | 413; errors: { path: string; message: string }[] };

/** One answer, an array, or `{ "responses": [...] }`; each problem reported with its path. */
export function parseIngestBody(body: unknown): ParsedBody {
  const list = Array.isArray(body)
    ? { items: body, prefix: "" }
    : body && typeof body === "object" && "responses" in body
      ? { items: (body as { responses: unknown }).responses, prefix: "responses" }
      : null;
  if (list && !Array.isArray(list.items))
    return { ok: false, status: 400, errors: [{ path: "responses", message: "must be an array of answers" }] };
  const items = list ? (list.items as unknown[]) : [body];
  if (items.length === 0) return { ok: false, status: 400, errors: [{ path: list?.prefix ?? "", message: "the batch is empty" }] };
  if (items.length > MAX_BATCH)
    return { ok: false, status: 413, errors: [{ path: list?.prefix ?? "", message: `at most ${MAX_BATCH} answers per request (got ${items.length})` }] };
  const answers: ApiAnswer[] = [];
  const errors: { path: string; message: string }[] = [];
  items.forEach((item, index) => {
    const parsed = apiAnswerSchema.safeParse(item);
    if (parsed.success) answers.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        const at = list ? [list.prefix, String(index), ...issue.path.map(String)] : issue.path.map(String);
        errors.push({ path: at.filter((p) => p !== "").join("."), message: issue.message });
      }
  });
  return errors.length > 0 ? { ok: false, status: 400, errors } : { ok: true, answers };
}

export function toNormalized(a: ApiAnswer, now: Date): NormalizedAnswer {
  return {
    source: a.source,
    externalId: a.id,
    score: a.score,
    ces: a.ces ?? null,
    comment: a.comment ?? null,
    customerName: a.customer?.name ?? null,
    customerEmail: a.customer?.email?.toLowerCase() ?? null,
    customerAccount: a.customer?.account ?? null,
    teamSlug: a.team ?? null,
    touchpoint: a.touchpoint ?? null,
    language: a.language ?? null,
    consentToShare: a.consentToShare,
    answeredAt: a.respondedAt ? new Date(a.respondedAt) : now,
    ...(a.respondedAt === undefined ? { timeGiven: false } : {}),
  };
}
