// The answer as the store takes it: what the edges (HTTP, CSV, survey tools) parse their input
// into. A plain shape in core because ingest (which builds it) and store (which keeps it) are
// siblings that do not import each other.

/** One survey answer after parsing at the edge (HTTP or CSV), ready to be stored. */
export interface AnswerRecord {
  source: string;
  externalId: string;
  score: number;
  ces: number | null;
  comment: string | null;
  customerName: string | null;
  customerEmail: string | null;
  customerAccount: string | null;
  /** team slug, lower-case; null when the answer names no team */
  teamSlug: string | null;
  touchpoint: string | null;
  language: string | null;
  consentToShare: boolean;
  answeredAt: Date;
  /** false: the source gave no time, answeredAt is when it arrived — a stored answer keeps its own time */
  timeGiven?: boolean;
}
