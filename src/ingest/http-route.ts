// POST /api/responses — survey tools push answers here (one, an array, or { responses: [...] }).
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";
import { isLoopback, PayloadTooLargeError, readBody, sendJson, type Handler } from "../server/http-server.ts";
import type { IngestService } from "../services/ingest-service.ts";
import { parseIngestBody, toNormalized } from "./api-schema.ts";

/** 1,000 answers with long comments fit comfortably; anything larger is refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? "";
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return given !== "" && crypto.timingSafeEqual(a, b);
}

/** The ingest token's check (POST /api/responses, POST /api/forget): without INGEST_TOKEN only
 * this machine may call. Answers 401 itself and returns false when the caller may not. */
export function authorizeIngest(req: IncomingMessage, res: ServerResponse, token: string | undefined): boolean {
  if (token ? tokenMatches(req.headers.authorization, token) : isLoopback(req.socket.remoteAddress)) return true;
  res.setHeader("www-authenticate", 'Bearer realm="kundepuls"');
  sendJson(res, 401, { error: token ? "missing or wrong bearer token" : "set INGEST_TOKEN to accept answers from other machines" });
  return false;
}

/** The request's JSON body; undefined when it answered 413 or 400 itself. */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(req, limit);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return sendJson(res, 413, { error: `request body is larger than ${limit} bytes` });
    throw error;
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return sendJson(res, 400, { error: "invalid input", issues: [{ path: "", message: "body is not valid JSON" }] });
  }
}

export function createIngestHandler(deps: { ingest: IngestService; token: string | undefined; log: Logger; now?: () => Date }): Handler {
  const now = deps.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (!authorizeIngest(req, res, deps.token)) return;
    const body = await readJsonBody(req, res, MAX_BODY_BYTES);
    if (body === undefined) return;
    const parsed = parseIngestBody(body);
    if (!parsed.ok) return sendJson(res, parsed.status, { error: parsed.status === 413 ? "too many answers" : "invalid input", issues: parsed.errors });
    const receivedAt = now();
    const result = await deps.ingest.store(parsed.answers.map((a) => toNormalized(a, receivedAt)), receivedAt);
    sendJson(res, 200, { created: result.created, updated: result.updated, unchanged: result.unchanged });
  };
}
