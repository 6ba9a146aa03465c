// The commands only chats have (kundehistorie / story, overblik / home), the help as Teams shows
// it and the welcome on a personal install: each as a small function, fed recorded activities.
import { describe, expect, it, vi } from "vitest";
import { parseActivity, type InstallationUpdateActivity, type MessageActivity } from "../../../src/faces/teams/activity.ts";
import { localeLang } from "../../../src/faces/teams/listeners/commands/home.ts";
import { answerMessage, messageText, teamsCommand, type MessageDeps } from "../../../src/faces/teams/listeners/commands/message.ts";
import { welcomes } from "../../../src/faces/teams/listeners/installs/installation.ts";
import { buildHelp } from "../../../src/messages/help.ts";
import { buildNotice } from "../../../src/messages/notice.ts";
import type { ChatCommandService } from "../../../src/services/chat-commands.ts";
import { isTeamsChartNotice, parseCard, shownLines } from "./adaptive-cards.ts";
import { USER, channelMention, personalInstall, personalMembers, personalMessage } from "./recorded.ts";

const URL_ = "https://smba.trafficmanager.net/emea/";
type El = Record<string, any>;
function parsed<T>(raw: unknown): T {
  const result = parseActivity(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.activity as T;
}
const message = (raw: unknown) => parsed<MessageActivity>(raw);

describe("teamsCommand: the chat-only commands", () => {
  it("kundehistorie / story with or without text; the keyword's language unless the text says otherwise", () => {
    expect(teamsCommand("kundehistorie Kunden ringede og takkede for hjælpen")).toEqual({ kind: "story", text: "Kunden ringede og takkede for hjælpen", lang: "da" });
    expect(teamsCommand("Story The customer called back to say thanks")).toEqual({ kind: "story", text: "The customer called back to say thanks", lang: "en" });
    expect(teamsCommand("story Kunden var glad i dag")).toMatchObject({ lang: "da" });
    expect(teamsCommand("kundehistorie")).toEqual({ kind: "story", text: "", lang: "da" });
    expect(teamsCommand("/kundehistorie første linje\nanden linje")).toEqual({ kind: "story", text: "første linje\nanden linje", lang: "da" });
  });

  it("overblik / hjem / home; anything else is for the shared parser", () => {
    expect(teamsCommand("overblik")).toEqual({ kind: "home", lang: "da" });
    expect(teamsCommand("Home")).toEqual({ kind: "home", lang: "en" });
    for (const text of ["nps", "home support", "kundehistorier", "storytelling", "hjælp", ""]) expect(teamsCommand(text)).toEqual({ kind: "shared" });
  });

  it("messageText removes the mention and keeps line breaks (a story may have several lines)", () => {
    expect(messageText(message(channelMention(URL_, "kundehistorie Linje et\nLinje&nbsp;to")))).toBe("kundehistorie Linje et\nLinje to");
  });
});

describe("answerMessage", () => {
  const now = new Date("2026-11-28T10:00:00Z");
  const actor = { platform: "teams" as const, userId: USER.aadObjectId, name: "Mette Holm", email: "mette@example.dk" };
  const deps = () => {
    const d = {
      commands: { handle: vi.fn().mockResolvedValue({ message: buildHelp("da"), visibility: "private" }) } as unknown as ChatCommandService,
      stories: {
        submit: vi.fn().mockResolvedValue({ ok: true, message: buildNotice("da", "Tak! Historien deles …") }),
        teamChoices: vi.fn().mockResolvedValue([{ slug: "support", name: "Kundeservice" }]),
      },
      home: { forActor: vi.fn().mockResolvedValue(buildNotice("en", "home card")) },
    };
    return d satisfies MessageDeps;
  };
  const card = (reply: { attachments: { content: Record<string, unknown> }[] }) => reply.attachments[0]!.content as { body: El[]; actions?: El[] };

  it("a story with text goes to StoryService.submit as the writer, and its answer is the reply", async () => {
    const d = deps();
    const who = vi.fn().mockResolvedValue(actor);
    const reply = await answerMessage(message(channelMention(URL_, "kundehistorie Kunden sagde tak for den hurtige hjælp")), d, who, now);
    expect(d.stories.submit).toHaveBeenCalledWith({ text: "Kunden sagde tak for den hurtige hjælp", team: null, attribution: null, by: actor }, now, "da");
    expect(reply.summary).toBe("Tak! Historien deles …");
    expect(d.commands.handle).not.toHaveBeenCalled();
  });

  it("the keyword alone → the story form with the teams, and nobody is looked up", async () => {
    const d = deps();
    const who = vi.fn();
    const reply = await answerMessage(message(personalMessage(URL_, "story")), d, who, now);
    expect(who).not.toHaveBeenCalled();
    expect(card(reply).body[0]!.text).toBe("Share a customer story");
    expect(card(reply).body.find((e) => e.id === "story.submit.team")!.choices).toEqual([{ title: "Kundeservice", value: "support" }]);
    expect(card(reply).actions![0]).toMatchObject({ type: "Action.Execute", verb: "story.submit" });
    expect(parseCard(card(reply))).toEqual([]);
  });

  it("home in the personal chat → HomeService for the writer; in a channel → where to ask instead", async () => {
    const d = deps();
    const who = vi.fn().mockResolvedValue(actor);
    expect((await answerMessage(message(personalMessage(URL_, "home")), d, who, now)).summary).toBe("home card");
    expect(d.home.forActor).toHaveBeenCalledWith(actor, now, "en");
    const inChannel = await answerMessage(message(channelMention(URL_, "overblik")), d, who, now);
    expect(inChannel.summary).toBe("Dit overblik vises kun i din personlige chat med Kundepuls: skriv overblik dér.");
    expect(d.home.forActor).toHaveBeenCalledTimes(1);
  });

  it.each(["da", "en"] as const)("the %s help as Teams shows it: messages to the bot, the Teams commands, no privacy it cannot keep", async (lang) => {
    const d = deps();
    d.commands.handle = vi.fn().mockResolvedValue({ message: buildHelp(lang, "teams", { team: "support", touchpoint: "telefon" }), visibility: "private" });
    const reply = await answerMessage(message(personalMessage(URL_, lang === "da" ? "hjælp" : "help")), d, vi.fn(), now);
    const shown = card(reply).body.flatMap((e) => shownLines(e.text as string));
    const expected =
      lang === "da"
        ? ["Skriv til mig her i chatten – eller nævn @Kundepuls i en kanal – med en periode og eventuelt et team og et kontaktpunkt.", "• denne måned", "• sidste kvartal support – kun ét team", "• sager support – sager om utilfredse kunder (tilføj åbne for kun de åbne)", "• kundehistorie og din tekst – del en kundehistorie (kundehistorie alene giver en formular)", "• overblik – dine åbne sager og dit teams mål (i den personlige chat)", "I en kanal ser alle i kanalen mit svar. Skriv til mig i en personlig chat, hvis svaret kun er til dig."]
        : ["Write to me here in the chat – or mention @Kundepuls in a channel – with a period and, optionally, a team and a touchpoint.", "• this month", "• last quarter support – one team only", "• story and your text – share a customer story (story alone gives you a form)", "• home – your open cases and your team's goal (in the personal chat)", "In a channel everyone in it sees my answer. Write to me in a personal chat for an answer only you see."];
    for (const line of expected) expect(shown).toContain(line);
    const all = shown.join("\n");
    expect(all).not.toMatch(/\/nps|kun synlige for dig|visible only to you|\\/); // no slash commands, no false privacy, no leaked escapes
    expect(parseCard(card(reply)).filter((i) => !isTeamsChartNotice(i))).toEqual([]);
  });
});

describe("the welcome", () => {
  it("only a personal installationUpdate add welcomes (not its conversationUpdate twin, not a team install, not an upgrade)", () => {
    expect(welcomes(parsed<InstallationUpdateActivity>(personalInstall(URL_, "add")))).toBe(true);
    expect(welcomes(parsed<InstallationUpdateActivity>({ ...personalInstall(URL_, "add"), action: "add-upgrade" }))).toBe(false);
    expect(welcomes(parsed(personalMembers(URL_, "membersAdded")))).toBe(false);
    expect(welcomes(parsed<InstallationUpdateActivity>({ ...personalInstall(URL_, "add"), conversation: { conversationType: "channel", id: "19:x@thread.tacv2" } }))).toBe(false);
  });

  it("in the language of the person's Teams client when we write it", () => {
    expect(localeLang("da-DK", "en")).toBe("da");
    expect(localeLang("en-GB", "da")).toBe("en");
    expect(localeLang("de-DE", "da")).toBe("da");
    expect(localeLang(undefined, "en")).toBe("en");
  });
});
