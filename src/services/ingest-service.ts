// Stores incoming answers and tells whoever listens (detractor cases, stories) what changed.
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import type { AnswerStore, StoredChange, UpsertResult } from "../store/answers.ts";
import type { Logger } from "../logger.ts";

export type ChangeListener = (changes: StoredChange[]) => Promise<void>;

export class IngestService {
  private readonly listeners: ChangeListener[] = [];

  constructor(private readonly answers: AnswerStore, private readonly log: Logger) {}

  onChanges(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async store(batch: NormalizedAnswer[], receivedAt = new Date()): Promise<UpsertResult> {
    const result = await this.answers.upsertBatch(batch, receivedAt);
    if (result.changes.length > 0) {
      for (const listener of this.listeners) {
        // The answers are stored; a failing follow-up must not turn the delivery into an error
        // (the survey tool would re-send it). Follow-ups are idempotent and can be re-run.
        await listener(result.changes).catch((error) => this.log.error("answer follow-up failed", error));
      }
    }
    return result;
  }
}
