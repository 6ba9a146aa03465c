// The load generator, run as its own process: node bench/load.mjs '<json spec>'.
// autocannon against POST /api/responses; every request carries answers with fresh, unique ids.
// With `amount` it sends exactly that many requests and waits for every response (exact counts);
// with `seconds` it runs that long (calibration only). `templates` is a JSON file of answer
// bodies (bench/lib/data.ts) in which "\u0000" stands for the id and "\u0001" for the source.
import fs from "node:fs";
import autocannon from "autocannon";

const spec = JSON.parse(process.argv[2]);
const templates = JSON.parse(fs.readFileSync(spec.templates, "utf8")).map((t) => t.replace('"\\u0001"', JSON.stringify(spec.source)));
let next = 0;
const body = () => {
  const parts = [];
  for (let i = 0; i < spec.batch; i++) {
    const n = next++;
    parts.push(templates[n % templates.length].replace('"\\u0000"', `"${spec.source}-${n}"`));
  }
  return spec.batch === 1 ? parts[0] : `[${parts.join(",")}]`;
};

// autocannon notices the end only on its one-second tick; time the run up to the last response.
const t0 = process.hrtime.bigint();
let last = t0;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds ?? 5 }),
  requests: [{ method: "POST", headers: { "content-type": "application/json" }, setupRequest: (req) => ({ ...req, body: body() }),
    onResponse: () => (last = process.hrtime.bigint()) }],
});
const ms = Number((spec.amount ? last : process.hrtime.bigint()) - t0) / 1e6;
const ok = result["2xx"];
process.stdout.write(JSON.stringify({
  ms, requests: result.requests.total, ok, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
  answersGenerated: next, answersAcknowledged: ok * spec.batch, latencyP50: result.latency.p50, latencyP99: result.latency.p99,
}) + "\n");
