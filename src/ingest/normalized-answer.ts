// The edges parse every answer into the store's record (core/answer-record.ts); ingest calls it
// by the name it has always had here.
export type { AnswerRecord as NormalizedAnswer } from "../core/answer-record.ts";
