// One HTTP server for everything Kundepuls serves: health, ingestion, the Slack and Teams
// endpoints. A tiny router on node:http — each face adds its own routes.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

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
  /** routes for a path prefix ("POST /api/sources/" → any name after it) */
  private readonly prefixes: [string, Handler][] = [];
  readonly server: http.Server;

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

  private find(method: string | undefined, path: string): Handler | undefined {
    const key = `${method} ${path}`;
    return this.routes.get(key) ?? this.prefixes.find(([p]) => key.startsWith(p) && key.length > p.length)?.[1];
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    const handler = this.find(req.method, path);
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

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || !!address?.startsWith("127.");
}
