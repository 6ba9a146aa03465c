// `kundepuls start` stopped by SIGTERM while survey tools are uploading: it stops accepting
// connections, lets every request it accepted finish (answered 200, its answers stored), then
// exits 0. A second signal exits at once; a request that outlives SHUTDOWN_TIMEOUT_SECONDS is cut.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, ROOT, freePort, waitFor } from "../support/cli.ts";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../support/databases.ts";
import { openDatabase } from "../../src/store/database.ts";

let child: ChildProcess | undefined;
let test: TestDatabase | undefined;
afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await test?.drop();
  test = undefined;
});

interface Started {
  port: number;
  /** JSON log lines so far */
  lines(): Record<string, unknown>[];
  exited: Promise<number | null>;
}

async function start(provider: "sqlite" | "postgres", env: Record<string, string> = {}): Promise<Started> {
  test = await createTestDatabase(provider);
  const port = await freePort();
  child = spawn(process.execPath, [BIN, "start"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: test.databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
  await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined));
  return { port, exited, lines: () => stderr.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** A POST whose headers the server has taken (it answered 100 Continue) and whose body is half sent. */
function halfUpload(port: number, body: string): Promise<{ finish(): Promise<{ status: number; body: string }> }> {
  return new Promise((accepted, failed) => {
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1", port, method: "POST", path: "/api/responses", agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), expect: "100-continue" },
      });
      req.on("continue", () => req.write(body.slice(0, half), () => accepted({ finish: () => (req.end(body.slice(half)), response) })));
      req.on("response", (res) => {
        let text = "";
        res.on("data", (d) => (text += d)).on("end", () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on("error", (error) => (reject(error), failed(error)));
      req.flushHeaders();
    });
    response.catch(() => {});
  });
}

const batch = (n: number) =>
  JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: `b${n}-${i}`, source: "shutdown-test", score: 7 + (i % 2), team: "Support", comment: "x".repeat(200) })));

const stopping = (s: Started, signal: string) => waitFor(async () => (s.lines().some((l) => String(l.msg).startsWith(`${signal}: stopping`)) ? true : undefined));

describe.each(PROVIDERS)("kundepuls start, stopped while uploads are in flight (%s)", (provider) => {
  it("answers and stores every accepted upload, refuses new connections, and exits 0", async () => {
    const s = await start(provider);
    const uploads = await Promise.all(Array.from({ length: 20 }, (_, n) => halfUpload(s.port, batch(n))));
    child!.kill("SIGTERM");
    await stopping(s, "SIGTERM");
    await expect(fetch(`http://127.0.0.1:${s.port}/healthz`)).rejects.toThrow(); // no new connections
    const answers = await Promise.all(uploads.map((u) => u.finish()));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.map((a) => JSON.parse(a.body))).toEqual(Array(20).fill({ created: 50, updated: 0, unchanged: 0 }));
    expect(await s.exited).toBe(0);
    const db = await openDatabase(test!.target);
    try {
      expect(await db.prisma.answer.count({ where: { source: "shutdown-test" } })).toBe(1000);
    } finally {
      await db.close();
    }
    const lines = s.lines();
    for (const line of lines) expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    expect(lines.at(-1)?.msg).toBe("stopped");
  });
});

describe("kundepuls start, stopped with a request that does not finish", () => {
  it("exits at once on a second signal", async () => {
    const s = await start("sqlite", { SHUTDOWN_TIMEOUT_SECONDS: "60" });
    await halfUpload(s.port, batch(0)); // never finished
    child!.kill("SIGTERM");
    await stopping(s, "SIGTERM");
    child!.kill("SIGTERM");
    expect(await s.exited).toBe(143);
  });

  it("cuts it after SHUTDOWN_TIMEOUT_SECONDS and still exits 0", async () => {
    const s = await start("sqlite", { SHUTDOWN_TIMEOUT_SECONDS: "1" });
    await halfUpload(s.port, batch(0));
    const signalled = Date.now();
    child!.kill("SIGINT");
    expect(await s.exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(900);
    expect(s.lines().map((l) => l.msg)).toContain("shutdown: 1 request(s) still running after 1 s; cut");
  });
});
