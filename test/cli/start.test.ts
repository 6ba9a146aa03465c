// `kundepuls start` as a newcomer runs it: local mode, demo data on an empty database, the HTTP
// server, and the console face answering typed commands on a real terminal (a pty via script(1)).
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { BIN, ROOT, freePort, waitFor } from "../support/cli.ts";
import { parsePeriod } from "../../src/core/periods.ts";

const label = (text: string, lang: "da" | "en") => {
  const parsed = parsePeriod(text, new Date(), "Europe/Copenhagen");
  if (!parsed.ok) throw new Error(text);
  return parsed.period.label[lang];
};

let child: ChildProcess | undefined;
let test: TestDatabase | undefined;
afterEach(async () => {
  child?.kill("SIGTERM");
  child = undefined;
  await test?.drop();
  test = undefined;
});

describe("kundepuls start (local mode)", () => {
  it("fills an empty database with demo data, serves /healthz and answers /nps typed on a terminal", async () => {
    test = await createTestDatabase("sqlite");
    const port = await freePort();
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} start --demo-if-empty`;
    child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: test.databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", TERM: "dumb" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    const health = await waitFor(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.ok ? ((await res.json()) as unknown) : undefined;
    });
    expect(health).toEqual({ ok: true });
    expect(output).toMatch(/demo answers for 4 teams/);
    await waitFor(async () => (output.includes("kundepuls>") ? true : undefined));
    child.stdin!.write("/nps sidste måned support\r");
    await waitFor(async () => (output.includes(`NPS Kundeservice · ${label("sidste måned", "da")}`) ? true : undefined));
    child.stdin!.write("/nps this month\r");
    await waitFor(async () => (output.includes(`NPS ${label("this month", "en")}`) ? true : undefined));
    child.stdin!.write("hvad så\r");
    await waitFor(async () => (/Det forstod jeg ikke/.test(output) ? true : undefined));
    expect(output).toMatch(/Anbefalere \/ passive \/ kritikere/);
  });

  it("without a terminal it reads no commands and keeps serving after stdin closes; it never invents data without the flag", async () => {
    test = await createTestDatabase("sqlite");
    const port = await freePort();
    child = spawn(process.execPath, [BIN, "start"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: test.databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let errors = "";
    let output = "";
    child.stderr!.on("data", (d) => (errors += d));
    child.stdout!.on("data", (d) => (output += d));
    await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined));
    // Written and closed before the requests below: the bot has the command and the end of stdin
    // before it answers them (a request takes several turns of its event loop).
    await new Promise<void>((resolve) => child!.stdin!.end("/nps this month\n", resolve));
    const res = await fetch(`http://127.0.0.1:${port}/api/responses`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "1", score: 10 }),
    });
    expect(await res.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(child.exitCode).toBeNull();
    expect(errors).toMatch(/stdin is not a terminal/);
    expect(output).not.toMatch(/NPS/); // the typed command was not read
  });

  it("a port in use stops start-up with one clear line", async () => {
    test = await createTestDatabase("sqlite");
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const proc = spawn(process.execPath, [BIN, "start"], {
        cwd: ROOT, env: { ...process.env, DATABASE_URL: test.databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
      });
      let stderr = "";
      proc.stderr.on("data", (d) => (stderr += d));
      const code = await new Promise((r) => proc.on("close", r));
      expect(code).toBe(1);
      expect(stderr).toContain(`kundepuls: port ${port} er allerede i brug; sæt PORT til en anden port`);
    } finally {
      blocker.close();
    }
  });
});
