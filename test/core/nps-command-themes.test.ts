import { describe, expect, it } from "vitest";
import { parseNpsCommand, type CommandContext } from "../../src/core/nps-command.ts";

const ctx: CommandContext = { now: new Date("2026-12-06T12:00:00Z"), timeZone: "Europe/Copenhagen", defaultLang: "en", teams: ["support", "q3"], touchpoints: ["web"] };

describe("/nps temaer | themes", () => {
  it("reads an optional period and team, answering in the verb's language", () => {
    const da = parseNpsCommand("/nps temaer sidste måned support", ctx);
    expect(da).toMatchObject({ kind: "themes", lang: "da", team: "support" });
    expect(da.kind === "themes" && da.period.label.da).toBe("november 2026");
    const en = parseNpsCommand("/nps themes", ctx);
    expect(en).toMatchObject({ kind: "themes", lang: "en", team: null });
    expect(en.kind === "themes" && en.period.label.en).toBe("December 2026");
    expect(parseNpsCommand("themes Support", ctx)).toMatchObject({ kind: "themes", team: "support" });
    expect(parseNpsCommand("themes 2026-10 q3", ctx)).toMatchObject({ kind: "themes", team: "q3" });
  });
  it("says what it did not understand", () => {
    const unknown = parseNpsCommand("/nps temaer sidste måned nope", ctx);
    expect(unknown.kind).toBe("invalid");
    expect(unknown.kind === "invalid" && unknown.error.da).toMatch(/Jeg kender ikke "nope"/);
    expect(parseNpsCommand("/nps themes blah", ctx).kind).toBe("invalid");
  });
});
