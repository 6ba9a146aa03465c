// Two real `kundepuls start` processes on one PostgreSQL schema and one (fake) Slack workspace:
// (a) both queue today's digests and both workers reach for the same due rows at the same
//     instant (held at a gate in the database, then let go): every digest is posted exactly once;
// (b) a replica killed while Slack is receiving its message: the other takes over after the
//     lease, finds that message in the channel history by its outbox key and does not post it
//     again, and posts what the dead one had claimed but not sent — each digest exactly once.
import { afterEach, describe, expect, it } from "vitest";
import { localDayKey } from "../../src/core/schedule.ts";
import { closeClaimGate, DIGEST_DUE_NOW, DIGEST_TEAMS as TEAMS, keyOf, queueTodaysDigests, replicaFixture, stopBot, waitUntil, type Bot, type ClaimGate } from "./support.ts";

const LEASE_SECONDS = 2;
const replicas = replicaFixture();
let gate: ClaimGate | undefined;
afterEach(async () => {
  await gate?.close(); // (runs before the fixture's clean-up: after-hooks run last-registered first)
  gate = undefined;
});

/** Today's digest keys: one per team and channel (DIGEST_DUE_NOW is due at 00:00, so at once). */
function expectedKeys(): string[] {
  const day = localDayKey(new Date(), "Europe/Copenhagen");
  return TEAMS.flatMap((t) => t.channels.map((c) => `digest:${t.slug}:slack:${c}:${day}`));
}

const start = (name: string): Promise<Bot> => replicas.start(name, { OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS) });
const { rows, logs, outboxPosts } = replicas;

/** Every expected key was posted exactly once, into its own channel, and recorded as sent with that message's ts. */
async function expectEachDigestExactlyOnce(): Promise<void> {
  const posts = outboxPosts();
  expect(posts.map(keyOf).sort()).toEqual(expectedKeys().sort());
  for (const post of posts) expect(keyOf(post)).toContain(`:slack:${post.channel}:`);
  expect(replicas.fake().callsTo("chat.postMessage")).toHaveLength(expectedKeys().length);
  const outbox = await rows();
  expect(outbox.map((r) => [r.key, r.state]).sort()).toEqual(expectedKeys().sort().map((k) => [k, "sent"]));
  for (const row of outbox) expect(row.remoteId).toBe(posts.find((p) => keyOf(p) === row.key)!.ts);
}

