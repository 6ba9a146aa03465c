// The one form check both chat faces use: every rule a field has, the typed readings of the
// resolve and story forms, and the words for each problem in both languages on both faces.
import { describe, expect, it } from "vitest";
import { apologyText, fieldProblemText, fieldProblemTexts } from "../../src/messages/face-texts.ts";
import { readFormAs, readFormValues, readResolveCase, readStory, resolveCaseInput } from "../../src/messages/form-reading.ts";
import { resolveCaseForm, storyForm, type Form } from "../../src/messages/forms.ts";

const form: Form = {
  id: "f", title: "T", submitLabel: "S", privateData: "",
  fields: [
    { kind: "text", id: "name", label: "Navn", required: true, maxLength: 5 },
    { kind: "multiline", id: "note", label: "Note", required: false, maxLength: 3 },
    { kind: "select", id: "pick", label: "Vælg", required: true, options: [{ value: "a", label: "A" }, { value: "b", label: "B" }] },
    { kind: "select", id: "maybe", label: "Måske", required: false, options: [{ value: "x", label: "X" }] },
  ],
};

describe("readFormValues", () => {
  it("filled in: every field by id, trimmed; optional fields left empty are null", () => {
    expect(readFormValues(form, { name: "  Bo \n", note: undefined, pick: "b", maybe: "   " })).toEqual({ ok: true, value: { name: "Bo", note: null, pick: "b", maybe: null } });
    expect(readFormValues(form, { name: "Bo", note: "ok", pick: "a", maybe: "x" })).toEqual({ ok: true, value: { name: "Bo", note: "ok", pick: "a", maybe: "x" } });
  });

  it("a required text left out or blank → required; a required menu without a choice → choose", () => {
    expect(readFormValues(form, {})).toEqual({ ok: false, errors: { name: { kind: "required" }, pick: { kind: "choose" } } });
    expect(readFormValues(form, { name: " \t ", pick: "" })).toEqual({ ok: false, errors: { name: { kind: "required" }, pick: { kind: "choose" } } });
  });

  it("a choice that was not offered → choose, required or not", () => {
    expect(readFormValues(form, { name: "Bo", pick: "c", maybe: "y" })).toEqual({ ok: false, errors: { pick: { kind: "choose" }, maybe: { kind: "choose" } } });
  });

  it("too long → tooLong with the limit, counted in characters after trimming (an emoji is one)", () => {
    expect(readFormValues(form, { name: "Bodil", note: "🎉🎉🎉", pick: "a" }).ok).toBe(true);
    expect(readFormValues(form, { name: " Bodil ", pick: "a" }).ok).toBe(true);
    expect(readFormValues(form, { name: "Bodil B", note: "🎉🎉🎉🎉", pick: "a" })).toEqual({ ok: false, errors: { name: { kind: "tooLong", max: 5 }, note: { kind: "tooLong", max: 3 } } });
  });

  it("values for fields the form does not have are ignored; what is not text counts as not filled in", () => {
    expect(readFormValues(form, { name: "Bo", pick: "a", other: "x" })).toEqual({ ok: true, value: { name: "Bo", note: null, pick: "a", maybe: null } });
    const crafted = { name: 42, pick: ["a"] } as unknown as Record<string, string>;
    expect(readFormValues(form, crafted)).toEqual({ ok: false, errors: { name: { kind: "required" }, pick: { kind: "choose" } } });
  });
});

describe("typed readings", () => {
  it("the resolve form → what CaseService.resolve takes; its problems as the form check says", () => {
    const resolve = resolveCaseForm(42, "da");
    expect(readResolveCase(resolve, { actionTaken: " Ringede ", outcome: "no_contact" })).toEqual({ ok: true, value: { actionTaken: "Ringede", outcome: "no_contact" } });
    expect(readResolveCase(resolve, { actionTaken: "Ringede", outcome: "fixed" })).toEqual({ ok: false, errors: { outcome: { kind: "choose" } } });
  });

  it("a value the form lets through but the schema refuses is a field to fill in", () => {
    const loose: Form = { ...resolveCaseForm(42, "en"), fields: [{ kind: "text", id: "actionTaken", label: "?", required: false, maxLength: 10 }, { kind: "text", id: "outcome", label: "?", required: false, maxLength: 20 }] };
    expect(readResolveCase(loose, { actionTaken: "", outcome: "won" })).toEqual({ ok: false, errors: { actionTaken: { kind: "required" }, outcome: { kind: "required" } } });
    expect(readFormAs(resolveCaseInput, loose, { actionTaken: "Called", outcome: "recovered" })).toEqual({ ok: true, value: { actionTaken: "Called", outcome: "recovered" } });
  });

  it("the story form → what StoryService.submit takes; no team menu (no teams) → team null", () => {
    const withTeams = storyForm("da", "", [{ slug: "support", name: "Kundeservice" }]);
    expect(readStory(withTeams, { text: " Glad kunde ", team: "support", attribution: " Åse " })).toEqual({ ok: true, value: { text: "Glad kunde", team: "support", attribution: "Åse" } });
    expect(readStory(withTeams, { text: "Glad kunde", team: "salg" })).toEqual({ ok: false, errors: { team: { kind: "choose" } } });
    expect(readStory(storyForm("en"), { text: "Happy customer", team: "support" })).toEqual({ ok: true, value: { text: "Happy customer", team: null, attribution: null } });
    expect(readStory(storyForm("en"), { text: "" })).toEqual({ ok: false, errors: { text: { kind: "required" } } });
  });
});

describe("the words", () => {
  it("each problem in both languages, as each face words it", () => {
    const all = { a: { kind: "required" }, b: { kind: "choose" }, c: { kind: "tooLong", max: 200 } } as const;
    expect(fieldProblemTexts(all, "da", "slack")).toEqual({ a: "Udfyld feltet.", b: "Vælg en af mulighederne.", c: "Højst 200 tegn." });
    expect(fieldProblemTexts(all, "en", "slack")).toEqual({ a: "Please fill in this field.", b: "Please choose one of the options.", c: "At most 200 characters." });
    expect(fieldProblemTexts(all, "da", "teams")).toEqual({ a: "Skal udfyldes.", b: "Vælg en af mulighederne.", c: "Højst 200 tegn." });
    expect(fieldProblemTexts(all, "en", "teams")).toEqual({ a: "Required.", b: "Choose one of the options.", c: "At most 200 characters." });
    expect(fieldProblemText({ kind: "tooLong", max: 2000 }, "da", "teams")).toBe("Højst 2000 tegn.");
  });

  it("the apology, one language per reply", () => {
    expect(apologyText("da", "slack")).toBe("Beklager, det gik galt hos mig. Prøv igen om lidt.");
    expect(apologyText("da", "teams")).toBe("Beklager, det gik galt her hos mig. Prøv igen om lidt.");
    for (const face of ["slack", "teams"] as const) expect(apologyText("en", face)).toBe("Sorry, something went wrong on my side. Please try again in a moment.");
  });
});
