// The reply's language and the errors of "/nps …": the asker's own words decide, names do not.
import { describe, expect, it } from "vitest";
import { parseCaseCommand } from "../../src/core/case-command.ts";
import { parseNpsCommand, type CommandContext } from "../../src/core/nps-command.ts";

const ctx = (defaultLang: "da" | "en"): CommandContext => ({
  now: new Date("2026-12-07T10:00:00Z"), timeZone: "Europe/Copenhagen", defaultLang, teams: ["support", "salg"], touchpoints: ["telefon", "web"],
});

describe("one language per reply", () => {
  it("clearly English or Danish command words decide; team and touchpoint names do not count", () => {
    expect(parseNpsCommand("/nps cases support", ctx("da")).lang).toBe("en"); // "cases" is English
    expect(parseNpsCommand("/nps sager support", ctx("en")).lang).toBe("da");
    expect(parseNpsCommand("/nps this month support telefon", ctx("da")).lang).toBe("en"); // "telefon" is a name here
    expect(parseNpsCommand("/nps denne måned support web", ctx("en")).lang).toBe("da");
    // a name with "ø" is the workspace's word, not a sign that the asker wrote Danish
    const nordic = { ...ctx("da"), teams: ["østjylland"] };
    expect(parseNpsCommand("/nps last month østjylland", nordic)).toMatchObject({ kind: "query", lang: "en", team: "østjylland" });
  });
  it("neither or both: DEFAULT_LANGUAGE", () => {
    expect(parseNpsCommand("/nps support", ctx("da")).lang).toBe("da");
    expect(parseNpsCommand("/nps support", ctx("en")).lang).toBe("en");
    expect(parseNpsCommand("/nps 2026-10", ctx("en")).lang).toBe("en");
    expect(parseNpsCommand("/nps this måned", ctx("en")).lang).toBe("en"); // mixed
  });
  it("an unknown name is answered with the names there are and an example built from them", () => {
    const c = parseNpsCommand("/nps denne måned kundeservice", ctx("da"));
    expect(c).toMatchObject({ kind: "invalid", lang: "da" });
    if (c.kind === "invalid") {
      expect(c.error.da).toBe('Jeg kender ikke "kundeservice" som team eller kontaktpunkt. Teams: support, salg. Kontaktpunkter: telefon, web. Prøv fx: /nps denne måned support telefon');
      expect(c.error.en).toBe('"kundeservice" is not a team or touchpoint I know. Teams: support, salg. Touchpoints: telefon, web. Try for example: /nps this month support telefon');
    }
  });
  it("a mistyped period in Danish gets Danish examples that fit", () => {
    const c = parseNpsCommand("/nps sidste kvartl", ctx("en"));
    expect(c.kind === "invalid" && c.lang === "da" && c.error.da).toBe('Jeg forstår ikke perioden "sidste kvartl". Prøv fx: sidste kvartal, sidste måned, sidste uge.');
  });
});

describe("the console's case commands", () => {
  it("claim and resolve by number, in either language", () => {
    expect(parseCaseCommand("tag 12")).toEqual({ kind: "claim", lang: "da", caseId: 12 });
    expect(parseCaseCommand("claim #7")).toEqual({ kind: "claim", lang: "en", caseId: 7 });
    expect(parseCaseCommand("løs 12 vundet ringede og beklagede")).toEqual({ kind: "resolve", lang: "da", caseId: 12, outcome: "recovered", actionTaken: "ringede og beklagede" });
    expect(parseCaseCommand("resolve 3 no contact three calls")).toEqual({ kind: "resolve", lang: "en", caseId: 3, outcome: "no_contact", actionTaken: "three calls" });
    expect(parseCaseCommand("løs 4 ingen-kontakt tre opkald")).toMatchObject({ outcome: "no_contact" });
    expect(parseCaseCommand("resolve 4 lost tried twice")).toMatchObject({ outcome: "not_recovered" });
  });
  it("anything else is not a case command; a broken one says what is missing, with examples", () => {
    expect(parseCaseCommand("/nps denne måned")).toBeNull();
    expect(parseCaseCommand("tagline")).toBeNull();
    expect(parseCaseCommand("tag x")).toEqual({ kind: "invalid", lang: "da", error: expect.objectContaining({ da: '"x" er ikke et sagsnummer. Skriv fx: tag 12 · løs 12 vundet ringede og beklagede · løs 12 ingen-kontakt tre opkald uden svar' }) });
    expect(parseCaseCommand("resolve 12 recovered")).toMatchObject({ kind: "invalid", lang: "en", error: { en: expect.stringMatching(/^Say what you did, too\. Type for example: claim 12/) } });
    expect(parseCaseCommand("løs 12 måske")).toMatchObject({ kind: "invalid", error: { da: expect.stringMatching(/^Skriv udfaldet: vundet, tabt eller ingen-kontakt\./) } });
  });
});
