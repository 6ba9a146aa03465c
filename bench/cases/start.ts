// Cold start: `kundepuls start` as a child on an already-migrated database, timed from spawn to
// the first 200 from /healthz; then idle for a moment and its resident memory is read from /proc.
import type { Dialect } from "../../src/store/sql.ts";
import { createBenchDb } from "../lib/db.ts";
import { BIN, httpOk, median, procMemory, startNode } from "../lib/measure.ts";
import type { CaseResult, Settings } from "../lib/report.ts";
import { freePort } from "./http.ts";

export async function runStartCases(s: Settings, provider: Dialect, log: (m: string) => void): Promise<CaseResult[]> {
  const db = await createBenchDb(provider, "start");
  const ready: number[] = [];
  const idle: number[] = [];
  const peak: number[] = [];
  try {
    for (let r = 0; r < s.startRounds; r++) {
      const port = await freePort();
      const env = { DATABASE_URL: db.databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", SLACK_BOT_TOKEN: "", MICROSOFT_APP_ID: "" };
      const child = await startNode([BIN, "start"], env, () => httpOk(`http://127.0.0.1:${port}/healthz`));
      await new Promise((res) => setTimeout(res, s.mode === "smoke" ? 300 : 2000));
      const mem = procMemory(child.child.pid!);
      await child.stop();
      ready.push(child.readyMs);
      idle.push(mem?.rssMb ?? NaN);
      peak.push(mem?.hwmMb ?? NaN);
      log(`  start ${provider} ready in ${child.readyMs.toFixed(0)} ms, idle RSS ${mem?.rssMb.toFixed(0)} MB (peak ${mem?.hwmMb.toFixed(0)} MB)`);
    }
  } finally {
    await db.drop();
  }
  const readyMs = median(ready);
  const rss = Math.max(...idle);
  return [
    {
      case: "cold start → /healthz ready (kundepuls start)", id: "cold-start", database: provider, size: `${s.startRounds} starts`,
      kundepuls: readyMs, baseline: null, unit: "ms", ratio: null, target: "< 2 s", pass: readyMs < 2000,
      detail: { readyMs: ready },
    },
    {
      case: "idle memory after start (RSS)", id: "idle-rss", database: provider, size: `${s.startRounds} starts`,
      kundepuls: rss, baseline: null, unit: "MB", ratio: null, target: "< 150 MB", pass: rss < 150,
      note: `highest idle RSS of ${s.startRounds} starts; peak during start ${Math.max(...peak).toFixed(0)} MB`,
      detail: { idleRssMb: idle, peakRssMb: peak },
    },
  ];
}
