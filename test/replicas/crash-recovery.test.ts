// How fast a dead replica is noticed, with the default lease (OUTBOX_LEASE_SECONDS unset = 10 s):
// two real `kundepuls start` processes on one PostgreSQL schema and one fake Slack. Replica A
// claims today's six digests and hangs on the first post; while A lives, its heartbeat renews its
// leases (B, idle beside it, takes nothing). Then A is killed mid-post (before Slack's client
// would time the post out, 10 s): B delivers everything within a lease and a poll of the kill,
// each once. (That B does not take over a live replica's messages past a lease is shown with a
// moving clock in lease-renewal.test.ts.)
import { describe, expect, it } from "vitest";
import { DIGEST_DUE_NOW, DIGEST_TEAMS as TEAMS, keyOf, queueTodaysDigests, replicaFixture, stopBot, waitUntil, type Bot } from "./support.ts";

/** the default OUTBOX_LEASE_SECONDS, and what recovery may take at most: a lease, a poll, slack */
const LEASE_MS = 10_000;
const RECOVERY_BOUND_MS = LEASE_MS + 3_000;

const replicas = replicaFixture();
const start = (name: string): Promise<Bot> => replicas.start(name, { OUTBOX_LEASE_SECONDS: "" }); // "" = unset: the default
const { rows, logs } = replicas;
const postedKeys = () => replicas.outboxPosts().map(keyOf);

describe("crash recovery with the default lease", () => {
  it("a live replica's heartbeat keeps its messages; a killed one's are delivered by the other within a lease and a poll", async () => {
    expect(await queueTodaysDigests(replicas.env().db.prisma, DIGEST_DUE_NOW)).toBe(6);
    replicas.fake().hangPosts({ channel: TEAMS[0]!.channels[0]!, times: 1 });
    const a = await start("A");
    await waitUntil("A's first post to hang", () => replicas.fake().calls.find((c) => c.hung), 30_000, logs);
    const claimed = await rows();
    expect(claimed.every((r) => r.lockedBy !== null && r.lockedBy === claimed[0]!.lockedBy)).toBe(true); // A holds all six
    const firstLeaseEnd = Math.max(...claimed.map((r) => r.lockedUntil!.getTime()));
    const b = await start("B");
    await waitUntil("B ready", () => b.output().includes("slack: ready"), 30_000, logs);

    // A is alive (hung on one call): its heartbeat moves all six leases on, and they stay A's.
    await waitUntil("A's leases renewed", async () => {
      const now = await rows();
      return now.every((r) => r.lockedBy === claimed[0]!.lockedBy && r.lockedUntil!.getTime() > firstLeaseEnd);
    }, 30_000, logs);
    expect(replicas.fake().callsTo("chat.postMessage")).toHaveLength(1); // B took nothing from a live replica

    expect(await stopBot(a, "SIGKILL")).toBe("SIGKILL");
    const killedAt = Date.now();
    await waitUntil("every digest sent by B", async () => (await rows()).every((r) => r.state === "sent"), 30_000, logs);
    const recoveredIn = Date.now() - killedAt;
    expect(recoveredIn, `recovered in ${recoveredIn} ms`).toBeLessThan(RECOVERY_BOUND_MS);
    expect(await stopBot(b, "SIGTERM")).toBe(0);

    // Each digest once: the hung one was found in the history, not posted again.
    expect(postedKeys().sort()).toEqual(claimed.map((r) => r.key).sort());
    expect(replicas.fake().callsTo("chat.postMessage")).toHaveLength(6);
    expect(b.output()).toContain("had already arrived before a crash; not sent again");
    if (process.env.KUNDEPULS_PRINT_RECOVERY) process.stdout.write(`recovery after kill: ${recoveredIn} ms\n`);
  }, 90_000);
});
