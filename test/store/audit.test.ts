import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditStore, SYSTEM_ACTOR } from "../../src/store/audit.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

describe.each(PROVIDERS)("audit trail on %s", (provider) => {
  let store: AuditStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const m = await migratedDatabase(provider);
    store = new AuditStore(m.db.prisma);
    dispose = m.dispose;
  });
  afterAll(() => dispose());

  it("keeps allowed and refused actions in order and filters by time and team", async () => {
    const mette = { platform: "slack" as const, userId: "U0METTE", name: "Mette" };
    await store.record({ actor: mette, action: "case.claim", objectType: "case", objectId: 7, teamId: 1, allowed: false, detail: { reason: "notMember" } }, new Date("2026-12-01T08:00:00Z"));
    await store.recordMany([
      { actor: mette, action: "goal.set", objectType: "team", objectId: "support", teamId: 1, allowed: true, detail: { target: 40 } },
      { actor: SYSTEM_ACTOR, action: "customer.forget", objectType: "customer", objectId: null, allowed: true },
    ], new Date("2026-12-02T08:00:00Z"));

    const all = await store.list();
    expect(all.map((r) => [r.action, r.allowed, r.objectId, r.teamId])).toEqual([
      ["case.claim", false, "7", 1],
      ["goal.set", true, "support", 1],
      ["customer.forget", true, null, null],
    ]);
    expect(all[0]!.actor).toEqual(mette);
    expect(all[0]!.detail).toEqual({ reason: "notMember" });
    expect(all[2]!.actor).toEqual(SYSTEM_ACTOR);
    expect((await store.list({ since: new Date("2026-12-02T00:00:00Z") })).map((r) => r.action)).toEqual(["goal.set", "customer.forget"]);
    expect((await store.list({ teamId: 1 })).map((r) => r.action)).toEqual(["case.claim", "goal.set"]);
  });
});
