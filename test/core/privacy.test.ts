import { describe, expect, it } from "vitest";
import { answerTimeProblem } from "../../src/core/answer-time.ts";
import { customerHash, ERASED, payloadNeedles, pruneCutoff, retentionCutoff } from "../../src/core/privacy.ts";
import { isStorableText } from "../../src/core/storable-text.ts";

describe("customerHash", () => {
  it("is sha256 of the normalised e-mail: case and spaces do not matter, the e-mail is not in it", () => {
    const h = customerHash({ email: "  Kunde@Firma.DK " });
    expect(h).toBe(customerHash({ email: "kunde@firma.dk" }));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain("kunde");
  });

  it("an account and an e-mail with the same text are different customers", () => {
    expect(customerHash({ account: "x@y.dk" })).not.toBe(customerHash({ email: "x@y.dk" }));
  });
});

describe("payloadNeedles", () => {
  it("finds values as they appear inside JSON strings; short values, blanks and the marker are left out", () => {
    expect(payloadNeedles(['Sagde "nej" og gik', "Bo", null, "   ", ERASED, "åse@x.dk", "åse@x.dk"])).toEqual(['Sagde \\"nej\\" og gik', "åse@x.dk"]);
  });
});

describe("cutoffs", () => {
  it("count whole days back from now", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    expect(retentionCutoff(now, 730).toISOString()).toBe("2024-12-06T12:00:00.000Z");
    expect(pruneCutoff(now, 30).toISOString()).toBe("2026-11-06T12:00:00.000Z");
  });
});

describe("answerTimeProblem", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  it.each([
    ["2000-01-01T00:00:00Z", null],
    ["1999-12-31T23:59:59.999Z", "is before the year 2000"],
    ["0000-01-01T00:00:00Z", "is before the year 2000"],
    ["2026-12-07T12:00:00Z", null],
    ["2026-12-07T12:00:00.001Z", "is more than a day in the future"],
    ["not a date", "is not a date"],
  ])("%s → %s", (at, problem) => expect(answerTimeProblem(new Date(at), now)?.en ?? null).toBe(problem));

  it("says each problem in Danish too", () => {
    expect(answerTimeProblem(new Date("1999-12-31T23:59:59Z"), now)?.da).toBe("er før år 2000");
    expect(answerTimeProblem(new Date("2026-12-08T12:00:00Z"), now)?.da).toBe("er mere end en dag ude i fremtiden");
    expect(answerTimeProblem(new Date("not a date"), now)?.da).toBe("er ikke en dato");
  });
});

describe("isStorableText", () => {
  it.each([
    ["plain æøå", true],
    ["an emoji 😀 (a surrogate pair)", true],
    ["", true],
    ["a NUL \u0000 byte", false],
    ["a lone high \ud83d surrogate", false],
    ["a lone low \ude00 surrogate", false],
    ["ends on a high \ud83d", false],
    ["pair reversed \ude00\ud83d", false],
  ])("%j → %s", (text, ok) => expect(isStorableText(text)).toBe(ok));
});
