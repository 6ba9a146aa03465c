// POST /api/responses — survey tools push answers here (one, an array, or { responses: [...] }).
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";
import { isLoopback, readBodyOr413, sendJson, type Handler } from "../server/http-server.ts";
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

export function createIngestHandler(deps: { ingest: IngestService; token: string | undefined; log: Logger; now?: () => Date }): Handler {
  const now = deps.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (deps.token ? !tokenMatches(req.headers.authorization, deps.token) : !isLoopback(req.socket.remoteAddress)) {
      res.setHeader("www-authenticate", 'Bearer realm="kundepuls"');
      sendJson(res, 401, {
        error: deps.token ? "missing or wrong bearer token" : "set INGEST_TOKEN to accept answers from other machines",
      });
      return;
    }
    const raw = await readBodyOr413(req, res, MAX_BODY_BYTES);
    if (!raw) return;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return sendJson(res, 400, { error: "invalid input", issues: [{ path: "", message: "body is not valid JSON" }] });
    }
    const parsed = parseIngestBody(body);
    if (!parsed.ok) return sendJson(res, parsed.status, { error: parsed.status === 413 ? "too many answers" : "invalid input", issues: parsed.errors });
    const receivedAt = now();
    const result = await deps.ingest.store(parsed.answers.map((a) => toNormalized(a, receivedAt)), receivedAt);
    sendJson(res, 200, { created: result.created, updated: result.updated, unchanged: result.unchanged });
  };
}
