import { AnswerStore } from "../../src/store/answers.ts";
import { openDatabase } from "../../src/store/database.ts";
import { applyMigrations } from "../../src/store/migrate.ts";
import fs from "node:fs";
fs.rmSync("/tmp/prof/st.db", { force: true });
const target = { provider: "sqlite" as const, url: "/tmp/prof/st.db" };
await applyMigrations(target);
const db = await openDatabase(target);
const store = new AnswerStore(db.prisma);
const mk = (i: number) => ({ source: "api", externalId: `x${i}`, score: i % 11, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null, teamSlug: "support", touchpoint: null, language: null, consentToShare: false, answeredAt: new Date() });
for (const [label, from] of [["no queue", null], ["queue", new Date(0)], ["no queue", null], ["queue", new Date(0)]] as const) {
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) await store.upsertBatch([mk(Math.random() * 1e9 | 0)], new Date(), { followUpFrom: from });
  console.log(label, ((performance.now() - t0) / 300).toFixed(2), "ms/answer");
}
const t0 = performance.now();
await Promise.all(Array.from({ length: 300 }, (_, i) => store.upsertBatch([mk(1e9 + i)], new Date(), { followUpFrom: new Date(0) })));
console.log("300 concurrent queue", ((performance.now() - t0) / 300).toFixed(2), "ms/answer");
await db.close();
