// Small fakes for unit tests of the Slack listeners: ListenerDeps with services that refuse to
// be used unless a test gives them a job, and a Slack client that records every call.
import { vi } from "vitest";
import type { Logger } from "../../../src/logger.ts";
import { buildHelp } from "../../../src/messages/help.ts";
import type { ListenerClient } from "../../../src/faces/slack/listeners/client.ts";
import type { ListenerDeps } from "../../../src/faces/slack/listeners/deps.ts";

export const NOW = new Date("2026-11-15T10:00:00Z");

const unused = async (): Promise<never> => {
  throw new Error("not used in this test");
};

export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string, e?: unknown) => void lines.push(`${level} ${m}${e instanceof Error ? ` ${e.message}` : ""}`);
  return { lines, debug() {}, info: push("info"), warn: push("warn"), error: push("error") };
}

export function fakeDeps(over: Partial<ListenerDeps> = {}): ListenerDeps {
  return {
    commands: { handle: async () => ({ message: buildHelp("da"), visibility: "private" }) },
    bindings: { forChannel: async () => [] },
    cases: { claim: unused, resolve: unused, handOver: unused, contactFor: unused },
    stories: { submit: unused, teamChoices: async () => [] },
    home: { forActor: unused },
    prisma: { handledDelivery: { create: async () => ({}) } } as unknown as ListenerDeps["prisma"],
    defaultLang: "da",
    log: recordingLog(),
    now: () => NOW,
    ...over,
  };
}

/** A client whose every method records its arguments (in `calls`, in order) and answers ok. */
export function fakeClient(users: Record<string, { real_name?: string; email?: string }> = {}) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const rec = (method: string) =>
    vi.fn(async (args: Record<string, unknown>) => {
      calls.push({ method, args });
      return { ok: true };
    });
  const client = {
    chat: { update: rec("chat.update"), postMessage: rec("chat.postMessage"), postEphemeral: rec("chat.postEphemeral") },
    views: { open: rec("views.open"), publish: rec("views.publish") },
    users: {
      info: vi.fn(async ({ user }: { user: string }) => {
        calls.push({ method: "users.info", args: { user } });
        const u = users[user];
        if (!u) throw new Error("An API error occurred: user_not_found");
        return { ok: true, user: { id: user, name: user.toLowerCase(), real_name: u.real_name, profile: { real_name: u.real_name, email: u.email } } };
      }),
    },
  };
  return { client: client as typeof client & ListenerClient, calls, methods: () => calls.map((c) => c.method) };
}

/** A block_actions body as the listeners read it (see slack-requests.ts for the full recorded shape). */
export function actionBody(action: Record<string, unknown>, container: Record<string, unknown> = { type: "message", message_ts: "111.222", channel_id: "D1", is_ephemeral: false }) {
  return {
    type: "block_actions",
    user: { id: "U1", username: "anna", name: "anna" },
    trigger_id: "trig-1",
    response_url: "https://hooks.slack.com/actions/T/1/x",
    container,
    ...(container.type === "view" ? { view: { type: "home" } } : { channel: { id: container.channel_id } }),
    actions: [{ type: "button", action_id: "case.claim", block_id: "b", ...action }],
  };
}
