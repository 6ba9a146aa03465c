// One HTTP server for everything Kundepuls serves: health, ingestion, the Slack and Teams
// endpoints. A tiny router on node:http — each face adds its own routes.
import crypto from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { withLogContext, type Logger } from "../logger.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Called when a response has been sent: `route` is the pattern ("POST /api/responses", "unmatched"), never the raw URL. */
export type RequestObserver = (request: { route: string; method: string; status: number; seconds: number }) => void;

/** A request id from the caller (a proxy's X-Request-Id) if it looks like one, else a new one. */
function requestId(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,100}$/.test(given) ? given : crypto.randomUUID();
}

export class PayloadTooLargeError extends Error {}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(data) });
  res.end(data);
}

/** Reads a request body, refusing more than `limit` bytes without buffering the rest. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new PayloadTooLargeError(`body larger than ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new PayloadTooLargeError(`body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The body, or null after answering 413 when it is larger than `limit`. */
export async function readBodyOr413(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    sendJson(res, 413, { error: `request body is larger than ${limit} bytes` });
    return null;
  }
}

export class HttpServer {
  private readonly routes = new Map<string, Handler>();
  private readonly inFlight = new Set<ServerResponse>();
  private closing: Promise<void> | undefined;
  /** routes for a path prefix ("POST /api/sources/" → any name after it) */
  private readonly prefixes: [string, Handler][] = [];
  readonly server: http.Server;
  /** set by the composition root (metrics) */
  observe: RequestObserver = () => {};

  constructor(private readonly log: Logger) {
    this.server = http.createServer((req, res) => void this.dispatch(req, res));
    this.server.keepAliveTimeout = 65_000;
  }

  route(method: "GET" | "POST", path: string, handler: Handler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** A handler for every path below `prefix` (which ends in "/"). */
  routePrefix(method: "GET" | "POST", prefix: string, handler: Handler): void {
    this.prefixes.push([`${method} ${prefix}`, handler]);
  }

  /** The handler for a request and the route pattern it matched ("POST /api/sources/*"), never the raw URL. */
  private match(method: string | undefined, path: string): { route: string; handler: Handler } | undefined {
    const key = `${method} ${path}`;
    const exact = this.routes.get(key);
    if (exact) return { route: key, handler: exact };
    const prefix = this.prefixes.find(([p]) => key.startsWith(p) && key.length > p.length);
    return prefix ? { route: `${prefix[0]}*`, handler: prefix[1] } : undefined;
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reqId = requestId(req);
    res.setHeader("x-request-id", reqId);
    const started = performance.now();
    this.inFlight.add(res);
    // While closing, every response ends its connection, so keep-alive clients reconnect elsewhere.
    if (this.closing) res.shouldKeepAlive = false;
    res.once("close", () => {
      this.inFlight.delete(res);
      const path = (req.url ?? "/").split("?")[0]!;
      const route = this.match(req.method, path)?.route ?? "unmatched";
      this.observe({ route, method: req.method ?? "", status: res.statusCode, seconds: (performance.now() - started) / 1000 });
    });
    return withLogContext({ reqId }, () => this.handle(req, res));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    const handler = this.match(req.method, path)?.handler;
    if (!handler) {
      const known = [...this.routes.keys()].some((k) => k.endsWith(` ${path}`)) || this.prefixes.some(([p]) => path.startsWith(p.split(" ")[1]!));
      sendJson(res, known ? 405 : 404, { error: known ? "method not allowed" : "not found" });
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      this.log.error(`${req.method} ${path} failed`, error);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.end();
    }
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve(this.server.address() as AddressInfo));
    });
  }

  /** True from the moment close() is called (readiness answers 503 at once). */
  get isClosing(): boolean {
    return this.closing !== undefined;
  }

  /**
   * Stops accepting connections and lets requests in flight finish: idle keep-alive connections
   * are closed at once (and whenever one goes idle), responses still to come end their
   * connection. After `graceMs` whatever is left is cut.
   */
  close(graceMs = 0): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const res of this.inFlight) res.shouldKeepAlive = false;
      if (!this.server.listening) return resolve();
      const idle = setInterval(() => this.server.closeIdleConnections(), 50);
      const cut = setTimeout(() => {
        if (this.inFlight.size > 0) this.log.warn(`shutdown: ${this.inFlight.size} request(s) still running after ${graceMs / 1000} s; cut`);
        this.server.closeAllConnections();
      }, graceMs);
      this.server.close(() => {
        clearInterval(idle);
        clearTimeout(cut);
        resolve();
      });
      this.server.closeIdleConnections();
    });
    return this.closing;
  }
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || !!address?.startsWith("127.");
}
