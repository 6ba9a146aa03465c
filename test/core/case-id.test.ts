// The case-id codec: what a button, a form or a command carries is read back as the same case,
// and nothing else is read as a case at all.
import { describe, expect, it } from "vitest";
import { caseIdText, parseCaseId } from "../../src/core/case-id.ts";

describe("case ids as text", () => {
  it("round trip: every id a message writes is read back as itself", () => {
    for (const id of [1, 7, 42, 1_000, 2_147_483_647, 9_999_999_999]) {
      expect(parseCaseId(caseIdText(id))).toBe(id);
    }
    expect(caseIdText(42)).toBe("42");
  });

  it("refuses to read anything else: blank, zero, a leading zero, signs, decimals, spaces, words, eleven digits", () => {
    for (const text of [null, undefined, "", "0", "07", "-3", "+3", "4.2", "1e3", " 42", "42 ", "#42", "abc", "42abc", "0x2a", "12345678901", "٤٢"]) {
      expect(parseCaseId(text), String(text)).toBeNull();
    }
  });

  it("refuses to write what could not be read back", () => {
    for (const id of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 10_000_000_000]) {
      expect(() => caseIdText(id), String(id)).toThrow("not a case id");
    }
  });
});
