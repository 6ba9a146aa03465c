// POST /api/responses — survey tools push answers here (one, an array, or { responses: [...] }).
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";
import { isLoopback, readBodyOr413, sendJson, type Handler } from "./http-server.ts";
import type { IngestService } from "../services/ingest-service.ts";
import { parseIngestBody, toNormalized } from "../ingest/api-schema.ts";

/** 1,000 answers with long comments fit comfortably; anything larger is refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? "";
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return given !== "" && crypto.timingSafeEqual(a, b);
}

/**
 * The ingest API's guard, also used for /metrics: the INGEST_TOKEN bearer token, or (no token
 * configured) clients on this machine only. Answers 401 and returns false when refused.
 */
export function admitted(req: IncomingMessage, res: ServerResponse, token: string | undefined): boolean {
  if (token ? tokenMatches(req.headers.authorization, token) : isLoopback(req.socket.remoteAddress)) return true;
  res.setHeader("www-authenticate", 'Bearer realm="kundepuls"');
  sendJson(res, 401, { error: token ? "missing or wrong bearer token" : "set INGEST_TOKEN to accept requests from other machines" });
  return false;
}

/** How a request's answers ended, per survey source (for metrics). */
export type IngestObserver = (event: { source: string; outcome: "received" | "stored" | "refused"; count: number }) => void;

/** Each item's `source` as sent (an invalid body still names its sources where it can). */
function sourcesOf(body: unknown): string[] {
  const items = Array.isArray(body) ? body : body && typeof body === "object" && "responses" in body && Array.isArray(body.responses) ? body.responses : [body];
  return items.map((item: unknown) => {
    const source = item && typeof item === "object" && "source" in item ? item.source : "api";
    return typeof source === "string" && /^[\w.-]{1,40}$/.test(source) ? source : "unknown";
  });
}

function countBySource(sources: string[], outcome: "received" | "stored" | "refused", observe: IngestObserver): void {
  const counts = new Map<string, number>();
  for (const source of sources) counts.set(source, (counts.get(source) ?? 0) + 1);
  for (const [source, count] of counts) observe({ source, outcome, count });
}

/** The request's JSON body; undefined when it answered 413 or 400 itself. */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  const raw = await readBodyOr413(req, res, limit);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return sendJson(res, 400, { error: "invalid input", issues: [{ path: "", message: "body is not valid JSON" }] });
  }
}

export function createIngestHandler(deps: { ingest: IngestService; token: string | undefined; log: Logger; now?: () => Date; observe?: IngestObserver }): Handler {
  const now = deps.now ?? (() => new Date());
  const observe = deps.observe ?? (() => {});
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (!admitted(req, res, deps.token)) return;
    const raw = await readBodyOr413(req, res, MAX_BODY_BYTES);
    if (!raw) return;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      for (const outcome of ["received", "refused"] as const) observe({ source: "unknown", outcome, count: 1 });
      return sendJson(res, 400, { error: "invalid input", issues: [{ path: "", message: "body is not valid JSON" }] });
    }
    const parsed = parseIngestBody(body);
    const sources = sourcesOf(body);
    countBySource(sources, "received", observe);
    if (!parsed.ok) {
      countBySource(sources, "refused", observe);
      return sendJson(res, parsed.status, { error: parsed.status === 413 ? "too many answers" : "invalid input", issues: parsed.errors });
    }
    const receivedAt = now();
    const result = await deps.ingest.store(parsed.answers.map((a) => toNormalized(a, receivedAt)), receivedAt).catch((error: unknown) => {
      countBySource(sources, "refused", observe); // answered 500: nothing of it was stored
      throw error;
    });
    countBySource(sources, "stored", observe);
    sendJson(res, 200, { created: result.created, updated: result.updated, unchanged: result.unchanged });
  };
}
