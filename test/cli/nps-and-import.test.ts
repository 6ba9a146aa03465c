import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../support/databases.ts";
import { openDatabase } from "../../src/store/database.ts";
import { BIN, ROOT, runCli } from "../support/cli.ts";

// October 2026 (Copenhagen): 5 promoters, 2 passives, 3 detractors; one answer just outside on
// each side of the month boundary; September: one promoter and one detractor.
const CSV = [
  "Svar_ID;Karakter;Kommentar;Dato;Navn;Afdeling;Kontaktpunkt",
  "o1;10;Fantastisk;01.10.2026 00:30;Åse;Support;telefon",
  "o2;10;\"Hurtig hjælp;\r\ntak\";05.10.2026 12:00;Bo;Support;chat",
  "o3;9;;10-10-2026;;Support;telefon",
  "o4;8;;11/10/2026 08:00;;Support;telefon",
  "o5;7;;2026-10-12T10:00:00+02:00;;Support;chat",
  "o6;6;For dyrt;13.10.2026;;Support;telefon",
  "o7;5;;14.10.2026;;Support;telefon",
  "o8;0;Elendigt;15.10.2026;;Support;telefon",
  "o9;9;;20.10.2026;;Support;telefon",
  "o10;10;;31.10.2026 23:59;;Support;telefon",
  "n1;0;uden for;01.11.2026 00:00;;Support;telefon",
  "s1;9;;15.09.2026;;Support;telefon",
  "s2;3;;30.09.2026 23:59;;Support;telefon",
  "x1;10;andet team;15.10.2026;;Salg;butik",
].join("\r\n");

