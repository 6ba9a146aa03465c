// /healthz says the process lives; /readyz says this replica can serve: the database answers,
// its migrations are applied, the configured faces started — and answers 503 with a reason
// otherwise (a PostgreSQL that stops accepting connections and comes back, a pending migration,
// a Slack face whose token check has not run).
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { waitFor } from "../support/cli.ts";
import { POSTGRES_URL, PROVIDERS } from "../support/databases.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

let run: RunningApp | undefined;
let proxy: TcpProxy | undefined;
let fake: FakeSlack | undefined;
afterEach(async () => {
  await proxy?.restore().catch(() => {});
  await run?.stop();
  await proxy?.close();
  await fake?.close();
  run = proxy = fake = undefined;
});

async function probe(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

const answer = (id: string) => ({ id, score: 9, team: "Support", respondedAt: new Date().toISOString() });
const post = (url: string, body: unknown) =>
  fetch(`${url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("readiness against a PostgreSQL that goes away and comes back", () => {
  it("answers 503 with the reason while the database refuses connections, and 200 again once it is back", async () => {
    const upstream = new URL(POSTGRES_URL);
    proxy = await startTcpProxy(upstream.hostname, Number(upstream.port || 5432));
    const proxied = new URL(POSTGRES_URL);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const schema = `kp_test_ready_${Date.now().toString(36)}`;
    run = await startTestApp("postgres", { DATABASE_URL: `${proxied}?schema=${schema}` });
    const dropOwnSchema = run.test.drop;
    run.test.drop = async () => {
      await dropOwnSchema();
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
    expect(await probe(`${run.url}/readyz`)).toEqual({ status: 200, body: { ready: true } });
    expect((await post(run.url, answer("before"))).status).toBe(200);

    await proxy.cut();
    const down = await probe(`${run.url}/readyz`);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, reason: expect.stringMatching(/^database unreachable: /) });
    expect(await probe(`${run.url}/healthz`)).toEqual({ status: 200, body: { ok: true } }); // alive: no restart
    expect((await post(run.url, answer("during"))).status).toBe(500);

    await proxy.restore();
    await waitFor(async () => ((await probe(`${run!.url}/readyz`)).status === 200 ? true : undefined), 15_000);
    expect((await post(run.url, answer("after"))).status).toBe(200);
    const stored = await run.app.db.prisma.answer.findMany({ select: { externalId: true }, orderBy: { externalId: "asc" } });
    expect(stored.map((a) => a.externalId)).toEqual(["after", "before"]);
  });
});

describe.each(PROVIDERS)("readiness on %s", (provider) => {
  it("answers 503 while a migration this build ships is not applied", async () => {
    run = await startTestApp(provider);
    expect(await probe(`${run.url}/readyz`)).toEqual({ status: 200, body: { ready: true } });
    const [last] = await run.app.db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`,
    );
    await run.app.db.prisma.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = '${last!.migration_name}'`);
    expect(await probe(`${run.url}/readyz`)).toEqual({ status: 503, body: { ready: false, reason: `migrations pending: ${last!.migration_name}` } });
  });

  it("stays ready when a newer replica has applied a migration this build does not know (rolling upgrade)", async () => {
    run = await startTestApp(provider);
    await run.app.db.prisma.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('newer', 'x', ${provider === "sqlite" ? "1" : "now()"}, '29991231000000_from_the_future', ${provider === "sqlite" ? "1" : "now()"}, 1)`,
    );
    expect(await probe(`${run.url}/readyz`)).toEqual({ status: 200, body: { ready: true } });
  });
});

describe("readiness while shutting down", () => {
  it("says 503 from the moment the server starts closing", async () => {
    run = await startTestApp("sqlite");
    expect(await run.app.readiness.reason()).toBeNull();
    const closing = run.app.server.close(1_000);
    expect(await run.app.readiness.reason()).toBe("shutting down");
    await closing;
  });
});

describe("readiness with Slack configured", () => {
  it("waits for the Slack face to start (its token checked)", async () => {
    fake = await startFakeSlack();
    run = await startTestApp("sqlite", { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s".repeat(32), SLACK_API_URL: fake.apiUrl });
    expect(await probe(`${run.url}/readyz`)).toEqual({ status: 503, body: { ready: false, reason: "slack has not started" } });
    await run.app.slack!.start();
    run.app.readiness.started("slack");
    expect(await probe(`${run.url}/readyz`)).toEqual({ status: 200, body: { ready: true } });
  });
});
