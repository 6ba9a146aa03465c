// POST /api/sources/<name> — survey tools push answers here. The raw body is kept (signatures
// are over the exact bytes); the answer is 2xx only once it is stored.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBodyOr413, sendJson, type Handler } from "./http-server.ts";
import type { SourceService } from "../services/source-service.ts";

export const SOURCES_PREFIX = "/api/sources/";
/** One survey answer with its question definitions (Typeform sends them along) fits easily. */
const MAX_BODY_BYTES = 1024 * 1024;

export function createSourceHandler(sources: SourceService): Handler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://kundepuls");
    const path = url.pathname;
    let name: string;
    try {
      name = decodeURIComponent(path.slice(SOURCES_PREFIX.length));
    } catch {
      return sendJson(res, 404, { error: "not found" });
    }
    const raw = await readBodyOr413(req, res, MAX_BODY_BYTES);
    if (!raw) return;
    const outcome = await sources.receive(name, raw, req.headers, url.searchParams);
    sendJson(res, outcome.status, outcome.body);
  };
}
