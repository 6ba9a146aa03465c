// GET /metrics: Prometheus text with the kundepuls_ names, counted as answers, cases, digests and
// deliveries really happen (through the app), queue gauges read from the database at scrape time,
// HTTP durations by route pattern; guarded like the ingest API.
import { afterEach, describe, expect, it } from "vitest";
import { OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Message } from "../../src/messages/model.ts";
import { PermanentDeliveryError, RetryableDeliveryError, type Deliverer } from "../../src/services/outbox/deliverer.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

let run: RunningApp | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/api/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function scrape(url: string, headers: Record<string, string> = {}): Promise<(name: string) => number | undefined> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const values = new Map(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => [l.slice(0, l.lastIndexOf(" ")), Number(l.slice(l.lastIndexOf(" ") + 1))]));
  return (name) => values.get(name);
}

describe.each(PROVIDERS)("metrics on %s", (provider) => {
  it("counts answers, cases, digests and deliveries, and reads the queues at scrape time", async () => {
    run = await startTestApp(provider, { ADMINS: "UANNA" }); // Anna claims and resolves: an admin may
    const { app, url } = run;
    const recent = new Date(Date.now() - 60_000).toISOString();
    expect((await post(url, [{ id: "d1", source: "typeform", score: 2, team: "Support", respondedAt: recent }, { id: "p1", source: "typeform", score: 8, team: "Support" }])).status).toBe(200);
    expect((await post(url, { id: "bad", source: "typeform", score: 11 })).status).toBe(400);
    expect((await post(url, { id: "a1", score: 9 })).status).toBe(200);
    await app.followUps.drain();
    expect((await fetch(`${url}/no/such/page/123`)).status).toBe(404);

    let m = await scrape(url);
    expect(m('kundepuls_answers_received_total{source="typeform"}')).toBe(3);
    expect(m('kundepuls_answers_stored_total{source="typeform"}')).toBe(2);
    expect(m('kundepuls_answers_refused_total{source="typeform"}')).toBe(1);
    expect(m('kundepuls_answers_stored_total{source="api"}')).toBe(1);
    expect(m("kundepuls_cases_opened_total")).toBe(1);
    expect(m('kundepuls_outbox_depth{platform="console"}')).toBe(1); // the alert, not sent yet
    expect(m('kundepuls_outbox_oldest_age_seconds{platform="console"}')).toBeGreaterThanOrEqual(0);
    expect(m("kundepuls_follow_ups_queued")).toBe(0);
    expect(m('kundepuls_http_request_duration_seconds_count{route="POST /api/responses",method="POST",status="200"}')).toBe(2);
    expect(m('kundepuls_http_request_duration_seconds_count{route="unmatched",method="GET",status="404"}')).toBe(1);
    expect(m("kundepuls_process_cpu_user_seconds_total")).toBeGreaterThan(0);

    expect(await app.deliverNow()).toBe(1);
    const [opened] = await app.db.prisma.detractorCase.findMany();
    const anna = { platform: "slack" as const, userId: "UANNA", name: "Anna" };
    expect((await app.cases.claim(opened!.id, anna, new Date(opened!.openedAt.getTime() + 90_000))).ok).toBe(true);
    expect((await app.cases.resolve(opened!.id, anna, { actionTaken: "Ringede", outcome: "recovered" }, new Date())).ok).toBe(true);
    const digests = await app.digests.run(new Date(), { force: true });
    expect(digests.reduce((n, r) => n + r.queued, 0)).toBeGreaterThan(0);

    m = await scrape(url);
    expect(m('kundepuls_deliveries_total{platform="console",result="sent"}')).toBe(1);
    expect(m('kundepuls_outbox_depth{platform="console"}')).toBe(digests.reduce((n, r) => n + r.queued, 0)); // the digests now
    expect(m("kundepuls_cases_claimed_total")).toBe(1);
    expect(m("kundepuls_cases_resolved_total")).toBe(1);
    expect(m("kundepuls_case_time_to_claim_seconds_count")).toBe(1);
    expect(m("kundepuls_case_time_to_claim_seconds_sum")).toBe(90);
    expect(m("kundepuls_digests_sent_total")).toBe(digests.reduce((n, r) => n + r.queued, 0));
  });
});

describe("metrics access", () => {
  it("with INGEST_TOKEN, /metrics needs the bearer token", async () => {
    run = await startTestApp("sqlite", { INGEST_TOKEN: "t".repeat(20) });
    expect((await fetch(`${run.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${run.url}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong" } })).status).toBe(401);
    const m = await scrape(run.url, { authorization: `Bearer ${"t".repeat(20)}` });
    expect(m("kundepuls_follow_ups_queued")).toBe(0);
  });
});

describe.each(PROVIDERS)("delivery results on %s", (provider) => {
  it("the outbox worker reports each attempt's end: rate_limited, retried, sent, dead", async () => {
    const env = await migratedDatabase(provider);
    try {
      const message: Message = { kind: "digest", lang: "da", summary: "Hej", blocks: [{ type: "text", text: "Hej" }] };
      const outcomes: (Error | "ok")[] = [new RetryableDeliveryError("ratelimited", 1_000, false, "channel"), new Error("socket hang up"), "ok", new PermanentDeliveryError("channel_not_found")];
      const slack: Deliverer = {
        platform: "slack",
        async deliver() {
          const next = outcomes.shift();
          if (next !== "ok") throw next;
          return { remoteId: "ts-1" };
        },
      };
      const store = new OutboxStore(env.db.prisma);
      let clock = new Date("2026-11-30T07:30:00Z");
      const seen: string[] = [];
      const worker = new OutboxWorker(store, { slack }, silentLogger, {
        now: () => clock, random: () => 0, baseDelayMs: 1_000, observe: (e) => void seen.push(`${e.platform}:${e.result}`),
      });
      await store.enqueue({ key: "a", platform: "slack", target: "C1", kind: "alert", message }, clock);
      for (let i = 0; i < 3; i++) {
        await worker.runOnce();
        clock = new Date(clock.getTime() + 60_000);
      }
      await store.enqueue({ key: "b", platform: "slack", target: "C1", kind: "alert", message }, clock);
      await worker.runOnce();
      expect(seen).toEqual(["slack:rate_limited", "slack:retried", "slack:sent", "slack:dead"]);
    } finally {
      await env.dispose();
    }
  });
});
