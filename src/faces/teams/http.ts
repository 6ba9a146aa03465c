// POST /api/messages on Kundepuls' own node:http server. CloudAdapter.process wants an
// express/restify-like request (parsed `body`) and response (status/header/send/end); this file
// is that small bridge, plus the checks done before botbuilder sees a request: size, JSON, the
// activity envelope (zod), and in local mode that the caller is on this machine.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CloudAdapter } from "botbuilder";
import type { Logger } from "../../logger.ts";
import { isLoopback, PayloadTooLargeError, readBody, sendJson, type Handler } from "../../server/http-server.ts";
import { envelopeSchema } from "./activity.ts";
import type { TurnHandler } from "./bot.ts";
import { LIMITS } from "./limits.ts";

/** The response object CloudAdapter.process writes to: status, then body, then end. */
export function expressResponse(res: ServerResponse) {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return this;
      const json = typeof body !== "string" && !Buffer.isBuffer(body);
      if (json && !res.headersSent) res.setHeader("content-type", "application/json; charset=utf-8");
      res.write(json ? JSON.stringify(body) : body);
      return this;
    },
    end() {
      res.end();
      return this;
    },
  };
}

export interface MessagesRouteOptions {
  adapter: CloudAdapter;
  turn: TurnHandler;
  /**
   * token: botbuilder verifies the Bot Framework token (a request without one is refused here
   * already, quietly); loopback: local mode, unauthenticated, so only this machine (the Emulator)
   */
  access: "token" | "loopback";
  log: Logger;
}

export function createMessagesRoute({ adapter, turn, access, log }: MessagesRouteOptions): Handler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (access === "loopback" && !isLoopback(req.socket.remoteAddress)) {
      log.warn(`teams: refused an unauthenticated activity from ${req.socket.remoteAddress} (local mode accepts this machine only)`);
      return sendJson(res, 401, { error: "local mode: only clients on this machine may post activities; set MICROSOFT_APP_ID for Teams" });
    }
    if (access === "token" && !/^Bearer \S/i.test(req.headers.authorization ?? "")) {
      log.warn(`teams: refused an activity without a Bot Framework token from ${req.socket.remoteAddress}`);
      return sendJson(res, 401, { error: "missing Bot Framework token" });
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, LIMITS.inboundBytes)).toString("utf8"));
    } catch (error) {
      const tooLarge = error instanceof PayloadTooLargeError;
      log.warn(`teams: ${tooLarge ? "oversized" : "unreadable"} request to /api/messages ignored`);
      return sendJson(res, tooLarge ? 413 : 400, { error: tooLarge ? "activity too large" : "body is not JSON" });
    }
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      log.warn(`teams: not a Bot Framework activity (${envelope.error.issues.map((i) => i.path.join(".") || "body").join(", ")}); ignored`);
      return sendJson(res, 400, { error: "not a Bot Framework activity" });
    }
    await adapter.process({ method: "POST", headers: req.headers, body: body as Record<string, unknown> }, expressResponse(res), turn);
    if (!res.writableEnded) res.end();
  };
}
