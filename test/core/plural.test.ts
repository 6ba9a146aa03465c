import { describe, expect, it } from "vitest";
import { countOf, pluralWord } from "../../src/core/plural.ts";

describe("plurals in one place", () => {
  it("Danish: 0 and 2 take the plural, 1 the singular", () => {
    expect([0, 1, 2].map((n) => countOf(n, "newAnswer", "da"))).toEqual(["0 nye svar", "1 nyt svar", "2 nye svar"]);
    expect([0, 1, 2].map((n) => countOf(n, "passive", "da"))).toEqual(["0 passive", "1 passiv", "2 passive"]);
    expect([0, 1, 2].map((n) => countOf(n, "detractor", "da"))).toEqual(["0 kritikere", "1 kritiker", "2 kritikere"]);
    expect([0, 1, 2].map((n) => countOf(n, "promoter", "da"))).toEqual(["0 anbefalere", "1 anbefaler", "2 anbefalere"]);
    expect([0, 1, 2].map((n) => countOf(n, "answer", "da"))).toEqual(["0 svar", "1 svar", "2 svar"]);
    expect([0, 1, 2].map((n) => countOf(n, "case", "da"))).toEqual(["0 sager", "1 sag", "2 sager"]);
  });

  it("English: 0 and 2 take the plural, 1 the singular", () => {
    expect([0, 1, 2].map((n) => countOf(n, "newAnswer", "en"))).toEqual(["0 new answers", "1 new answer", "2 new answers"]);
    expect([0, 1, 2].map((n) => countOf(n, "passive", "en"))).toEqual(["0 passives", "1 passive", "2 passives"]);
    expect([0, 1, 2].map((n) => countOf(n, "detractor", "en"))).toEqual(["0 detractors", "1 detractor", "2 detractors"]);
    expect([0, 1, 2].map((n) => countOf(n, "point", "en"))).toEqual(["0 points", "1 point", "2 points"]);
  });

  it("a negative one is singular too, and large counts are grouped per language", () => {
    expect(pluralWord("point", -1, "en")).toBe("point");
    expect(pluralWord("point", -3, "en")).toBe("points");
    expect(countOf(1234, "answer", "da")).toBe("1.234 svar");
    expect(countOf(1234, "answer", "en")).toBe("1,234 answers");
  });
});
