// Each listener as a small function, fed the activity shapes Teams sends.
import { describe, expect, it, vi } from "vitest";
import type { TurnContext } from "botbuilder";
import { parseActivity, type InvokeActivity, type MessageActivity } from "../../../src/faces/teams/activity.ts";
import { createTurnErrorHandler } from "../../../src/faces/teams/bot.ts";
import { ADAPTIVE_CARD, pickerInputId } from "../../../src/faces/teams/cards.ts";
import { answerCardAction, MESSAGE_RESPONSE, parseCardAction, type CardAction, type CardActionHandler } from "../../../src/faces/teams/listeners/actions/card-action.ts";
import { answerCommand, commandText } from "../../../src/faces/teams/listeners/commands/message.ts";
import { installChange } from "../../../src/faces/teams/listeners/installs/installation.ts";
import { silentLogger } from "../../../src/logger.ts";
import { buildNotice } from "../../../src/messages/notice.ts";
import type { ChatCommandService } from "../../../src/services/chat-commands.ts";
import { CHANNEL, USER, cardClick, channelMention, personalMembers, personalMessage, teamInstall } from "./recorded.ts";

const URL_ = "https://smba.trafficmanager.net/emea/";
function parsed<T>(raw: unknown): T {
  const result = parseActivity(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.activity as T;
}
const message = (raw: unknown) => parsed<MessageActivity>(raw);

describe("commandText: the command in a Teams message", () => {
  it("removes the bot's mention as Teams wrote it (recorded channel payload)", () => {
    expect(commandText(message(channelMention(URL_, "nps sidste kvartal support")))).toBe("nps sidste kvartal support");
    expect(commandText(message(channelMention(URL_, "Hey")))).toBe("nps Hey");
  });

  it("prefixes 'nps ' where the parser needs it, and keeps an existing nps or /nps", () => {
    const cases: [string, string][] = [
      ["nps", "nps"],
      ["nps this month", "nps this month"],
      ["/nps denne måned", "/nps denne måned"],
      ["help", "nps help"],
      ["hjælp", "nps hjælp"],
      ["connect support alerts", "nps connect support alerts"],
      ["disconnect support", "nps disconnect support"],
      ["npsfoo", "nps npsfoo"],
      ["  nps   sidste\u00a0måned  ", "nps sidste måned"],
    ];
    for (const [typed, expected] of cases) expect(commandText(message(personalMessage(URL_, typed)))).toBe(expected);
  });

  it("only the mention → help; a mention without entity (Emulator) is removed too; other people keep their name", () => {
    expect(commandText(message(channelMention(URL_, "")))).toBe("nps help");
    expect(commandText(message({ ...personalMessage(URL_, "<at>Kundepuls</at> nps i dag"), entities: undefined }))).toBe("nps i dag");
    expect(commandText(message(channelMention(URL_, "connect support <at>Jens Hansen</at>")))).toBe("nps connect support Jens Hansen");
    expect(commandText(message(personalMessage(URL_, "nps&nbsp;denne m&aring;ned &amp; mere")))).toBe("nps denne m&aring;ned & mere");
  });

  it("calls the service with the channel (not the thread) and the person's Entra id", async () => {
    const handle = vi.fn().mockResolvedValue({ message: buildNotice("da", "ok"), visibility: "private" });
    const now = new Date("2026-11-28T10:00:00Z");
    await answerCommand(message(channelMention(URL_, "connect support")), { handle } as unknown as ChatCommandService, now);
    expect(handle).toHaveBeenCalledWith("nps connect support", { platform: "teams", channelId: CHANNEL, userId: USER.aadObjectId, now });
    await answerCommand(message({ ...personalMessage(URL_, "nps"), from: { id: "29:emulator-user" } }), { handle } as unknown as ChatCommandService, now);
    expect(handle).toHaveBeenLastCalledWith("nps", expect.objectContaining({ userId: "29:emulator-user" }));
  });
});

describe("installChange: what an install event says about the bot", () => {
  it("installationUpdate add/remove; upgrades that are no install are nothing", () => {
    expect(installChange(parsed(teamInstall(URL_, "add")))).toBe("installed");
    expect(installChange(parsed(teamInstall(URL_, "remove")))).toBe("uninstalled");
    expect(installChange(parsed({ ...teamInstall(URL_, "add"), action: "add-upgrade" }))).toBe("installed");
    expect(installChange(parsed({ ...teamInstall(URL_, "add"), action: "remove-upgrade" }))).toBeNull();
  });
  it("conversationUpdate: only when the bot itself is among the members", () => {
    expect(installChange(parsed(personalMembers(URL_, "membersAdded")))).toBe("installed");
    expect(installChange(parsed(personalMembers(URL_, "membersRemoved")))).toBe("uninstalled");
    expect(installChange(parsed({ ...personalMembers(URL_, "membersAdded"), membersAdded: [{ id: USER.id }] }))).toBeNull();
  });
});

describe("card actions", () => {
  const click = (verb: string, data: Record<string, unknown>) => parsed<InvokeActivity>(cardClick(URL_, verb, data));
  const ctx = { now: new Date("2026-11-28T10:00:00Z"), actor: async (userId: string) => ({ platform: "teams" as const, userId }) };

  it("reads action, value, language, the card it was on, the people picker's choice and the inputs", () => {
    const data = { action: "case.handOver", value: "42", lang: "en", card: "alert", [pickerInputId("case.handOver")]: "aad-user-2" };
    expect(parseCardAction(click("case.handOver", data), "da")).toEqual({
      action: "case.handOver", value: "42", user: "aad-user-2", lang: "en", card: "alert", data,
      userId: USER.aadObjectId, userName: USER.name, conversationId: CHANNEL, conversationKind: "channel",
    });
    expect(parseCardAction(click("x", {}), "da")).toMatchObject({ value: "", user: null, lang: "da", card: "" });
    expect(parseCardAction({ ...click("x", {}), value: { action: { type: "Action.Submit", data: {} } } }, "da")).toBeNull();
  });

  it("updated → the new card for the clicker, and the message to update for everyone, with the note", async () => {
    const seen: CardAction[] = [];
    const note = buildNotice("da", "Løst");
    const handlers = new Map<string, CardActionHandler>([["case.claim", async (action) => (seen.push(action), { kind: "updated", message: buildNotice(action.lang, `Taget af ${action.userId}`), note })]]);
    const answer = await answerCardAction(click("case.claim", { action: "case.claim", value: "42", lang: "da" }), handlers, "en", ctx);
    expect(seen).toHaveLength(1);
    expect(answer.response).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD, value: { type: "AdaptiveCard", body: [{ type: "TextBlock", text: `Taget af ${USER.aadObjectId}` }] } });
    expect(answer.update).toMatchObject({ summary: `Taget af ${USER.aadObjectId}` });
    expect(answer.note).toBe(note);
  });

  it("private → a card for the clicker only; notice → one line, nothing updated", async () => {
    const handlers = new Map<string, CardActionHandler>([
      ["a", async () => ({ kind: "private", card: { type: "AdaptiveCard", body: [] } })],
      ["b", async () => ({ kind: "notice", message: buildNotice("da", "Sagen er allerede løst.") })],
    ]);
    expect(await answerCardAction(click("a", {}), handlers, "da", ctx)).toEqual({ response: { statusCode: 200, type: ADAPTIVE_CARD, value: { type: "AdaptiveCard", body: [] } }, update: null, note: null });
    expect(await answerCardAction(click("b", {}), handlers, "da", ctx)).toEqual({ response: { statusCode: 200, type: MESSAGE_RESPONSE, value: "Sagen er allerede løst." }, update: null, note: null });
  });

  it("an action nobody handles gets a polite line in the card's language; a non-Execute a 400", async () => {
    expect((await answerCardAction(click("gone", { lang: "en" }), new Map(), "da", ctx)).response).toEqual({ statusCode: 200, type: MESSAGE_RESPONSE, value: "That button no longer works. Type help to see what you can ask." });
    expect((await answerCardAction({ ...click("x", {}), value: {} }, new Map(), "da", ctx)).response.statusCode).toBe(400);
  });
});

describe("turn errors", () => {
  const context = (type: string, send = vi.fn().mockResolvedValue({ id: "1" })) => ({ activity: { type }, sendActivity: send }) as unknown as TurnContext & { sendActivity: typeof send };

  it("a failed message turn is answered with a polite card; a failed click with a line on the card", async () => {
    const onError = createTurnErrorHandler(silentLogger, "da");
    const msg = context("message");
    await onError(msg, new Error("database down"));
    expect(msg.sendActivity.mock.calls[0]![0]).toMatchObject({ summary: "Beklager, det gik galt hos mig. Prøv igen om lidt." });
    const invoke = context("invoke");
    await onError(invoke, new Error("database down"));
    expect(invoke.sendActivity.mock.calls[0]![0]).toMatchObject({ type: "invokeResponse", value: { status: 200, body: { type: "application/vnd.microsoft.activity.message" } } });
  });

  it("if even the polite reply fails, nothing is thrown", async () => {
    const failing = context("message", vi.fn().mockRejectedValue(new Error("connector down")));
    await expect(createTurnErrorHandler(silentLogger, "en")(failing, new Error("x"))).resolves.toBeUndefined();
  });
});
