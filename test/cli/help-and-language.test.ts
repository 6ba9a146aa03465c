// The CLI speaks one language (DEFAULT_LANGUAGE, or --lang on any command), every command answers
// --help/-h with its own usage, and dates read as people write them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { runCli } from "../support/cli.ts";

const COMMANDS = ["start", "migrate", "import", "nps", "demo", "digest", "cases", "goal", "outbox", "team", "owner"];

describe("kundepuls help and language", () => {
  let test: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    env = { DATABASE_URL: test.databaseUrl, DEFAULT_LANGUAGE: "da" };
  });
  afterAll(async () => test.drop());

  it("every command and subcommand answers --help and -h with its usage and exit 0", async () => {
    for (const command of COMMANDS) {
      const danish = await runCli([command, "--help"], env);
      expect(danish, command).toMatchObject({ code: 0, stderr: "" });
      expect(danish.stdout.startsWith(`brug: kundepuls ${command}`), command).toBe(true);
      const english = await runCli([command, "-h", "--lang", "en"], env);
      expect(english.stdout.startsWith(`usage: kundepuls ${command}`), command).toBe(true);
    }
    const subcommand = await runCli(["team", "set", "--help"], env);
    expect(subcommand.code).toBe(0);
    expect(subcommand.stdout).toContain("kundepuls team set HOLD [--name NAVN]");
    expect((await runCli(["help", "goal"], { ...env, DEFAULT_LANGUAGE: "en" })).stdout).toContain("usage: kundepuls goal set TEAM TARGET DATE [--min N]\n       kundepuls goal show TEAM");
  }, 120_000);

  it("the top-level help is built from the commands' own usage, in one language", async () => {
    const danish = await runCli(["--help"], env);
    expect(danish.code).toBe(0);
    for (const command of COMMANDS) expect(danish.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(danish.stdout).toContain("fylder databasen med eksempelsvar");
    // option names (--teams-team) are literal in both languages; the words around them are Danish
    expect(danish.stdout.replace(/--[a-z][a-z-]*/g, "")).not.toMatch(/\b(usage|imports|teams)\b/);
    const english = await runCli(["help", "--lang=en"], env);
    expect(english.stdout).toContain("fills the database with sample answers");
    expect(english.stdout).not.toMatch(/\b(brug|hold|indlæser)\b/);
  });

  it("bad usage is one line and exit 2, in the chosen language", async () => {
    expect(await runCli(["nope"], env)).toMatchObject({ code: 2, stderr: 'kundepuls: ukendt kommando "nope" (se kundepuls --help)\n' });
    expect(await runCli(["nope", "--lang", "en"], env)).toMatchObject({ code: 2, stderr: 'kundepuls: unknown command "nope" (see kundepuls --help)\n' });
    expect(await runCli(["team", "--lang", "fr"], env)).toMatchObject({ code: 2, stderr: "kundepuls: --lang skal være da eller en\n" });
    const flag = await runCli(["cases", "--colour"], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr.split("\n")[0]).toBe("kundepuls: ukendt tilvalg --colour");
    const team = await runCli(["cases", "--team", "nope", "--lang", "en"], env);
    expect(team).toMatchObject({ code: 2, stderr: 'kundepuls: unknown team "nope"\n' });
  });

  it("goals print their dates as people write them, in the local time zone", async () => {
    expect((await runCli(["team", "set", "support", "--name", "Kundeservice"], env)).code).toBe(0);
    const set = await runCli(["goal", "set", "support", "45", "2027-06-30"], env);
    expect(set).toMatchObject({ code: 0, stdout: "Kundeservice: mål NPS 45 senest 30. juni 2027\n" });
    const english = await runCli(["goal", "set", "support", "50", "2027-06-30", "--min", "40", "--lang", "en"], env);
    expect(english.stdout).toBe("Kundeservice: goal NPS 50 by 30 June 2027 (previous goal kept in the history)\n");
    const show = await runCli(["goal", "show", "support"], env);
    expect(show.stdout).toMatch(/^ {2}\d+\. \p{L}+ \d{4}: mål 50 senest 30\. juni 2027 \(mindst 40 svar\) {2}\(gældende\)$/mu);
    expect(show.stdout).toMatch(/mål 45 senest 30\. juni 2027 {2}\(erstattet\)$/m);
    expect(show.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
  });
});
