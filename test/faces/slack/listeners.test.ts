// Each Slack listener on its own, with small fakes for Slack and the services: the order of ack
// and work, what is answered where, and what happens when something fails.
import { describe, expect, it, vi } from "vitest";
import { webApi } from "@slack/bolt";
import { silentLogger } from "../../../src/logger.ts";
import { buildBindingReply } from "../../../src/messages/binding.ts";
import { buildHelp } from "../../../src/messages/help.ts";
import type { ChatReply } from "../../../src/services/chat-commands.ts";
import { ensureMember, type MembershipClient } from "../../../src/faces/slack/membership.ts";
import type { ListenerDeps } from "../../../src/faces/slack/listeners/deps.ts";
import { fakeDeps, NOW } from "./listener-fakes.ts";
import { npsCommand } from "../../../src/faces/slack/listeners/commands/nps.ts";
import { storyCommand } from "../../../src/faces/slack/listeners/commands/kundehistorie.ts";
import { shareStoryShortcut, slackTextToPlain } from "../../../src/faces/slack/listeners/shortcuts/share-story.ts";
import type { InputBlock, ModalView } from "../../../src/faces/slack/blocks.ts";
import { memberJoinedChannel } from "../../../src/faces/slack/listeners/events/member-joined-channel.ts";
import { eventKey, handleEventsOnce } from "../../../src/faces/slack/listeners/middleware/events-once.ts";
import type { Db } from "../../../src/store/database.ts";
import { HandledDeliveryStore } from "../../../src/store/handled-deliveries.ts";
import type { ResponsePayload } from "../../../src/faces/slack/listeners/reply.ts";

const platformError = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });


/** The shared fakes, with a team to pick in the story form and no log output. */
function deps(over: Partial<ListenerDeps> = {}): ListenerDeps {
  const stories = { ...fakeDeps().stories, teamChoices: async () => [{ slug: "support", name: "Support" }] };
  return fakeDeps({ stories, log: silentLogger, ...over });
}

function slack(join: MembershipClient["conversations"]["join"] = async () => ({})) {
  const responses: ResponsePayload[] = [];
  const order: string[] = [];
  const client: MembershipClient = { conversations: { join: vi.fn(join), info: vi.fn(async () => ({ channel: { is_member: false } })) } };
  return {
    responses,
    order,
    client,
    ack: vi.fn(async () => void order.push("ack")),
    respond: vi.fn(async (p: ResponsePayload) => void responses.push(p)),
  };
}

const command = (text: string) => ({ text, channel_id: "C00FAKECHAN3", user_id: "U00FAKEUSER2" });

