// Who someone is in Teams: the roster (TeamsInfo.getMember) gives name and e-mail; answers are
// kept a while; a roster that fails or is slow never stops the work.
import type { TurnContext } from "botbuilder";
import { describe, expect, it, vi } from "vitest";
import { TeamsMembers } from "../../../src/faces/teams/members.ts";
import { silentLogger } from "../../../src/logger.ts";
import { withTimeout } from "../../../src/core/timeout.ts";

const context = {} as TurnContext;
const AAD = "00000000-1111-2222-3333-444444444444";

describe("TeamsMembers", () => {
  it("name and e-mail from the roster; the id stays the one asked for; asked once within the time kept", async () => {
    let now = 0;
    const getMember = vi.fn().mockResolvedValue({ id: "29:abc", aadObjectId: AAD, name: "Mette Holm", email: "mette@example.dk" });
    const members = new TeamsMembers(silentLogger, 60_000, 1_000, () => now, getMember);
    const lookup = members.lookup(context);
    expect(await lookup(AAD, "Test User")).toEqual({ platform: "teams", userId: AAD, name: "Mette Holm", email: "mette@example.dk" });
    await lookup(AAD);
    expect(getMember).toHaveBeenCalledTimes(1);
    expect(getMember).toHaveBeenCalledWith(context, AAD);
    now = 60_001;
    await lookup(AAD);
    expect(getMember).toHaveBeenCalledTimes(2);
  });

  it("not in the roster, or no answer in time → the id and the name the activity carried, no e-mail; asked again next time", async () => {
    const missing = new TeamsMembers(silentLogger, 60_000, 1_000, Date.now, vi.fn().mockRejectedValue(Object.assign(new Error("not a member"), { statusCode: 404 })));
    expect(await missing.lookup(context)(AAD, "Test User")).toEqual({ platform: "teams", userId: AAD, name: "Test User", email: null });
    const slowCall = vi.fn(() => new Promise<never>(() => {}));
    const slow = new TeamsMembers(silentLogger, 60_000, 50, Date.now, slowCall);
    const started = Date.now();
    expect(await slow.lookup(context)(AAD)).toEqual({ platform: "teams", userId: AAD, name: null, email: null });
    expect(Date.now() - started).toBeLessThan(1_000);
    await slow.lookup(context)(AAD);
    expect(slowCall).toHaveBeenCalledTimes(2);
  });
});

describe("withTimeout", () => {
  it("the result when in time; a rejection naming the call when not; a late failure stays handled", async () => {
    await expect(withTimeout(Promise.resolve(7), 50, "x")).resolves.toBe(7);
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error("late")), 80));
    await expect(withTimeout(late, 20, "updateActivity")).rejects.toThrow("updateActivity: no answer within 20 ms");
    await new Promise((resolve) => setTimeout(resolve, 120)); // an unhandled rejection here would fail the run
  });
});
