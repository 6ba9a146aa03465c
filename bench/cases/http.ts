// POST /api/responses under sustained load: the real server (`kundepuls start` as a child with its
// own database) against a bare node:http server that only parses the JSON. The load comes from a
// third process (bench/load.ts, autocannon), every request with answers of unique ids.
import type { Dialect } from "../../src/store/sql.ts";
import net from "node:net";
import path from "node:path";
import { createBenchDb, storedCount, tmpRoot, type BenchDb } from "../lib/db.ts";
import fs from "node:fs";
import { answerAt, apiBody } from "../lib/data.ts";
import { alternate, BIN, httpOk, median, ROOT, runNode, startNode } from "../lib/measure.ts";
import type { CaseResult, Settings } from "../lib/report.ts";

const LOAD = path.join(ROOT, "bench", "load.mjs");
const BARE = path.join(ROOT, "bench", "baseline", "bare-server.mjs");

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** 2,000 answer bodies for the load generator: answered in the last two days (pushed soon after). */
function templatesFile(seed: number): string {
  const file = path.join(tmpRoot, `answers-${seed}.json`);
  if (fs.existsSync(file)) return file;
  const now = Date.now();
  const bodies = Array.from({ length: 2000 }, (_, i) => {
    const a = answerAt(seed, i);
    a.answeredAt = new Date(now - 60_000 - ((i * 7919) % (2 * 86_400)) * 1000);
    return JSON.stringify({ ...apiBody(a), id: "\u0000", source: "\u0001" });
  });
  fs.writeFileSync(file, JSON.stringify(bodies));
  return file;
}

interface LoadResult {
  ms: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  answersGenerated: number;
  answersAcknowledged: number;
  latencyP50: number;
  latencyP99: number;
}

async function load(url: string, spec: { connections: number; batch: number; source: string; seed: number; amount?: number; seconds?: number }): Promise<LoadResult> {
  const run = await runNode([LOAD, JSON.stringify({ url, templates: templatesFile(spec.seed), ...spec })], {});
  if (run.code !== 0) throw new Error(`load generator failed: ${run.stderr.slice(-1500)}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as LoadResult;
}

/** Both batch sizes against one pair of servers (started once per database). */
export async function runHttpCases(s: Settings, provider: Dialect, batches: number[], log: (m: string) => void): Promise<CaseResult[]> {
  const db = await createBenchDb(provider, "http");
  const [kPort, bPort] = [await freePort(), await freePort()];
  const env = { DATABASE_URL: db.databaseUrl, PORT: String(kPort), HOST: "127.0.0.1", LOG_LEVEL: "warn", SLACK_BOT_TOKEN: "", MICROSOFT_APP_ID: "", INGEST_TOKEN: "" };
  const kundepuls = await startNode([BIN, "start"], env, () => httpOk(`http://127.0.0.1:${kPort}/healthz`));
  const bare = await startNode([BARE], { PORT: String(bPort), HOST: "127.0.0.1" }, () => httpOk(`http://127.0.0.1:${bPort}/healthz`));
  try {
    const results: CaseResult[] = [];
    for (const batch of batches) {
      const r = await oneBatchSize(s, provider, batch, db, `http://127.0.0.1:${kPort}/api/responses`, `http://127.0.0.1:${bPort}/api/responses`, log);
      // A failed request: keep what the server logged about it.
      if (r.pass === false) r.detail = { ...r.detail, serverLog: kundepuls.stderr().slice(-4000) };
      results.push(r);
    }
    return results;
  } finally {
    await kundepuls.stop();
    await bare.stop();
    await db.drop();
  }
}

async function oneBatchSize(s: Settings, provider: Dialect, batch: number, db: BenchDb, kUrl: string, bUrl: string, log: (m: string) => void): Promise<CaseResult> {
  const problems: string[] = [];
  let countsOk = true;
  let sent = 0;
  let stored = 0;
  const latencies: number[] = [];
  const spec = { connections: s.httpConnections, batch, seed: s.seed };
  // Calibrate: a short run against each server tells how many requests fill the measured time;
  // measured runs then send exactly that many and wait for every answer (exact counts).
  let kAmount = s.httpSmokeRequests;
  let bAmount = s.httpSmokeRequests;
  if (!s.httpSmokeRequests) {
    const seconds = Math.min(3, Math.max(1, Math.round(s.httpSeconds / 5)));
    const rate = (r: LoadResult) => r.ok / (r.ms / 1000);
    kAmount = Math.max(s.httpConnections, Math.round(rate(await load(kUrl, { ...spec, source: `warmup-${batch}`, seconds })) * s.httpSeconds));
    bAmount = Math.max(s.httpConnections, Math.round(rate(await load(bUrl, { ...spec, source: `warmup-${batch}`, seconds })) * s.httpSeconds));
  }
  let round = 0;
  const once = async (isKundepuls: boolean) => {
    const source = `bench-${batch}-${round++}`;
    const r = await load(isKundepuls ? kUrl : bUrl, { ...spec, source, amount: isKundepuls ? kAmount : bAmount });
    const bad = r.non2xx + r.errors + r.timeouts;
    if (bad > 0) problems.push(`${isKundepuls ? "kundepuls" : "baseline"}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    if (isKundepuls) {
      const n = await storedCount(db, source);
      sent += r.answersAcknowledged;
      stored += n;
      latencies.push(r.latencyP99);
      // Every acknowledged answer stored exactly once. A request the client gave up on (timeout)
      // may still have been stored — its re-delivery would count as unchanged — but nothing that
      // was never sent may appear.
      const exact = bad === 0 ? n === r.answersAcknowledged : n >= r.answersAcknowledged && n <= r.answersGenerated;
      if (!exact) countsOk = false;
      if (n !== r.answersAcknowledged) problems.push(`${source}: stored ${n}, acknowledged ${r.answersAcknowledged}`);
    }
    const rate = r.answersAcknowledged / (r.ms / 1000);
    log(`  http ${provider} batch ${batch} ${isKundepuls ? "kundepuls" : "baseline "} ${Math.round(rate)} answers/s (${r.requests} requests in ${(r.ms / 1000).toFixed(1)} s, p99 ${r.latencyP99} ms)`);
    return rate;
  };
  const m = await alternate(s.httpRounds, 0, () => once(true), () => once(false));
  const k = median(m.a);
  const b = median(m.b);
  const ok = problems.length === 0;
  const needsFloor = provider === "sqlite" && batch === 1;
  return {
    case: `POST /api/responses, ${batch === 1 ? "1 answer" : `${batch} answers`} per request`,
    id: `http-batch${batch}`,
    database: provider,
    size: s.httpSmokeRequests ? `${s.httpSmokeRequests} requests × ${s.httpRounds}` : `${s.httpSeconds} s × ${s.httpRounds}, ${s.httpConnections} conn.`,
    kundepuls: k, baseline: b, unit: "answers/s", ratio: k / b,
    target: needsFloor ? "≥ 2,000 answers/s, 0 errors, stored = sent" : "report ratio; 0 errors, stored = sent",
    pass: needsFloor ? ok && k >= 2000 : ok ? null : false,
    note: `${ok ? "0 errors; stored = sent" : problems.join("; ")} (${stored.toLocaleString("en-US")} stored of ${sent.toLocaleString("en-US")} acknowledged); p99 latency ${median(latencies)} ms`,
    // storedCountOk: every acknowledged answer is stored, exactly once (a refused request stores none).
    detail: { answersPerSecKundepuls: m.a, answersPerSecBaseline: m.b, sent, stored, storedCountOk: countsOk, errorsOk: ok, problems, p99: latencies },
  };
}