describe("/nps", () => {
  it("acks before the answer is even computed, then responds with it", async () => {
    let finish!: (reply: ChatReply) => void;
    const handle = vi.fn(() => new Promise<ChatReply>((resolve) => (finish = resolve)));
    const s = slack();
    const running = npsCommand(deps({ commands: { handle } }))({ command: command("sidste måned"), ack: s.ack, respond: s.respond, client: s.client });
    await vi.waitFor(() => expect(handle).toHaveBeenCalled());
    expect(s.ack).toHaveBeenCalledWith();
    expect(s.respond).not.toHaveBeenCalled();
    finish({ message: buildHelp("da"), visibility: "private" });
    await running;
    expect(handle).toHaveBeenCalledWith("sidste måned", { platform: "slack", channelId: "C00FAKECHAN3", userId: "U00FAKEUSER2", now: NOW });
    expect(s.responses).toHaveLength(1);
    expect(s.responses[0]!.response_type).toBe("ephemeral");
  });

  it("turns Slack's &amp; &lt; &gt; back into the characters the person typed", async () => {
    const handle = vi.fn(async (_text: string) => ({ message: buildHelp("da"), visibility: "private" as const }));
    const s = slack();
    await npsCommand(deps({ commands: { handle } }))({ command: command("connect R&amp;D"), ack: s.ack, respond: s.respond, client: s.client });
    expect(handle.mock.calls[0]![0]).toBe("connect R&D");
  });

  it("a failure is logged and answered with a short private apology in the person's language", async () => {
    const errors: string[] = [];
    const s = slack();
    const log = { ...silentLogger, error: (m: string) => void errors.push(m) };
    await npsCommand(deps({ log, commands: { handle: async () => { throw new Error("database down"); } } }))({ command: command("this month"), ack: s.ack, respond: s.respond, client: s.client });
    expect(s.order[0]).toBe("ack");
    expect(s.responses).toEqual([expect.objectContaining({ response_type: "ephemeral", text: "Sorry, something went wrong on my side. Please try again in a moment." })]);
    expect(errors).toEqual(['slack: /nps "this month" failed']);
  });

  it("a connected channel is joined; a private one it cannot join gets a private 'invite me'", async () => {
    const connected = deps({
      commands: { handle: async () => ({ message: buildBindingReply("connect", { ok: true, team: { slug: "support", name: "Support" }, purposes: ["alerts"], changed: 1 }, "da"), visibility: "channel" }) },
      bindings: { forChannel: async () => [{ platform: "slack", channelId: "C00FAKECHAN3", teamSlug: "support", purpose: "alerts" }] },
    });
    const open = slack();
    await npsCommand(connected)({ command: command("forbind support alarmer"), ack: open.ack, respond: open.respond, client: open.client });
    expect(open.client.conversations.join).toHaveBeenCalledWith({ channel: "C00FAKECHAN3" });
    expect(open.responses.map((r) => r.response_type)).toEqual(["in_channel"]);

    const closed = slack(async () => { throw platformError("method_not_supported_for_channel_type"); });
    await npsCommand(connected)({ command: command("forbind support alarmer"), ack: closed.ack, respond: closed.respond, client: closed.client });
    expect(closed.responses.map((r) => [r.response_type, r.text])).toEqual([
      ["in_channel", "Denne kanal får nu alarmer om utilfredse kunder for Support."],
      ["ephemeral", "Jeg kan ikke selv gå ind i denne kanal. Inviter mig med /invite @Kundepuls, ellers kan jeg ikke skrive her."],
    ]);
  });

  it("an unknown team is answered privately and nothing is joined", async () => {
    const s = slack();
    const reply = buildBindingReply("connect", { ok: false, reason: "unknownTeam", teams: ["salg", "support"] }, "en");
    await npsCommand(deps({ commands: { handle: async () => ({ message: reply, visibility: "private" }) } }))({ command: command("connect nope"), ack: s.ack, respond: s.respond, client: s.client });
    expect(s.client.conversations.join).not.toHaveBeenCalled();
    expect(s.responses.map((r) => [r.response_type, r.text])).toEqual([["ephemeral", "I do not know that team. Teams: salg, support."]]);
  });
});

describe("ensureMember", () => {
  it("joined, already a member, or a private channel it is (not) in", async () => {
    expect(await ensureMember(slack().client, "C1")).toBe("joined");
    expect(await ensureMember(slack(async () => ({ warning: "already_in_channel" })).client, "C1")).toBe("member");
    const privateIn = slack(async () => { throw platformError("channel_not_found"); });
    privateIn.client.conversations.info = async () => ({ channel: { is_member: true } });
    expect(await ensureMember(privateIn.client, "G1")).toBe("member");
    expect(await ensureMember(slack(async () => { throw platformError("method_not_supported_for_channel_type"); }).client, "G1")).toBe("needsInvite");
    await expect(ensureMember(slack(async () => { throw platformError("missing_scope"); }).client, "C1")).rejects.toThrow(/missing_scope/);
  });
});

