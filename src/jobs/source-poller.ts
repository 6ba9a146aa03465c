// Pull sources: a tool that cannot push is asked every --poll-minutes for the answers modified
// since the source's cursor. Each poll period is claimed in job_runs, so across replicas it runs
// once; a replica that was down catches up on its next tick (the cursor covers the gap); a
// failing API backs off (1, 2, 4 … 60 minutes) and its error shows in `kundepuls source list`.
import cron, { type ScheduledTask } from "node-cron";
import { mapPayload } from "../ingest/sources/mapping.ts";
import { DEFAULT_API_URL, modifiedSince, ToolApiError } from "../ingest/tool-api.ts";
import type { Logger } from "../logger.ts";
import type { SourceService } from "../services/source-service.ts";
import type { JobRunStore } from "../store/job-runs.ts";
import type { SourceRow } from "../store/sources.ts";

const MINUTE_MS = 60_000;
/** A poll taking longer than this is presumed dead; another replica may take its period over. */
const LEASE_MS = 10 * MINUTE_MS;
const MAX_BACKOFF_MINUTES = 60;

export interface PollResult {
  source: string;
  polled: boolean;
  stored?: number;
  error?: string;
}

export class SourcePoller {
  private task: ScheduledTask | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(
    private readonly sources: SourceService,
    private readonly jobRuns: JobRunStore,
    private readonly log: Logger,
  ) {}

  /** Polls every pull source whose current period nobody has polled yet. */
  async tick(now: Date): Promise<PollResult[]> {
    const results: PollResult[] = [];
    for (const source of await this.sources.store.pollable()) {
      if (source.pollRetryAt && source.pollRetryAt > now) {
        results.push({ source: source.name, polled: false });
        continue;
      }
      const periodMs = source.pollMinutes! * MINUTE_MS;
      const key = `poll:${source.name}:${new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString()}`;
      if (!(await this.jobRuns.claim(key, now, LEASE_MS))) {
        results.push({ source: source.name, polled: false });
        continue;
      }
      try {
        const stored = await this.poll(source, now);
        await this.jobRuns.finish(key, now, `${stored} answer(s)`);
        results.push({ source: source.name, polled: true, stored });
      } catch (error) {
        await this.jobRuns.release(key);
        const message = error instanceof ToolApiError ? error.message : `poll failed: ${(error as Error).message}`;
        const failures = source.pollFailures + 1;
        const backoff = Math.min(2 ** (failures - 1), MAX_BACKOFF_MINUTES) * MINUTE_MS;
        await this.sources.store.pollFailed(source.name, failures, new Date(now.getTime() + backoff), message);
        this.log.warn(`source ${source.name}: ${message} (attempt ${failures}; next try in ${backoff / MINUTE_MS} min)`);
        results.push({ source: source.name, polled: true, error: message });
      }
    }
    return results;
  }

  /** One poll: every answer modified since the cursor, stored page by page; the cursor moves after each page. */
  private async poll(source: SourceRow, now: Date): Promise<number> {
    const token = this.sources.envValue(source.tokenEnv, "API token");
    if (!token.ok) throw new ToolApiError(token.reason);
    if (!source.surveyId) throw new ToolApiError("no --survey configured");
    const apiUrl = source.apiUrl ?? DEFAULT_API_URL[source.kind] ?? "";
    let cursor = source.pollCursor;
    let stored = 0;
    for await (const page of modifiedSince(apiUrl, token.value, source.surveyId, source.pollCursor)) {
      const answers = [];
      for (const item of page) {
        const mapped = mapPayload(source, item, now);
        if (mapped.ok) answers.push(mapped.answer);
        else await this.sources.refuse(source, now, 400, mapped.reason);
        const modified = typeof item.date_modified === "string" ? new Date(item.date_modified) : null;
        if (modified && !Number.isNaN(modified.getTime()) && (!cursor || modified > cursor)) cursor = modified;
      }
      if (answers.length > 0) await this.sources.storeAnswers(source, answers, now);
      stored += answers.length;
      await this.sources.store.pollSucceeded(source.name, cursor);
    }
    return stored;
  }

  start(): void {
    const safeTick = () => {
      if (this.ticking) return;
      this.ticking = this.tick(new Date())
        .catch((error) => this.log.error("source polling failed", error))
        .finally(() => (this.ticking = undefined));
    };
    safeTick();
    this.task = cron.schedule("* * * * *", safeTick, { name: "kundepuls-source-poller" });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.ticking;
  }
}
