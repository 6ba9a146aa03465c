// Helpers for tests that run real `kundepuls start` processes (bin/kundepuls.mjs) side by side on
// one PostgreSQL schema against one fake Slack: a prepared database, the child processes (always
// killed at the end, even when a test fails), and polling for a condition with a deadline.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { parseDailyCron } from "../../src/core/schedule.ts";
import { BindingService } from "../../src/services/binding-service.ts";
import { DigestService } from "../../src/services/digest-service.ts";
import { GoalService } from "../../src/services/goal-service.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import type { Db } from "../../src/store/database.ts";
import { JobRunStore } from "../../src/store/job-runs.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { BIN, ROOT } from "../support/cli.ts";
import { OUTBOX_EVENT_TYPE } from "../../src/faces/slack/deliverer.ts";
import { migratedDatabase, POSTGRES_URL, type TestDatabase } from "../support/databases.ts";
import { startFakeSlack, type FakeSlack, type PostedMessage } from "../support/fake-slack.ts";
import { createRepositories } from "../../src/store/repositories.ts";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Polls `probe` until it returns something other than undefined/null/false; throws after `ms`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 30_000, context: () => string = () => ""): Promise<T> {
  const until = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value as T;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > until) {
      const why = lastError ? ` (last error: ${(lastError as Error).message})` : "";
      throw new Error(`timed out waiting for ${what}${why}\n${context()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Bot {
  name: string;
  child: ChildProcess;
  /** everything the process wrote (logs go to stderr) */
  output(): string;
  /** resolves with the exit code (or the signal's name) once the process is gone */
  exited: Promise<number | string | null>;
}

const running = new Set<Bot>();
// Should the test runner itself go away, take the bots with it.
process.once("exit", () => {
  for (const bot of running) bot.child.kill("SIGKILL");
});

/** Starts `kundepuls start` with the environment given (on top of a clean one for Kundepuls' variables). */
export function startBot(name: string, env: Record<string, string>): Bot {
  const child = spawn(process.execPath, [BIN, "start"], {
    cwd: ROOT,
    // Kundepuls' own variables are blanked (empty = unset) so the outer environment cannot leak in.
    env: {
      ...process.env,
      SLACK_APP_TOKEN: "", MICROSOFT_APP_ID: "", MICROSOFT_APP_PASSWORD: "", MICROSOFT_APP_TENANT_ID: "",
      STORY_CHANNELS: "", FALLBACK_ALERT_CHANNELS: "", TIME_ZONE: "", DIGEST_QUIET_DAY: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (d) => (text += d));
  child.stderr!.on("data", (d) => (text += d));
  const bot: Bot = {
    name,
    child,
    output: () => text,
    exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal))),
  };
  running.add(bot);
  void bot.exited.then(() => running.delete(bot));
  return bot;
}

/** SIGTERM (a clean stop) or SIGKILL (a crash), and wait until the process is gone. */
export async function stopBot(bot: Bot, signal: "SIGTERM" | "SIGKILL"): Promise<number | string | null> {
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill(signal);
  const timer = setTimeout(() => bot.child.kill("SIGKILL"), 10_000); // a clean stop that hangs is ended
  try {
    return await bot.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every bot still running (afterEach: also when a test failed halfway). */
export async function killAllBots(): Promise<void> {
  await Promise.all([...running].map((bot) => stopBot(bot, "SIGKILL")));
}

export function logsOf(...bots: Bot[]): string {
  return bots.map((b) => `--- ${b.name} ---\n${b.output()}`).join("\n");
}

export interface PreparedTeams {
  /** team slug → its digest channels, in binding order */
  channels: Map<string, string[]>;
}

/** Teams with a fortnight of answers each, and Slack digest channels bound with /nps connect's service. */
export async function prepareTeams(prisma: Db, teams: { slug: string; name: string; channels: string[] }[], now = new Date()): Promise<PreparedTeams> {
  const bindings = new BindingService(createRepositories(prisma));
  const channels = new Map<string, string[]>();
  for (const [t, team] of teams.entries()) {
    const row = await prisma.team.create({ data: { slug: team.slug, name: team.name } });
    await prisma.answer.createMany({
      data: Array.from({ length: 14 }, (_, i) => ({
        source: "api", externalId: `${team.slug}-${i}`, score: (i * 3 + t) % 11, teamId: row.id, contentHash: `h-${team.slug}-${i}`,
        answeredAt: new Date(now.getTime() - (i + 1) * 3_600_000 * 20), comment: i % 4 === 0 ? "Hurtig og venlig hjælp, tak for det" : null,
      })),
    });
    for (const channel of team.channels) {
      const bound = await bindings.connect("slack", channel, team.slug, ["digest"], "U0ADMIN001");
      if (!bound.ok) throw new Error(`could not bind ${channel} to ${team.slug}`);
    }
    channels.set(team.slug, team.channels);
  }
  return { channels };
}

/** Queues today's digests as a replica's daily tick does (same service, same keys); returns how many. */
export async function queueTodaysDigests(prisma: Db, cron: string, now = new Date()): Promise<number> {
  const answers = new AnswerStore(prisma);
  const settings = { lang: "da" as const, timeZone: "Europe/Copenhagen", minResponses: 30, cron: parseDailyCron(cron)!, quietDay: "post" as const, allowAnonymousQuotes: false, consoleOnly: false };
  const repos = createRepositories(prisma);
  const digests = new DigestService(repos, answers, new GoalService(repos, answers, settings.timeZone, 30), new OutboxStore(prisma), new JobRunStore(prisma), new BindingService(repos), settings);
  return (await digests.run(now)).reduce((n, r) => n + r.queued, 0);
}

export interface ClaimGate {
  /** how many sessions are stopped updating OutboxMessage (each replica's worker: one) */
  waiting(): Promise<number>;
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Stops every UPDATE of OutboxMessage (claiming is one) until open(): a trigger in the test's
 * own schema takes a shared advisory lock that this session holds exclusively. Replicas that
 * have read the same due messages then try to claim them at the same instant — the race the
 * compare-and-set must decide, made certain instead of left to chance. Inserts are not held.
 */
export async function closeClaimGate(test: TestDatabase): Promise<ClaimGate> {
  const schema = test.target.schema!;
  const lockKey = crypto.randomInt(1, 2 ** 31 - 1);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE FUNCTION "${schema}".claim_gate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_xact_lock_shared(${lockKey}); RETURN NEW; END $$`);
  await client.query(`CREATE TRIGGER claim_gate BEFORE UPDATE ON "${schema}"."OutboxMessage" FOR EACH ROW EXECUTE FUNCTION "${schema}".claim_gate()`);
  await client.query("SELECT pg_advisory_lock($1)", [lockKey]);
  let closed = false;
  return {
    // The first UPDATE of a row waits at the gate (its trigger runs once the row is locked), any
    // other UPDATE of the same row waits for that row: both count as stopped.
    async waiting() {
      const r = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1", [`UPDATE "${schema}"."OutboxMessage"%`]);
      return (r.rows[0] as { n: number }).n;
    },
    async open() {
      await client.query("SELECT pg_advisory_unlock($1)", [lockKey]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end(); // ends the session: the lock goes with it
    },
  };
}

/** Three teams with two Slack digest channels each: six digests a day. */
export const DIGEST_TEAMS = [
  { slug: "alfa", name: "Alfa", channels: ["C0ALFA0001", "C0ALFA0002"] },
  { slug: "bravo", name: "Bravo", channels: ["C0BRAVO001", "C0BRAVO002"] },
  { slug: "charlie", name: "Charlie", channels: ["C0CHARL001", "C0CHARL002"] },
];
/** due since midnight: today's digest is due at once */
export const DIGEST_DUE_NOW = "0 0 * * *";

/** The outbox key Kundepuls attached to a posted message (message metadata), if any. */
export const keyOf = (m: PostedMessage) => (m.metadata?.event_type === OUTBOX_EVENT_TYPE ? String(m.metadata.event_payload.key) : null);

export interface ReplicaFixture {
  fake(): FakeSlack;
  env(): Awaited<ReturnType<typeof migratedDatabase>>;
  /** starts `kundepuls start` on this test's schema and the fake Slack; `extra` adds or overrides variables */
  start(name: string, extra?: Record<string, string>): Promise<Bot>;
  rows(): ReturnType<Db["outboxMessage"]["findMany"]>;
  /** every bot's output and the fake Slack's calls, for a failing wait */
  logs(): string;
  outboxPosts(): PostedMessage[];
}

/**
 * Registers the hooks of a replica test file: one fake Slack per file; per test a fresh
 * PostgreSQL schema with DIGEST_TEAMS bound; every bot killed afterwards (also after a failure).
 */
export function replicaFixture(): ReplicaFixture {
  let fake: FakeSlack;
  let env: Awaited<ReturnType<typeof migratedDatabase>> | undefined;
  let bots: Bot[] = [];
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await killAllBots();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.reset();
    env = await migratedDatabase("postgres");
    await prepareTeams(env.db.prisma, DIGEST_TEAMS);
    bots = [];
  });
  afterEach(async () => {
    await killAllBots();
    await env?.dispose();
    env = undefined;
  });
  return {
    fake: () => fake,
    env: () => env!,
    async start(name, extra = {}) {
      const bot = startBot(name, {
        DATABASE_URL: env!.test.databaseUrl,
        PORT: String(await freePort()),
        HOST: "127.0.0.1",
        SLACK_BOT_TOKEN: "xoxb-replica-test-token",
        SLACK_SIGNING_SECRET: "replica-signing-secret",
        SLACK_API_URL: fake.apiUrl,
        DIGEST_CRON: DIGEST_DUE_NOW,
        INGEST_TOKEN: "replica-ingest-token-0123456789",
        LOG_LEVEL: "info",
        ...extra,
      });
      bots.push(bot);
      return bot;
    },
    rows: () => env!.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } }),
    logs: () => `${logsOf(...bots)}\n--- fake Slack calls ---\n${fake.calls.map((c) => `${c.at} ${c.method} ${String(c.body.channel ?? "")}${c.hung ? " (hung)" : ""}`).join("\n")}`,
    outboxPosts: () => fake.messages().filter((m) => keyOf(m) !== null),
  };
}