describe("/kundehistorie and the share_story shortcut", () => {
  const views = () => {
    const opened: { trigger_id: string; view: ModalView }[] = [];
    return { opened, client: { views: { open: vi.fn(async (a: { trigger_id: string; view: ModalView }) => void opened.push(a)), publish: vi.fn() } } };
  };
  const initialText = (view: ModalView) => (view.blocks.find((b) => b.type === "input" && b.block_id === "text") as InputBlock).element;

  it("the command acks first, then opens the story modal with its trigger_id, pre-filled, in the language typed", async () => {
    const s = slack();
    const v = views();
    v.client.views.open.mockImplementationOnce(async (a) => {
      s.order.push("views.open");
      v.opened.push(a);
    });
    await storyCommand(deps())({ command: { ...command("The customer said thanks for the help &amp; more"), trigger_id: "T1" }, ack: s.ack, respond: s.respond, client: v.client });
    expect(s.order).toEqual(["ack", "views.open"]);
    expect(v.opened[0]!.trigger_id).toBe("T1");
    expect(v.opened[0]!.view.title.text).toBe("Share a customer story");
    expect(initialText(v.opened[0]!.view)).toMatchObject({ initial_value: "The customer said thanks for the help & more" });
    expect(JSON.parse(v.opened[0]!.view.private_metadata!)).toEqual({ lang: "en", channel: "C00FAKECHAN3" });
    expect(s.responses).toEqual([]);
  });

  it("a modal that cannot be opened is answered with a private apology", async () => {
    const s = slack();
    const v = views();
    v.client.views.open.mockRejectedValueOnce(platformError("expired_trigger_id"));
    await storyCommand(deps())({ command: { ...command(""), trigger_id: "T2" }, ack: s.ack, respond: s.respond, client: v.client });
    expect(s.responses.map((r) => [r.response_type, r.text])).toEqual([["ephemeral", "Beklager, det gik galt hos mig. Prøv igen om lidt."]]);
  });

  it("the shortcut pre-fills the message as plain text and remembers the channel", async () => {
    const s = slack();
    const v = views();
    const shortcut = { type: "message_action", trigger_id: "T3", channel: { id: "C7" }, message: { text: "Tak <@U1|anna>! Se <https://x.dk/a|sagen> &lt;3" } };
    await shareStoryShortcut(deps())({ ack: s.ack, shortcut, client: v.client, respond: s.respond });
    expect(s.ack).toHaveBeenCalledOnce();
    expect(initialText(v.opened[0]!.view)).toMatchObject({ initial_value: "Tak @anna! Se sagen <3" });
    expect(JSON.parse(v.opened[0]!.view.private_metadata!)).toEqual({ lang: "da", channel: "C7" });
  });

  it("slackTextToPlain turns Slack's markup into what a person reads", () => {
    expect(slackTextToPlain("<!here> <#C1|salg> <@U2> <https://a.dk> <mailto:x@y.dk|x@y.dk> &amp;&gt;")).toBe("@here #salg @U2 https://a.dk x@y.dk &>");
  });
});

describe("member_joined_channel", () => {
  const post = () => vi.fn(async () => ({}));
  it("says hello once when the bot itself is added to an unconnected channel", async () => {
    const postMessage = post();
    await memberJoinedChannel(deps())({ event: { user: "UBOT", channel: "C9" }, context: { botUserId: "UBOT" }, client: { chat: { postMessage } } });
    expect(postMessage).toHaveBeenCalledWith(expect.objectContaining({ channel: "C9", text: expect.stringContaining("/nps forbind support opsummering alarmer") }));
  });

  it("is quiet for other people and for channels already connected", async () => {
    const postMessage = post();
    await memberJoinedChannel(deps())({ event: { user: "UHUMAN", channel: "C9" }, context: { botUserId: "UBOT" }, client: { chat: { postMessage } } });
    const connected = deps({ bindings: { forChannel: async () => [{ platform: "slack", channelId: "C9", teamSlug: "support", purpose: "digest" }] } });
    await memberJoinedChannel(connected)({ event: { user: "UBOT", channel: "C9" }, context: { botUserId: "UBOT" }, client: { chat: { postMessage } } });
    expect(postMessage).not.toHaveBeenCalled();
  });
});

describe("handleEventsOnce", () => {
  it("records event ids and skips one already recorded; other requests pass untouched", async () => {
    const keys = new Set<string>();
    const prisma = {
      handledDelivery: {
        create: async ({ data }: { data: { key: string } }) => {
          if (keys.has(data.key)) throw Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
          keys.add(data.key);
          return {};
        },
      },
    } as unknown as Db;
    const once = handleEventsOnce({ deliveries: new HandledDeliveryStore(prisma), log: silentLogger });
    const next = vi.fn(async () => {});
    const event = { type: "event_callback", event_id: "Ev1" };
    await once({ body: event, context: {}, next });
    await once({ body: event, context: { retryNum: 1 }, next });
    await once({ body: { command: "/nps" }, context: {}, next });
    expect(next).toHaveBeenCalledTimes(2);
    expect([...keys]).toEqual(["slack:event:Ev1"]);
    expect(eventKey({ event_id: "" })).toBeNull();
  });

  it("a database failure other than a duplicate is not swallowed", async () => {
    const prisma = { handledDelivery: { create: async () => { throw new Error("disk full"); } } } as unknown as Db;
    await expect(handleEventsOnce({ deliveries: new HandledDeliveryStore(prisma), log: silentLogger })({ body: { event_id: "Ev2" }, context: {}, next: async () => {} })).rejects.toThrow("disk full");
  });
});
