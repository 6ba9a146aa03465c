// `kundepuls outbox` shows the rate-limit pauses that hold messages back, not only the messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../src/messages/model.ts";
import { openDatabase } from "../../src/store/database.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { formatMoment } from "../../src/cli/command.ts";
import { runCli } from "../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";

const message: Message = { kind: "digest", lang: "da", summary: "Hej", blocks: [{ type: "text", text: "Hej" }] };

describe("kundepuls outbox", () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    env = { DATABASE_URL: test.databaseUrl, DEFAULT_LANGUAGE: "en" };
    expect((await runCli(["migrate"], env)).code).toBe(0);
  });
  afterAll(async () => test.drop());

  it("lists running pauses (not expired ones) before the waiting messages; --failed does not", async () => {
    const db = await openDatabase(test.target);
    const inAnHour = new Date(Date.now() + 3_600_000);
    try {
      await new OutboxStore(db.prisma).enqueue({ key: "digest:x", platform: "slack", target: "C0LIMITED", kind: "digest", message });
      await db.prisma.deliveryPause.createMany({ data: [
        { scope: "slack:C0LIMITED", until: inAnHour, reason: "slack rate limit, retry after 3600s" },
        { scope: "teams", until: new Date(Date.now() - 1000), reason: "over" },
      ] });
    } finally {
      await db.close();
    }
    const listed = await runCli(["outbox"], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split("\n")[0]).toBe(`paused until ${formatMoment(inAnHour, "en", "Europe/Copenhagen")}  slack:C0LIMITED  (slack rate limit, retry after 3600s)`);
    const danish = await runCli(["outbox", "--lang", "da"], env);
    expect(danish.stdout.split("\n")[0]).toBe(`sat på pause til ${formatMoment(inAnHour, "da", "Europe/Copenhagen")}  slack:C0LIMITED  (slack rate limit, retry after 3600s)`);
    expect(listed.stdout).toContain("slack:C0LIMITED  digest");
    expect(listed.stdout).not.toContain("teams");
    const failed = await runCli(["outbox", "--failed"], env);
    expect(failed.stdout).toBe("no failed messages\n");
  });
});
