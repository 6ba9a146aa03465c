// The survey tools Kundepuls takes answers from, and the answer fields a source maps. A source's
// row (store/sources.ts) and its parsing (ingest/sources/) both speak of them, so they live here.
export const KINDS = ["typeform", "formbricks", "delighted", "surveymonkey", "qualtrics", "asknicely", "generic"] as const;
export type SourceKind = (typeof KINDS)[number];

export const FIELDS = ["id", "respondedAt", "score", "ces", "comment", "email", "name", "account", "team", "touchpoint", "consent", "language"] as const;
export type SourceField = (typeof FIELDS)[number];
export type Mapping = Partial<Record<SourceField, string>>;
