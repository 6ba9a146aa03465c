// GET /healthz — the process is alive (no dependencies: a liveness probe must not restart a
// replica because the database is down). GET /readyz — this replica can serve: the database
// answers, its migrations are applied, the configured chat faces started, and it is not shutting
// down. 503 with {"ready":false,"reason":"…"} otherwise, so a load balancer stops sending traffic.
import { sendJson, type HttpServer } from "./http-server.ts";

export class Readiness {
  private readonly waitingFor = new Set<string>();

  constructor(
    private readonly server: HttpServer,
    private readonly databaseProblem: () => Promise<string | null>,
  ) {}

  /** A face that must report `started` before the replica is ready (e.g. Slack's token check). */
  expect(face: string): void {
    this.waitingFor.add(face);
  }

  started(face: string): void {
    this.waitingFor.delete(face);
  }

  async reason(): Promise<string | null> {
    if (this.server.isClosing) return "shutting down";
    const [face] = this.waitingFor;
    if (face) return `${face} has not started`;
    return this.databaseProblem();
  }
}

export function mountHealth(server: HttpServer, readiness: Readiness): void {
  server.route("GET", "/healthz", (_req, res) => sendJson(res, 200, { ok: true }));
  server.route("GET", "/readyz", async (_req, res) => {
    const reason = await readiness.reason();
    sendJson(res, reason ? 503 : 200, reason ? { ready: false, reason } : { ready: true });
  });
}
