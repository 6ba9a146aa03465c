// Logs: JSON lines (level, time, msg) with the request or job each belongs to, readable lines on
// a terminal, and no customer personal data (e-mail, name, comment) at info and above.
import { afterEach, describe, expect, it , vi} from "vitest";
import { OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { createLogger, defaultLogFormat, withLogContext } from "../../src/logger.ts";
import type { Message } from "../../src/messages/model.ts";
import { HttpServer } from "../../src/server/http-server.ts";
import { PermanentDeliveryError } from "../../src/services/outbox/deliverer.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

type Line = Record<string, unknown> & { level: string; time: string; msg: string };

function capture(level: "debug" | "info" = "info") {
  const raw: string[] = [];
  const log = createLogger({ level, format: "json", write: (line) => void raw.push(line) });
  return { log, raw, lines: () => raw.map((l) => JSON.parse(l) as Line) };
}

let run: RunningApp | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

describe.each(PROVIDERS)("logs of a detractor's way through the app on %s", (provider) => {
  it("hold no e-mail, name or comment at info, and every line is JSON with level, time and msg", async () => {
    const logs = capture("info");
    run = await startTestApp(provider, { DIGEST_CRON: "0 0 * * *" }, logs.log); // a digest due whenever the test runs
    const customer = { name: "Åse Ørum-Privat", email: "aase.privat@example.dk", account: "Bageriet ApS" };
    const comment = "Ventede 40 minutter i telefonen, ring på 22 33 44 55";
    const detractor = { id: "pii-1", score: 1, team: "Support", respondedAt: new Date(Date.now() - 60_000).toISOString(), comment, customer };
    const post = (body: unknown) => fetch(`${run!.url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post(detractor)).status).toBe(200);
    expect((await post({ ...detractor, score: 42 })).status).toBe(400);
    await run.app.followUps.drain();
    expect(await run.app.deliverNow()).toBe(1); // the alert, with the customer's details, to the console
    await run.app.habits.tick(new Date()); // queues today's digest (logged at info)
    const [c] = await run.app.db.prisma.detractorCase.findMany();
    await run.app.cases.claim(c!.id, { platform: "slack", userId: "UANNA", name: "Anna" }, new Date());

    const lines = logs.lines();
    expect(lines.some((l) => /^habits: /.test(l.msg))).toBe(true);
    for (const line of lines) expect(line).toMatchObject({ level: expect.stringMatching(/^(info|warn|error)$/), time: expect.any(String), msg: expect.any(String) });
    const all = logs.raw.join("\n");
    for (const secret of [customer.name, customer.email, comment, "22 33 44 55", "Ørum"]) expect(all).not.toContain(secret);
  });
});

describe("log context", () => {
  it("every line of a request carries its reqId (the caller's X-Request-Id when given)", async () => {
    const logs = capture("debug");
    const server = new HttpServer(logs.log);
    server.route("GET", "/boom", async () => {
      logs.log.debug("about to fail");
      await new Promise((r) => setImmediate(r));
      throw new Error("boom");
    });
    const { port } = await server.listen(0, "127.0.0.1");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/boom`);
      expect(res.status).toBe(500);
      const reqId = res.headers.get("x-request-id");
      expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
      const given = await fetch(`http://127.0.0.1:${port}/boom`, { headers: { "x-request-id": "lb-7f3a" } });
      expect(given.headers.get("x-request-id")).toBe("lb-7f3a");
      expect(logs.lines().map((l) => [l.reqId, l.level, l.msg])).toEqual([
        [reqId, "debug", "about to fail"],
        [reqId, "error", "GET /boom failed"],
        ["lb-7f3a", "debug", "about to fail"],
        ["lb-7f3a", "error", "GET /boom failed"],
      ]);
      expect(logs.lines()[1]!.err).toMatchObject({ message: "boom" });
    } finally {
      await server.close();
    }
  });

  it.each(PROVIDERS)("every line of a job run carries the job and its key, not the request that woke it (%s)", async (provider) => {
    const env = await migratedDatabase(provider);
    try {
      const logs = capture("info");
      const message: Message = { kind: "alert", lang: "da", summary: "Hej", blocks: [{ type: "text", text: "Hej" }] };
      const store = new OutboxStore(env.db.prisma);
      await store.enqueue({ key: "alert:7:slack:U1", platform: "slack", target: "U1", kind: "alert", message });
      const worker = new OutboxWorker(store, { slack: { platform: "slack", deliver: async () => Promise.reject(new PermanentDeliveryError("user_not_found")) } }, logs.log);
      await withLogContext({ reqId: "req-1" }, async () => {
        worker.start();
        await vi.waitFor(() => expect(logs.lines()).toHaveLength(1));
        await worker.stop();
      });
      expect(logs.lines().map((l) => [l.reqId, l.job, l.key, l.msg])).toEqual([
        [undefined, "outbox", "alert:7:slack:U1", "outbox: dead-lettered alert:7:slack:U1 after 1 attempt(s): user_not_found"],
      ]);
    } finally {
      await env.dispose();
    }
  });
});

describe("log format", () => {
  it("pretty: one readable line with the context; json is the default off a terminal", async () => {
    const out: string[] = [];
    const log = createLogger({ format: "pretty", write: (l) => void out.push(l) });
    withLogContext({ job: "habits", key: "2026-12-06T21:00" }, () => log.warn("habits: slow tick", { ms: 1200 }));
    expect(out).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN  \[job=habits key=2026-12-06T21:00\] habits: slow tick \{"ms":1200\}\n$/)]);
    expect(defaultLogFormat(false)).toBe("json");
    expect(defaultLogFormat(true)).toBe("pretty");
  });
});
