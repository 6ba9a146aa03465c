// What people type to the bot, through the real app wiring (local mode), on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleFace } from "../../src/faces/console/console-face.ts";
import { renderConsole } from "../../src/faces/console/render.ts";
import { silentLogger } from "../../src/logger.ts";
import type { ChatContext } from "../../src/services/chat-commands.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";

describe.each(PROVIDERS)("chat commands on %s", (provider) => {
  let run: RunningApp;
  const now = new Date("2026-11-30T09:00:00Z");
  const ctx: ChatContext = { platform: "slack", channelId: "C1", userId: "ULEAD", now };
  const say = async (text: string, c: ChatContext = ctx) => {
    const reply = await run.app.commands.handle(text, c);
    return { text: renderConsole(reply.message), visibility: reply.visibility };
  };

  beforeAll(async () => {
    run = await startTestApp(provider);
    const prisma = run.app.db.prisma;
    const lead = await prisma.person.create({ data: { name: "Lene", slackUserId: "ULEAD" } });
    await prisma.team.create({ data: { slug: "support", name: "Kundeservice", leadId: lead.id } });
    await run.app.ingest.store(
      [0, 3, 9, 10, 10].map((score, i) => ({
        source: "api", externalId: `a${i}`, score, ces: null, comment: score < 7 ? "Ingen ringede tilbage" : null, customerName: "Kunde", customerEmail: null,
        customerAccount: null, teamSlug: "support", touchpoint: null, language: "da", consentToShare: false, answeredAt: new Date("2026-11-30T08:00:00Z"),
      })),
      now,
    );
    await run.app.followUps.drain(); // the detractors' cases
  });
  afterAll(async () => run?.stop());

  it("/nps goal sets, shows and refuses bad input, in both languages", async () => {
    const set = await say("/nps mål support 45 30-11-2027");
    expect(set.visibility).toBe("channel");
    expect(set.text).toContain("Nyt mål for Kundeservice: NPS +45 inden 30. nov. 2027");
    expect((await say("/nps goal support")).text).toMatch(/Kundeservice: \+45 by 30 Nov 2027 · now \+20/);
    expect((await say("/nps goal support 300 2027-11-30")).text).toMatch(/between -100 and 100/);
    expect((await say("/nps goal nope 40 2027-11-30")).text).toMatch(/I do not know that team/);
  });

  it("/nps with a team shows its goal beside the figures", async () => {
    const answer = await say("/nps denne måned support");
    expect(answer.text).toContain("Mål");
    expect(answer.text).toContain("+45 inden 30. nov. 2027");
  });

  it("/nps cases lists the team's detractor cases with its numbers", async () => {
    const list = await say("/nps sager support");
    expect(list.text).toContain("Sager om utilfredse kunder – Kundeservice");
    expect(list.text).toMatch(/Sager i alt\s+2/);
    expect(list.text).toContain("Ingen ringede tilbage");
    expect((await say("/nps cases nope")).text).toMatch(/There is no team "nope"/);
  });

  it("connect in the console explains where to do it; in a channel it binds", async () => {
    expect((await say("/nps connect support", { platform: "console", channelId: null, userId: "console", now })).text).toMatch(/connected in Slack or Teams/);
    const bound = await say("/nps connect support alerts");
    expect(bound.visibility).toBe("channel");
    expect(bound.text).toContain("This channel now gets the detractor alerts for Kundeservice");
  });

  it("the home view shows my open cases, my team's goal and this month's NPS", async () => {
    const home = renderConsole(await run.app.home.forActor({ platform: "slack", userId: "ULEAD" }, now));
    expect(home).toContain("Kundepuls – hej Lene");
    expect(home).toContain("Mine åbne sager");
    expect(home).toMatch(/#\d+ · 0\/10/);
    expect(home).toContain("Kundeservice: NPS november 2026 (1.–30.)"); // the running month, named as partial
    expect(home).toContain("+45 inden 30. nov. 2027");
  });

  it("in the console a person takes and resolves a case by number, through the same CaseService", async () => {
    const face = new ConsoleFace(run.app.commands, run.app.nps.settings, () => {}, silentLogger, () => now);
    const open = await run.app.db.prisma.detractorCase.findFirstOrThrow({ where: { state: "open" }, orderBy: { id: "asc" } });
    const listed = await face.handleLine("/nps sager support");
    expect(listed).toContain(`#${open.id} `);
    const taken = await face.handleLine(`tag ${open.id}`);
    expect(taken).toContain("Taget af Lokal bruger");
    expect(taken).toContain(`Skriv: løs ${open.id} vundet/tabt/ingen-kontakt og hvad du gjorde`); // the button, as a command to type
    expect((await run.app.db.prisma.detractorCase.findUniqueOrThrow({ where: { id: open.id } })).state).toBe("claimed");
    const resolved = await face.handleLine(`løs ${open.id} vundet ringede og gav en ny tid`);
    expect(resolved).toContain("Løst af Lokal bruger: Kunden er vundet tilbage");
    expect(await run.app.db.prisma.detractorCase.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ state: "resolved", outcome: "recovered", actionTaken: "ringede og gav en ny tid" });
    expect(await face.handleLine(`claim ${open.id}`)).toContain("The case is already resolved.");
    expect(await face.handleLine("hvad så")).toBe('Det forstod jeg ikke: "hvad så". Prøv fx: /nps denne måned · tag 12 · hjælp\n');
    const help = await face.handleLine("hjælp");
    expect(help).toContain("• tag 12 – tag sag nr. 12");
    expect(help).not.toContain("forbind"); // channels are connected in Slack or Teams, not here
  });
});
