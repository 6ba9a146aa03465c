// GET /metrics — Prometheus text format (prom-client), every name prefixed kundepuls_. Counters
// and histograms count what this replica did; the queue gauges are read from the database at
// scrape time (the same for every replica: aggregate them with max, not sum). Guarded like the
// ingest API: the INGEST_TOKEN bearer token, or loopback only when no token is set.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { admitted, type IngestObserver } from "./ingest-route.ts";
import type { Logger } from "../logger.ts";
import type { HabitObserver } from "../services/events.ts";
import type { QueueStats } from "../store/queue-stats.ts";
import type { HttpServer, RequestObserver } from "./http-server.ts";

export type DeliveryResult = "sent" | "retried" | "rate_limited" | "dead";

export class Metrics {
  readonly registry = new Registry();
  private readonly answers = {
    received: this.counter("answers_received_total", "Answers received over the API, by survey source", ["source"]),
    stored: this.counter("answers_stored_total", "Answers acknowledged and stored (created, updated or unchanged), by source", ["source"]),
    refused: this.counter("answers_refused_total", "Answers refused (invalid input, or a failed write answered 500), by source", ["source"]),
  };
  private readonly deliveries = this.counter("deliveries_total", "Outbox delivery attempts, by platform and result", ["platform", "result"]);
  private readonly digests = this.counter("digests_sent_total", "Digests queued for sending (one per team, channel and day)", []);
  private readonly cases = {
    opened: this.counter("cases_opened_total", "Detractor cases opened", []),
    claimed: this.counter("cases_claimed_total", "Detractor cases claimed for the first time", []),
    resolved: this.counter("cases_resolved_total", "Detractor cases resolved (by a person, or by a lifted score)", []),
  };
  private readonly timeToClaim = new Histogram({
    name: "kundepuls_case_time_to_claim_seconds",
    help: "From a case's opening to its first claim",
    buckets: [60, 300, 900, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 48 * 3600, 7 * 86400],
    registers: [this.registry],
  });
  private readonly http = new Histogram({
    name: "kundepuls_http_request_duration_seconds",
    help: "HTTP requests by route pattern, method and status",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private snapshot: Promise<QueueStats | null> | undefined;

  constructor(
    private readonly readQueues: () => Promise<QueueStats>,
    private readonly log: Logger,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: "kundepuls_" });
    this.queueGauge("outbox_depth", "Messages waiting in the outbox, by platform", ["platform"], (s, g) => s.outbox.forEach((o) => g.set({ platform: o.platform }, o.depth)));
    this.queueGauge("outbox_oldest_age_seconds", "Age of the oldest waiting outbox message, by platform", ["platform"], (s, g) =>
      s.outbox.forEach((o) => g.set({ platform: o.platform }, o.oldestSeconds)),
    );
    this.queueGauge("follow_ups_queued", "Answer follow-ups (cases, stories) waiting to run", [], (s, g) => g.set(s.followUps.queued));
    this.queueGauge("follow_ups_oldest_age_seconds", "Age of the oldest waiting follow-up", [], (s, g) => g.set(s.followUps.oldestSeconds));
  }

  private counter(name: string, help: string, labelNames: string[]): Counter {
    return new Counter({ name: `kundepuls_${name}`, help, labelNames, registers: [this.registry] });
  }

  /** A gauge set from one database read shared by all queue gauges of a scrape. */
  private queueGauge(name: string, help: string, labelNames: string[], set: (stats: QueueStats, gauge: Gauge) => void): void {
    const metrics = this;
    new Gauge({
      name: `kundepuls_${name}`,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const stats = await metrics.queues();
        this.reset(); // a platform whose queue emptied disappears instead of showing its last depth
        if (stats) set(stats, this);
      },
    });
  }

  private queues(): Promise<QueueStats | null> {
    this.snapshot ??= this.readQueues()
      .catch((error: unknown) => {
        this.log.warn(`metrics: queue figures not read: ${(error as Error).message}`);
        return null;
      })
      .finally(() => setImmediate(() => (this.snapshot = undefined)));
    return this.snapshot;
  }

  readonly observeIngest: IngestObserver = ({ source, outcome, count }) => this.answers[outcome].inc({ source }, count);

  readonly observeDelivery = (event: { platform: string; result: DeliveryResult }): void => this.deliveries.inc(event);

  readonly observeHabit: HabitObserver = (event) => {
    if (event.type === "digest_queued") this.digests.inc();
    else if (event.type === "case_opened") this.cases.opened.inc();
    else if (event.type === "case_resolved") this.cases.resolved.inc();
    else {
      this.cases.claimed.inc();
      this.timeToClaim.observe(event.secondsToClaim);
    }
  };

  readonly observeRequest: RequestObserver = ({ route, method, status, seconds }) => this.http.observe({ route, method, status: String(status) }, seconds);
}

export function mountMetrics(server: HttpServer, metrics: Metrics, token: string | undefined): void {
  server.route("GET", "/metrics", async (req, res) => {
    if (!admitted(req, res, token)) return;
    const body = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType, "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
}