describe("two replicas on one database", () => {
  it("(a) both run the daily digest and the delivery worker: each digest is posted exactly once", async () => {
    // Both replicas queue today's digests (the outbox keys let only one row per digest in), then
    // both workers read the same six due rows and are stopped at the gate right at their claim.
    gate = await closeClaimGate(replicas.env().test);
    const [a, b] = [await start("A"), await start("B")];
    // (Both workers' lists start with the oldest due row, so both reach for at least that one.)
    await waitUntil("all digests queued, both replicas' workers at the claim gate", async () => (await rows()).length === 6 && (await gate!.waiting()) >= 2, 30_000, logs);
    expect([a.output(), b.output()].every((o) => o.includes("slack: ready"))).toBe(true);
    const due = await rows();
    expect(due.map((r) => [r.key, r.state, r.attempts]).sort()).toEqual(expectedKeys().sort().map((k) => [k, "pending", 0]));
    await gate.open(); // now they race for the same rows
    await waitUntil("6 digests sent", async () => (await rows()).filter((r) => r.state === "sent").length === 6 && outboxPosts().length >= 6, 30_000, logs);
    // Stop both cleanly, so nothing can still be on its way when we count.
    expect(await Promise.all([stopBot(a, "SIGTERM"), stopBot(b, "SIGTERM")])).toEqual([0, 0]);
    await expectEachDigestExactlyOnce();
    expect(await replicas.env().db.prisma.jobRun.count({ where: { key: { startsWith: "digest:" }, finishedAt: { not: null } } })).toBe(TEAMS.length);
  }, 50_000);

  it("(b) a replica killed mid-post: the other takes over after the lease, finds the message by its key and posts the rest, each once", async () => {
    // Today's digests are already queued (as by any replica's daily tick; (a) shows the bots do
    // it), so A's first delivery pass claims all six at once, and sends them in queue order:
    // the first, team alfa's first channel, is the post that reaches Slack and never returns.
    expect(await queueTodaysDigests(replicas.env().db.prisma, DIGEST_DUE_NOW)).toBe(6);
    const [hungKey] = expectedKeys();
    const hungChannel = TEAMS[0]!.channels[0]!;
    replicas.fake().hangPosts({ channel: hungChannel, times: 1 });

    const a = await start("A");
    const hung = await waitUntil("A's post to reach Slack (and hang)", () => replicas.fake().calls.find((c) => c.method === "chat.postMessage" && c.hung), 30_000, logs);
    expect(hung.body.channel).toBe(hungChannel);
    const [arrived] = replicas.fake().messagesIn(hungChannel);
    expect(keyOf(arrived!)).toBe(hungKey); // Slack has the message; A never heard back
    expect(await stopBot(a, "SIGKILL")).toBe("SIGKILL");

    // What the crash left behind: the hung message claimed and in doubt, the rest of A's batch
    // claimed but never posted (A sends one message after another, and was stuck on the first).
    const callsAtCrash = replicas.fake().calls.length;
    const atCrash = await rows();
    const hungRow = atCrash.find((r) => r.key === hungKey)!;
    expect(hungRow).toMatchObject({ state: "pending", attempts: 1, lastError: null });
    const postedAtCrash = new Set(outboxPosts().map(keyOf));
    expect(postedAtCrash).toEqual(new Set([hungKey]));
    const claimedNotPosted = atCrash.filter((r) => r.key !== hungKey);
    expect(claimedNotPosted).toHaveLength(5);
    for (const r of claimedNotPosted) expect(r).toMatchObject({ state: "pending", attempts: 1, lastError: null, lockedBy: hungRow.lockedBy });

    const b = await start("B");
    await waitUntil("every digest sent", async () => {
      const now = await rows();
      return now.length === expectedKeys().length && now.every((r) => r.state === "sent");
    }, 30_000, logs);
    expect(await stopBot(b, "SIGTERM")).toBe(0);

    await expectEachDigestExactlyOnce();
    const after = await rows();
    const hungAfter = after.find((r) => r.key === hungKey)!;
    // B did not post the hung message again: it found it in the history (metadata key) and
    // recorded Slack's ts of the message A had posted, once A's lease was over.
    expect(replicas.fake().callsTo("chat.postMessage").filter((c) => c.body.channel === hungChannel)).toHaveLength(1);
    expect(hungAfter).toMatchObject({ state: "sent", remoteId: arrived!.ts, attempts: 2 });
    expect(hungAfter.lockedBy).not.toBe(hungRow.lockedBy);
    expect(hungAfter.sentAt!.getTime()).toBeGreaterThanOrEqual(hungRow.lockedUntil!.getTime());
    expect(b.output()).toContain(`outbox: ${hungKey} had already arrived before a crash; not sent again`);
    const lookups = replicas.fake().calls.slice(callsAtCrash).filter((c) => c.method === "conversations.history");
    expect(lookups.find((c) => c.body.channel === hungChannel)?.body).toMatchObject({ include_all_metadata: "true" });
    // What A had claimed but never posted, B posted — once each, after the crash.
    const postsAfterCrash = replicas.fake().calls.slice(callsAtCrash).filter((c) => c.method === "chat.postMessage");
    for (const r of claimedNotPosted) {
      expect(postsAfterCrash.filter((c) => c.body.channel === r.target)).toHaveLength(1);
      expect(after.find((x) => x.id === r.id)).toMatchObject({ state: "sent", attempts: 2 });
    }
    // Nothing left pending or dead-lettered.
    expect(after.filter((r) => r.state !== "sent")).toEqual([]);
  }, 50_000);
});
