// Answers straight from survey tools: a delivery to POST /api/sources/<name> is verified by the
// source's scheme, mapped onto the normalized answer and stored through IngestService (the same
// path as every answer: source + id is the idempotency key). Every refusal is counted and logged
// with its reason only — never the payload, which holds customers' names and comments.
import { localDayKey } from "../core/schedule.ts";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import { KIND_SPECS } from "../ingest/sources/kinds.ts";
import { mapPayload, type Mapped } from "../ingest/sources/mapping.ts";
import { DEFAULT_API_URL, fetchResponse, noticeIds, ToolApiError } from "../ingest/tool-api.ts";
import { verifyRequest, type Headers } from "../ingest/sources/verify.ts";
import type { Logger } from "../logger.ts";
import type { SourceRow, SourceStore } from "../store/sources.ts";
import type { IngestService } from "./ingest-service.ts";

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

export class SourceService {
  constructor(
    readonly store: SourceStore,
    private readonly ingest: IngestService,
    private readonly log: Logger,
    private readonly timeZone: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The value of an environment variable the source names, or why it cannot be used. */
  envValue(variable: string | null, what: string): { ok: true; value: string } | { ok: false; reason: string } {
    if (!variable) return { ok: false, reason: `no ${what} variable configured` };
    const value = this.env[variable]?.trim();
    return value ? { ok: true, value } : { ok: false, reason: `${what} variable ${variable} is not set on this server` };
  }

  async receive(name: string, raw: Buffer, headers: Headers, query: URLSearchParams, now = new Date()): Promise<Outcome> {
    const source = await this.store.find(name);
    if (!source) return { status: 404, body: { error: `no source named "${name}"` } };
    const secret = this.envValue(source.secretEnv, "secret");
    // A server without its secret cannot tell real deliveries from forged ones: 503, so the tool retries later.
    if (!secret.ok) return this.refuse(source, now, 503, secret.reason);
    const verified = verifyRequest(source.verify, raw, headers, secret.value, now, query);
    if (!verified.ok) return this.refuse(source, now, 401, verified.reason);
    const payload = parsePayload(raw, source.kind === "qualtrics");
    if (payload === undefined) return this.refuse(source, now, 400, "the body is not valid JSON");
    const event = KIND_SPECS[source.kind].event(payload);
    if (!event.store) return { status: 200, body: { ignored: event.why } };
    let doc: unknown = payload;
    if (KIND_SPECS[source.kind].fetches) {
      const fetched = await this.fetchAnswer(source, payload);
      if (!fetched.ok) return this.refuse(source, now, fetched.status, fetched.reason);
      doc = fetched.doc;
    }
    const mapped = mapPayload(source, doc, now);
    if (!mapped.ok) return this.refuse(source, now, 400, mapped.reason);
    const result = await this.storeAnswers(source, [mapped.answer], now);
    return { status: 200, body: { created: result.created, updated: result.updated, unchanged: result.unchanged } };
  }

  /** What `source test` prints: the answer a saved payload would become (no verification, nothing stored). */
  async tryPayload(name: string, payload: unknown, now = new Date()): Promise<Mapped> {
    const source = await this.store.find(name);
    if (!source) return { ok: false, reason: `no source named "${name}"` };
    return mapPayload(source, payload, now);
  }

  async storeAnswers(source: SourceRow, answers: NormalizedAnswer[], now: Date) {
    const result = await this.ingest.store(answers, now);
    await this.tally(source, () => this.store.countAnswers(source.name, localDayKey(now, this.timeZone), answers.length, now));
    return result;
  }

  async refuse(source: SourceRow, now: Date, status: number, reason: string): Promise<Outcome> {
    this.log.warn(`source ${source.name}: refused (${status}): ${reason}`);
    await this.tally(source, () => this.store.countRefusal(source.name, localDayKey(now, this.timeZone), reason, now));
    return { status, body: { error: reason } };
  }

  /** The status counters are for people: failing to count must not turn a stored answer into a 500 (the tool would retry). */
  private async tally(source: SourceRow, count: () => Promise<void>): Promise<void> {
    try {
      await count();
    } catch (error) {
      this.log.error(`source ${source.name}: status not counted`, error);
    }
  }

  private async fetchAnswer(source: SourceRow, payload: unknown): Promise<{ ok: true; doc: unknown } | { ok: false; status: number; reason: string }> {
    const kind = source.kind as "surveymonkey" | "qualtrics";
    const ids = noticeIds(kind, payload);
    if (typeof ids === "string") return { ok: false, status: 400, reason: ids };
    const token = this.envValue(source.tokenEnv, "API token");
    const apiUrl = source.apiUrl ?? DEFAULT_API_URL[kind];
    if (!token.ok) return { ok: false, status: 503, reason: token.reason };
    if (!apiUrl) return { ok: false, status: 503, reason: "no --api-url configured" };
    try {
      return { ok: true, doc: await fetchResponse(kind, apiUrl, token.value, ids) };
    } catch (error) {
      // The tool retries a 502 later; the answer is not lost.
      if (error instanceof ToolApiError) return { ok: false, status: 502, reason: `fetching the answer failed: ${error.message}` };
      throw error;
    }
  }
}

/** JSON, or for Qualtrics a form: its fields, or with a sharedKey the event's JSON in MSG. undefined: unreadable. */
function parsePayload(raw: Buffer, form: boolean): unknown {
  try {
    if (!form) return JSON.parse(raw.toString("utf8"));
    const fields = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
    return fields.MSG ? { Topic: fields.Topic, ...(JSON.parse(fields.MSG) as object) } : fields;
  } catch {
    return undefined;
  }
}
