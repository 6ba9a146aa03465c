import { describe, expect, it } from "vitest";
import { parseNpsCommand, type CommandContext } from "../../src/core/nps-command.ts";

const ctx: CommandContext = { now: new Date("2026-12-06T12:00:00Z"), timeZone: "Europe/Copenhagen", defaultLang: "en", teams: ["support", "q3"], touchpoints: ["web"] };

describe("/nps kudos", () => {
  it("reads an optional period (default: this month) and team; the reply's language comes from the other words", () => {
    const plain = parseNpsCommand("/nps kudos", ctx);
    expect(plain).toMatchObject({ kind: "kudos", lang: "en", team: null });
    expect(plain.kind === "kudos" && plain.period.label.en).toBe("December 2026");
    const da = parseNpsCommand("/nps kudos sidste måned support", ctx);
    expect(da).toMatchObject({ kind: "kudos", lang: "da", team: "support" });
    expect(da.kind === "kudos" && da.period.label.da).toBe("november 2026");
    expect(parseNpsCommand("kudos last quarter Support", ctx)).toMatchObject({ kind: "kudos", lang: "en", team: "support" });
    expect(parseNpsCommand("kudos 2026-10 q3", { ...ctx, defaultLang: "da" })).toMatchObject({ kind: "kudos", lang: "da", team: "q3" });
  });

  it("turns being named off and on: fra/til in Danish, off/on in English", () => {
    expect(parseNpsCommand("/nps kudos fra", ctx)).toEqual({ kind: "kudosOptOut", lang: "da", optOut: true });
    expect(parseNpsCommand("/nps kudos til", ctx)).toEqual({ kind: "kudosOptOut", lang: "da", optOut: false });
    expect(parseNpsCommand("nps kudos OFF", { ...ctx, defaultLang: "da" })).toEqual({ kind: "kudosOptOut", lang: "en", optOut: true });
    expect(parseNpsCommand("kudos on", ctx)).toEqual({ kind: "kudosOptOut", lang: "en", optOut: false });
  });

  it("says what it did not understand", () => {
    const unknown = parseNpsCommand("/nps kudos sidste måned nope", ctx);
    expect(unknown.kind).toBe("invalid");
    expect(unknown.kind === "invalid" && unknown.error.da).toMatch(/Jeg kender ikke "nope"/);
    expect(parseNpsCommand("/nps kudos blah", ctx).kind).toBe("invalid");
    expect(parseNpsCommand("/nps kudos fra support", ctx).kind).toBe("invalid");
  });
});
