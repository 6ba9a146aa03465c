import { describe, expect, it } from "vitest";
import { findThanked, fold, withoutNames, type TeamMember } from "../../src/core/kudos.ts";
import { redact } from "../../src/core/redaction.ts";

const team: TeamMember[] = [
  { personId: 1, name: "Søren Hansen" },
  { personId: 2, name: "Mette Kjær" },
  { personId: 3, name: "Jens Peter Ågård" },
  { personId: 4, name: "Anne-Marie Holm" },
];
const ids = (comment: string, members = team) => findThanked(comment, members).map((t) => t.personId);

describe("findThanked", () => {
  it("finds a first name alone when only one member has it, in any case", () => {
    expect(ids("Søren fra kundeservice ringede mig op samme dag")).toEqual([1]);
    expect(ids("tak til søren, han var super")).toEqual([1]);
    expect(ids("SØREN var fantastisk")).toEqual([1]);
  });

  it("is tolerant of Danish letters: ø/oe/ö, æ/ae, å/aa, é/e", () => {
    expect(ids("Soeren hjalp mig hurtigt")).toEqual([1]);
    expect(ids("Sören hjalp mig hurtigt")).toEqual([1]);
    expect(ids("Mette Kjaer var meget venlig")).toEqual([2]);
    expect(ids("tak til Jens Peter Aagaard")).toEqual([3]);
    expect(findThanked("René ringede tilbage", [{ personId: 9, name: "Rene Dahl" }]).map((t) => t.personId)).toEqual([9]);
    expect(fold("Ågård")).toBe("aagaard");
  });

  it("counts a genitive: Sørens, Søren's", () => {
    expect(ids("Sørens hjælp var guld værd")).toEqual([1]);
    expect(ids("Søren's help was great")).toEqual([1]);
    expect(ids("Mette Kjærs tålmodighed")).toEqual([2]);
  });

  it("matches whole words only", () => {
    expect(ids("Sørensen fra lageret")).toEqual([]);
    expect(ids("metteorologisk")).toEqual([]);
    expect(ids("Anne-Marie var sød")).toEqual([4]);
    expect(ids("Anne var sød")).toEqual([]); // a part of a hyphenated first name is not the name
  });

  it("never guesses between two members with the same first name", () => {
    const twins: TeamMember[] = [...team, { personId: 5, name: "Søren Vestergaard" }];
    expect(ids("Søren var fantastisk", twins)).toEqual([]);
    expect(ids("Sørens hjælp", twins)).toEqual([]);
    // the full name tells them apart
    expect(ids("Søren Vestergaard var fantastisk", twins)).toEqual([5]);
    expect(ids("tak til søren hansen", twins)).toEqual([1]);
    // so do the first name and the capital initial of the last name, with its full stop
    expect(ids("Søren V. ringede tilbage", twins)).toEqual([5]);
    expect(ids("Søren H. ringede tilbage", twins)).toEqual([1]);
    expect(ids("Søren i kundeservice ringede", [{ personId: 1, name: "Søren Iversen" }, { personId: 5, name: "Søren Holm" }])).toEqual([]);
    // both named in full: both thanked, in the order the comment names them
    expect(ids("Søren Vestergaard og Søren Hansen", twins)).toEqual([5, 1]);
  });

  it("does not take a first name that is another member's last name", () => {
    const members: TeamMember[] = [{ personId: 1, name: "Holm Jensen" }, { personId: 2, name: "Lise Holm" }];
    expect(ids("Holm var god", members)).toEqual([]);
    expect(ids("Holm Jensen var god", members)).toEqual([1]);
  });

  it("does not count a last name alone", () => {
    expect(ids("Hansen tog telefonen")).toEqual([]);
  });

  it("accepts first and last name when the middle name is left out", () => {
    expect(ids("Jens Ågård er den bedste")).toEqual([3]);
    expect(ids("Jens er den bedste")).toEqual([3]);
  });

  it("takes a first name that is an ordinary word only when capitalised and inside a sentence", () => {
    const members: TeamMember[] = [{ personId: 7, name: "Per Holm" }, { personId: 8, name: "Hans Berg" }];
    expect(ids("jeg fik svar per mail samme dag", members)).toEqual([]);
    expect(ids("Per mail fik jeg svar med det samme", members)).toEqual([]); // the first word of a sentence
    expect(ids("Tak til Per for hjælpen", members)).toEqual([7]);
    expect(ids("Jeg ringede. Per tog den.", members)).toEqual([]); // sentence start again: no guess
    expect(ids("per holm hjalp mig", members)).toEqual([7]); // written in full it always counts
    expect(ids("han og hans kollega var søde", members)).toEqual([]);
    expect(ids("Tak til Hans", members)).toEqual([8]);
  });

  it("ignores names inside redaction markers", () => {
    const members: TeamMember[] = [{ personId: 1, name: "Navn Fjernet" }, { personId: 2, name: "Name Removed" }, { personId: 3, name: "Mail Hansen" }];
    expect(ids("Kunden (navn fjernet) ringede om (e-mail fjernet) til (name removed)", members)).toEqual([]);
  });

  it("works on a redacted comment: the customer's own name is gone, the employee's stays", () => {
    const comment = redact("Mit navn er Søren Vestergaard og Mette hjalp mig. Skriv til soren@example.dk", { customerName: "Søren Vestergaard", lang: "da" }).text;
    expect(comment).toContain("(navn fjernet)");
    expect(ids(comment, [...team, { personId: 5, name: "Søren Vestergaard" }])).toEqual([2]);
  });

  it("gives the spans where each person is named", () => {
    const comment = "Tak Mette! Og tak til Mette Kjær igen";
    expect(findThanked(comment, team)).toEqual([{ personId: 2, spans: [[4, 9], [22, 32]] }]);
  });

  it("counts a person listed twice (two team sources) once, and is deterministic", () => {
    const doubled = [...team, { personId: 2, name: "Mette Kjær" }];
    expect(findThanked("Mette og Søren", doubled)).toEqual(findThanked("Mette og Søren", [...doubled].reverse()));
    expect(ids("Mette og Søren", doubled)).toEqual([2, 1]);
  });

  it("skips members without a usable name", () => {
    expect(ids("A hjalp mig", [{ personId: 1, name: "A" }, { personId: 2, name: "" }])).toEqual([]);
  });
});

describe("withoutNames", () => {
  it("replaces an opted-out person's name and keeps the others", () => {
    const comment = "Søren Hansen og Mette var fantastiske, Sørens tålmodighed især";
    const thanked = findThanked(comment, team);
    expect(withoutNames(comment, thanked, new Set([1]), "en kollega")).toBe("en kollega og Mette var fantastiske, en kollega tålmodighed især");
    expect(withoutNames(comment, thanked, new Set(), "en kollega")).toBe(comment);
  });
});
