/** One survey answer after parsing at the edge (HTTP or CSV), ready to be stored. */
export interface NormalizedAnswer {
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