describe.each(PROVIDERS)("kundepuls import and nps on %s", (provider) => {
  let test: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    test = await createTestDatabase(provider);
    env = { DATABASE_URL: test.databaseUrl };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-cli-"));
    fs.writeFileSync(path.join(dir, "svar.csv"), "\ufeff" + CSV);
    fs.writeFileSync(path.join(dir, "bad.csv"), CSV + "\r\nz1;11;;15.10.2026;;Support;telefon\r\nz2;5;;31.02.2026;;Support;telefon\r\n");
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await test.drop();
  });

  it("refuses a file with invalid rows, naming lines and reasons, and imports nothing", async () => {
    const res = await runCli(["import", path.join(dir, "bad.csv")], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/linje 17: karakter '11' er ikke 0–10/);
    expect(res.stdout).toMatch(/linje 18: dato '31\.02\.2026' er ikke en dato/);
    expect(res.stdout).toMatch(/intet indlæst/);
    const nps = await runCli(["nps", "2026", "--json"], env);
    expect(JSON.parse(nps.stdout).responses).toBe(0);
  });

  it("dry-run counts without writing; import stores; a re-import adds nothing", async () => {
    const dry = await runCli(["import", path.join(dir, "svar.csv"), "--dry-run"], env);
    expect(dry.stdout).toBe("ville oprette 14 · ville opdatere 0 · uændret 0 · ugyldige 0\n(prøvekørsel: intet blev skrevet)\n");
    const english = await runCli(["import", path.join(dir, "svar.csv"), "--dry-run", "--lang", "en"], env);
    expect(english.stdout).toBe("would create 14 · would update 0 · unchanged 0 · invalid 0\n(dry run: nothing was written)\n");
    const first = await runCli(["import", path.join(dir, "svar.csv"), "--source", "survey"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("oprettet 14 · opdateret 0 · uændret 0 · ugyldige 0");
    const again = await runCli(["import", path.join(dir, "svar.csv"), "--source", "survey"], env);
    expect(again.stdout).toContain("oprettet 0 · opdateret 0 · uændret 14 · ugyldige 0");
  });

  it("--skip-invalid imports the valid rows and reports the others", async () => {
    const res = await runCli(["import", path.join(dir, "bad.csv"), "--source", "survey", "--skip-invalid"], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("oprettet 0 · opdateret 0 · uændret 14 · ugyldige 2");
  });

  it("nps --json matches a hand count, with the previous month for comparison", async () => {
    const res = await runCli(["nps", "2026-10", "--team", "support", "--json"], env);
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split("\n")).toHaveLength(1);
    // n=10, p=0.5, d=0.3: NPS 20; Var=(0.8-0.04)/10=0.076; margin=196·√0.076=54.03.
    // September: one promoter, one detractor: NPS 0, delta +20, within the combined margin.
    expect(JSON.parse(res.stdout)).toEqual({
      period: { from: "2026-09-30T22:00:00.000Z", to: "2026-10-31T23:00:00.000Z", label: "oktober 2026" },
      responses: 10, promoters: 5, passives: 2, detractors: 3, nps: 20, marginOfError: 54.03, tooFewAnswers: true,
      previous: { nps: 0, delta: 20, significant: false },
    });
  });

  it("nps filters by touchpoint and labels English input in English", async () => {
    const res = await runCli(["nps", "October 2026", "--team", "support", "--touchpoint", "chat", "--json"], env);
    expect(JSON.parse(res.stdout)).toMatchObject({ responses: 2, promoters: 1, passives: 1, detractors: 0, nps: 50, period: { label: "October 2026" } });
    const all = await runCli(["nps", "2026-10", "--json"], env);
    expect(JSON.parse(all.stdout)).toMatchObject({ responses: 11, promoters: 6 });
  });

  it("unknown period, team or flag: a clear message and exit code 2, no stack trace", async () => {
    for (const args of [["nps", "whenever"], ["nps", "2026-10", "--team", "nope"], ["nps", "--colour"], ["import"]]) {
      const res = await runCli(args, env);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/^kundepuls: /);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("recent detractors in an import are queued for the bot, not handled by the import itself", async () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    fs.writeFileSync(path.join(dir, "fresh.csv"), `Svar_ID;Karakter;Kommentar;Dato;Afdeling\r\nf1;2;Ingen svarede;${recent};Support\r\nf2;8;;${recent};Support\r\n`);
    const res = await runCli(["import", path.join(dir, "fresh.csv"), "--source", "fresh"], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("oprettet 2 · opdateret 0 · uændret 0 · ugyldige 0");
    // The detractor waits; a passive gives the habits nothing to do and is not queued.
    expect(res.stdout).toContain("1 nyligt svar venter på, at botten åbner sager og historier (kundepuls start tager dem)");
  });

  it("a recent detractor's row given twice is stored once and still queued once", async () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const row = `twice1;1;Ingen ringede;${recent};Support`;
    fs.writeFileSync(path.join(dir, "twice.csv"), ["Svar_ID;Karakter;Kommentar;Dato;Afdeling", row, row].join("\r\n"));
    const res = await runCli(["import", path.join(dir, "twice.csv"), "--source", "twice"], env);
    expect(res.stdout).toContain("oprettet 1 · opdateret 0 · uændret 1 · ugyldige 0");
    const db = await openDatabase(test.target);
    try {
      const stored = await db.prisma.answer.findMany({ where: { source: "twice" }, include: { followUp: true } });
      expect(stored.map((a) => a.followUp?.kind ?? null)).toEqual(["created"]);
    } finally {
      await db.close();
    }
  });

  it("an edited export updates what changed (the later of two rows wins) and queues recent edits again", async () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const header = "Svar_ID;Karakter;Kommentar;Dato;Afdeling";
    fs.writeFileSync(path.join(dir, "e1.csv"), [header, `e1;9;;${recent};Support`, `e2;7;;${recent};Support`, "e3;4;;15.10.2026;Support"].join("\r\n"));
    fs.writeFileSync(path.join(dir, "e2.csv"), [header, `e1;2;Alligevel ikke;${recent};Support`, `e2;7;;${recent};Support`, "e3;5;;15.10.2026;Support",
      `e4;10;;${recent};Lager`, `e4;6;Rettet;${recent};Lager`].join("\r\n"));
    expect((await runCli(["import", path.join(dir, "e1.csv"), "--source", "edits"], env)).stdout).toContain("oprettet 3 · opdateret 0 · uændret 0 · ugyldige 0");
    const res = await runCli(["import", path.join(dir, "e2.csv"), "--source", "edits"], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("oprettet 1 · opdateret 3 · uændret 1 · ugyldige 0");
    const db = await openDatabase(test.target);
    try {
      const rows = await db.prisma.answer.findMany({ where: { source: "edits" }, include: { team: true, followUp: true }, orderBy: { externalId: "asc" } });
      expect(rows.map((r) => [r.externalId, r.score, r.comment, r.team?.slug, r.followUp?.kind ?? null])).toEqual([
        ["e1", 2, "Alligevel ikke", "support", "updated"], // recent edit: the bot looks again
        ["e2", 7, null, "support", null],
        ["e3", 5, null, "support", null], // an old answer's edit needs no follow-up
        ["e4", 6, "Rettet", "lager", "updated"], // created by the first row, edited by the second
      ]);
      expect(rows[0]!.updatedAt.getTime()).toBeGreaterThan(rows[0]!.receivedAt.getTime());
    } finally {
      await db.close();
    }
  });

  it("an invalid row after thousands of valid ones still imports nothing (PostgreSQL rolls back what it wrote meanwhile)", async () => {
    const header = "Svar_ID;Karakter;Kommentar;Dato;Afdeling";
    // A team first named near the end: on PostgreSQL the store is well under way by then.
    const valid = Array.from({ length: 3_000 }, (_, i) => `late${i};${i % 11};;15.10.2026;${i < 2_990 ? "Support" : "Nyt team"}`);
    fs.writeFileSync(path.join(dir, "late.csv"), [header, ...valid, "late-bad;12;;15.10.2026;Support", "late-ok;9;;16.10.2026;Support"].join("\r\n"));
    const res = await runCli(["import", path.join(dir, "late.csv"), "--source", "late"], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/linje 3002: karakter '12'/);
    expect(res.stdout).toContain("intet indlæst: 1 ugyldig række. Ret den, eller brug --skip-invalid");
    const db = await openDatabase(test.target);
    try {
      expect(await db.prisma.answer.count({ where: { source: "late" } })).toBe(0);
      expect(await db.prisma.team.count({ where: { slug: "nyt-team" } })).toBe(0); // nothing half-written
      const skipped = await runCli(["import", path.join(dir, "late.csv"), "--source", "late", "--skip-invalid"], env);
      expect(skipped.stdout).toContain("oprettet 3001 · opdateret 0 · uændret 0 · ugyldige 1");
      expect(await db.prisma.answer.count({ where: { source: "late", team: { slug: "nyt-team", name: "Nyt-team" } } })).toBe(10);
    } finally {
      await db.close();
    }
  });

  it("a CSV team named like an existing team's display name goes to that team (case and accents aside)", async () => {
    expect((await runCli(["team", "set", "support", "--name", "Kundeservice"], env)).code).toBe(0);
    const header = "Svar_ID;Karakter;Kommentar;Dato;Afdeling";
    fs.writeFileSync(path.join(dir, "afdeling.csv"), [header, "k1;9;;15.10.2026;Kundeservice", "k2;3;;16.10.2026;KUNDESERVICE", "k3;10;;17.10.2026;Kúndeservice"].join("\r\n"));
    const dry = await runCli(["import", path.join(dir, "afdeling.csv"), "--source", "afdeling", "--dry-run"], env);
    expect(dry.stdout).toContain("ville oprette 3 · ville opdatere 0 · uændret 0 · ugyldige 0");
    const res = await runCli(["import", path.join(dir, "afdeling.csv"), "--source", "afdeling"], env);
    expect(res.stdout).toContain("oprettet 3 · opdateret 0 · uændret 0 · ugyldige 0");
    const again = await runCli(["import", path.join(dir, "afdeling.csv"), "--source", "afdeling", "--dry-run"], env);
    expect(again.stdout).toContain("ville oprette 0 · ville opdatere 0 · uændret 3 · ugyldige 0");
    const db = await openDatabase(test.target);
    try {
      const rows = await db.prisma.answer.findMany({ where: { source: "afdeling" }, include: { team: true } });
      expect(rows.map((r) => r.team?.slug)).toEqual(["support", "support", "support"]);
      expect(await db.prisma.team.count({ where: { slug: "kundeservice" } })).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("a reader that stops early (| head) gets no stack trace, and the import still finishes", async () => {
    const header = "Svar_ID;Karakter;Kommentar;Dato;Afdeling";
    const rows = Array.from({ length: 120 }, (_, i) => `pipe${i};${i % 2 === 0 ? 99 : 7};;15.10.2026;Support`);
    fs.writeFileSync(path.join(dir, "pipe.csv"), [header, ...rows].join("\r\n"));
    const child = spawn(process.execPath, [BIN, "import", path.join(dir, "pipe.csv"), "--source", "pipe", "--skip-invalid"], {
      cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy(); // the reader is gone before the first line
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const db = await openDatabase(test.target);
    try {
      expect(await db.prisma.answer.count({ where: { source: "pipe" } })).toBe(60);
    } finally {
      await db.close();
    }
  });
});
