// A tool's payload → the normalized answer Kundepuls stores (pure). Values are coerced the way
// survey tools send them (numbers as strings, times as epoch seconds), then checked by the same
// schema as POST /api/responses. Reasons name fields and selectors, never the payload's values.
import { apiAnswerSchema, toNormalized } from "../api-schema.ts";
import type { NormalizedAnswer } from "../normalized-answer.ts";
import { FIELDS, KIND_SPECS, type Mapping, type SourceField, type SourceKind } from "./kinds.ts";
import { select } from "./selectors.ts";

export interface SourceMappingConfig {
  name: string;
  kind: SourceKind;
  mappings: Mapping;
  team: string | null;
  touchpoint: string | null;
}

export type Mapped = { ok: true; answer: NormalizedAnswer } | { ok: false; reason: string };

/** The selector per field: the kind's defaults, the source's --map entries, --team/--touchpoint. */
export function effectiveMapping(source: SourceMappingConfig): Mapping {
  const fixed: Mapping = {};
  if (source.team) fixed.team = `=${source.team}`;
  if (source.touchpoint) fixed.touchpoint = `=${source.touchpoint}`;
  return { ...KIND_SPECS[source.kind].defaults, ...source.mappings, ...fixed };
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function toInt(v: unknown): unknown {
  if (typeof v === "string" && /^\s*-?\d+(\.0+)?\s*$/.test(v)) return Number(v);
  return v;
}

/** ISO text stays; epoch seconds or milliseconds (number or digits) become ISO; "2020-10-22 12:31:40" is read as UTC. */
function toTime(v: unknown): unknown {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{9,13}$/.test(v.trim()) ? Number(v) : null;
  if (n !== null) return new Date(n < 1e12 ? n * 1000 : n).toISOString();
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v.trim())) return `${v.trim().replace(" ", "T")}Z`;
  if (typeof v === "string" && /[+-]\d{4}$/.test(v)) return v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  return v;
}

function toBool(v: unknown): unknown {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return /^(true|yes|ja|1|on|accepted)$/i.test(v.trim());
  return v;
}

const text = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);

export function mapPayload(source: SourceMappingConfig, payload: unknown, receivedAt: Date): Mapped {
  const mapping = effectiveMapping(source);
  const missing = KIND_SPECS[source.kind].mustMap.filter((f) => !source.mappings[f]);
  if (missing.length > 0) return { ok: false, reason: `${source.kind} names its questions with random ids: add --map ${missing.map((f) => `${f}=<selector>`).join(" ")} to source ${source.name}` };
  const values: Partial<Record<SourceField, unknown>> = {};
  for (const field of FIELDS) {
    const selector = mapping[field];
    if (selector === undefined) continue;
    const got = select(payload, selector);
    if (!got.ok) return { ok: false, reason: `${field}: ${got.reason}` };
    values[field] = blank(got.value) ? undefined : got.value;
  }
  for (const required of ["id", "score"] as const)
    if (values[required] === undefined) return { ok: false, reason: `${required}: nothing found at ${mapping[required] ?? "(no selector)"}` };
  const candidate = {
    id: text(values.id), source: source.name, score: toInt(values.score), respondedAt: values.respondedAt === undefined ? undefined : toTime(values.respondedAt),
    comment: text(values.comment), team: text(values.team), touchpoint: text(values.touchpoint), ces: values.ces === undefined ? undefined : toInt(values.ces),
    consentToShare: values.consent === undefined ? false : toBool(values.consent), language: text(values.language),
    customer: { name: text(values.name), email: text(values.email), account: text(values.account) },
  };
  const parsed = apiAnswerSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.map(String);
    const field = at[0] === "customer" ? at[1] : at[0] === "consentToShare" ? "consent" : at[0];
    return { ok: false, reason: `${field}: ${issue.message} (from ${mapping[field as SourceField] ?? "?"})` };
  }
  return { ok: true, answer: toNormalized(parsed.data, receivedAt) };
}
