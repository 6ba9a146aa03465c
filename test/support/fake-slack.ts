// A local stand-in for Slack's Web API (POST /api/<method>) and for response_urls
// (POST /respond/<id>). Every call is recorded with its parsed body (form-encoded fields whose
// value is JSON — blocks, view — are parsed too). Answers are realistic `ok:true` bodies; tests
// can queue failures (a 429 with Retry-After, an `ok:false` error, a 500) for the next calls.
// Posted messages are kept per conversation (a user id posts into a DM "D…", as in Slack) and
// served by conversations.history / .replies; ts are real times, so `oldest` filters as in Slack.
// chat.delete removes a posted message (message_not_found when it is not there, as in Slack).
// hangPosts() lets chat.postMessage record a message but never answer: a process killed mid-send.
// rateLimitWindow() is Slack's per-channel limit: a call opens a window of N seconds answered 429.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { rateWindows, type RateWindow } from "./fake-slack-windows.ts";

export type { RateWindow };

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  /** the bearer token the client sent */
  token: string | null;
  /** what the fake answered (status and body) */
  response?: { status: number; body: unknown };
  /** recorded (the message is in the conversation) but never answered: see hangPosts */
  hung?: boolean;
  /** when the fake received it (Date.now()) */
  at: number;
}


/** A message as the fake stores it in its conversation. */
export interface PostedMessage { channel: string; ts: string; text: unknown; blocks?: unknown; thread_ts?: string; metadata?: { event_type: string; event_payload: Record<string, unknown> } }

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

/** A workspace member as users.info describes them (addUser). */
export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
}

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface FakeSlack {
  /** base URL of the Web API, for SLACK_API_URL: http://127.0.0.1:<port>/api/ */
  apiUrl: string;
  /** a fresh response_url for one slash command */
  responseUrl(): string;
  calls: ApiCall[];
  responses: ResponseUrlPost[];
  callsTo(method: string): ApiCall[];
  /** the next `times` calls of `method` get this answer instead of the normal one */
  failNext(method: string, answer: Scripted, times?: number): void;
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  errorNext(method: string, error: string, times?: number): void;
  /**
   * The next call of `method` (to `channel`, if given) opens a rate-limit window of `seconds`: it
   * and every matching call until the window is over answer 429 with the Retry-After left.
   */
  rateLimitWindow(options: { method?: string; channel?: string; seconds: number }): RateWindow;
  /** the next `times` (default 1) chat.postMessage calls to `channel` (any without) are recorded, never answered */
  hangPosts(options?: { channel?: string; times?: number }): void;
  /** every message posted, in order (a conversation's: `messagesIn`) */
  messages(): PostedMessage[];
  messagesIn(channel: string): PostedMessage[];
  /** the DM channel of the bot with a user (what conversations.open returns) */
  dmOf(user: string): string;
  /** a member users.info knows; other ids answer user_not_found, as in Slack */
  addUser(user: FakeUser): void;
  /** a user group usergroups.users.list answers with these members; others answer no_such_subteam */
  setUsergroup(id: string, users: string[]): void;
  waitFor<T>(probe: () => T | undefined | null | false, ms?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

export const BOT_USER_ID = "U00FAKEBOT01";
export const BOT_ID = "B00FAKEBOT01";
export const TEAM_ID = "T00FAKE00AA";

const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata"]);
const isUser = (id: string) => /^[UW][A-Z0-9]+$/.test(id);
const dmOf = (user: string) => `D${user.slice(1)}`;
/** "1772518400.000123" → microseconds, exact (a double would round) */
const micros = (ts: unknown) => BigInt(String(ts).split(".")[0] || "0") * 1_000_000n + BigInt(`${String(ts).split(".")[1] ?? ""}000000`.slice(0, 6));
const flag = (v: unknown) => v === true || v === "true" || v === "1";

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const scripted = new Map<string, Scripted[]>();
  const joined = new Set<string>();
  const posted: PostedMessage[] = [];
  const hangs: { channel?: string; left: number }[] = [];
  const windows = rateWindows();
  const people = new Map<string, FakeUser>();
  const usergroups = new Map<string, string[]>();
  let last = 0n; // ts are real times (seconds.microseconds), strictly increasing, unique as in Slack
  const ts = () => {
    last = BigInt(Date.now()) * 1000n > last ? BigInt(Date.now()) * 1000n : last + 1n;
    return `${last / 1_000_000n}.${String(last % 1_000_000n).padStart(6, "0")}`;
  };
  /** a page of messages as conversations.history / .replies return them */
  const page = (list: PostedMessage[], body: Record<string, unknown>) => {
    const after = (at: bigint, bound: unknown) => bound === undefined || at > micros(bound) || (flag(body.inclusive) && at === micros(bound));
    const before = (at: bigint, bound: unknown) => bound === undefined || at < micros(bound) || (flag(body.inclusive) && at === micros(bound));
    const inRange = list.filter((m) => after(micros(m.ts), body.oldest) && before(micros(m.ts), body.latest));
    const offset = body.cursor ? Number(Buffer.from(String(body.cursor), "base64").toString("utf8").replace("offset:", "")) : 0;
    const end = offset + Math.max(1, Number(body.limit ?? 100));
    const messages = inRange.slice(offset, end).map(({ channel: _c, metadata, ...m }) => ({
      type: "message", subtype: "bot_message", bot_id: BOT_ID, ...m, ...(metadata && flag(body.include_all_metadata) ? { metadata } : {}),
    }));
    const more = end < inRange.length;
    return { ok: true, messages, has_more: more, response_metadata: { next_cursor: more ? Buffer.from(`offset:${end}`).toString("base64") : "" } };
  };

  const answer = (method: string, body: Record<string, unknown>): unknown => {
    const channel = String(body.channel ?? "");
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://acme-test.slack.com/", team: "Acme", user: "kundepuls", team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID, is_enterprise_install: false };
      case "chat.postMessage": {
        const at = ts();
        const where = isUser(channel) ? dmOf(channel) : channel;
        const thread = typeof body.thread_ts === "string" ? { thread_ts: body.thread_ts } : {};
        posted.push({ channel: where, ts: at, text: body.text, blocks: body.blocks, ...thread, ...(body.metadata ? { metadata: body.metadata as PostedMessage["metadata"] } : {}) });
        return { ok: true, channel: where, ts: at, message: { type: "message", subtype: "bot_message", text: body.text, bot_id: BOT_ID, ts: at, blocks: body.blocks, ...thread } };
      }
      case "conversations.history": // top-level messages (a reply only shows in its thread), newest first
        return page(posted.filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts)).reverse(), body);
      case "conversations.replies": // the parent and its replies, oldest first
        return page(posted.filter((m) => m.channel === channel && (m.ts === body.ts || m.thread_ts === body.ts)), body);
      case "conversations.open": {
        const users = String(body.users ?? "").split(",").filter(Boolean);
        if (users.length === 0) return { ok: false, error: "users_list_not_supplied" };
        return users.length === 1 ? { ok: true, channel: { id: dmOf(users[0]!) } } : { ok: false, error: "method_not_supported_for_channel_type" };
      }
      case "chat.delete": {
        // The DM's channel id (conversations.open), as Slack requires; the message goes from the conversation.
        const at = posted.findIndex((m) => m.channel === channel && m.ts === body.ts);
        if (at < 0) return { ok: false, error: "message_not_found" };
        posted.splice(at, 1);
        return { ok: true, channel, ts: body.ts };
      }
      case "chat.update":
        return { ok: true, channel, ts: body.ts, text: body.text, message: { text: body.text, blocks: body.blocks } };
      case "chat.postEphemeral":
        return { ok: true, message_ts: ts() };
      case "views.open":
      case "views.publish":
        return { ok: true, view: { id: `V${crypto.randomBytes(5).toString("hex").toUpperCase()}`, ...(body.view as object) } };
      case "conversations.join": {
        const already = joined.has(channel);
        joined.add(channel);
        const result = { ok: true, channel: { id: channel, is_channel: true, is_private: false, is_member: true } };
        return already ? { ...result, warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } } : result;
      }
      case "conversations.info":
        return { ok: true, channel: { id: channel, is_member: joined.has(channel) } };
      case "users.info": {
        const u = people.get(String(body.user ?? ""));
        if (!u) return { ok: false, error: "user_not_found" };
        const profile = { real_name: u.realName ?? "", display_name: u.name, ...(u.email ? { email: u.email } : {}) };
        return { ok: true, user: { id: u.id, team_id: TEAM_ID, name: u.name, deleted: false, real_name: u.realName ?? "", is_bot: false, tz: "Europe/Copenhagen", profile } };
      }
      case "users.lookupByEmail": {
        const email = String(body.email ?? "").toLowerCase();
        const u = [...people.values()].find((p) => p.email?.toLowerCase() === email);
        return u ? { ok: true, user: { id: u.id, team_id: TEAM_ID, name: u.name, real_name: u.realName ?? "", profile: { email: u.email } } } : { ok: false, error: "users_not_found" };
      }
      case "usergroups.users.list": {
        const members = usergroups.get(String(body.usergroup ?? ""));
        return members ? { ok: true, users: members } : { ok: false, error: "no_such_subteam" };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0]!;
      const body = parseBody(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        const data = typeof payload === "string" ? payload : JSON.stringify(payload);
        res.writeHead(status, { "content-type": typeof payload === "string" ? "text/plain" : "application/json", ...headers });
        res.end(data);
      };
      if (path.startsWith("/respond/")) {
        responses.push({ id: path.slice("/respond/".length), body });
        send(200, "ok");
        return;
      }
      if (!path.startsWith("/api/")) return send(404, { ok: false, error: "not_found" });
      const method = path.slice("/api/".length);
      const auth = req.headers.authorization;
      const call: ApiCall = { method, body, token: auth?.startsWith("Bearer ") ? auth.slice(7) : typeof body.token === "string" ? body.token : null, at: Date.now() };
      calls.push(call);
      const queued = windows.answer(call) ?? scripted.get(method)?.shift();
      const hang = !queued && method === "chat.postMessage" ? hangs.find((h) => h.left > 0 && (!h.channel || h.channel === body.channel)) : undefined;
      if (hang) {
        hang.left--;
        answer(method, body); // the message arrives in the conversation; the caller never hears back
        call.hung = true;
        return;
      }
      const next = queued ?? { status: 200, body: answer(method, body) };
      call.response = { status: next.status, body: next.body };
      send(next.status, next.body, next.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const failNext = (method: string, scriptedAnswer: Scripted, times = 1) => {
    const queue = scripted.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(scriptedAnswer);
    scripted.set(method, queue);
  };

  return {
    apiUrl: `${base}/api/`,
    responseUrl: () => `${base}/respond/${crypto.randomBytes(6).toString("hex")}`,
    calls,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext,
    rateLimitNext: (method, seconds, times = 1) => failNext(method, { status: 429, headers: { "retry-after": String(seconds) }, body: { ok: false, error: "ratelimited" } }, times),
    errorNext: (method, error, times = 1) => failNext(method, { status: 200, body: { ok: false, error } }, times),
    rateLimitWindow: (options) => windows.open(options),
    hangPosts: ({ channel, times = 1 } = {}) => void hangs.push({ ...(channel ? { channel } : {}), left: times }),
    messages: () => [...posted],
    messagesIn: (channel) => posted.filter((m) => m.channel === channel),
    dmOf,
    addUser: (user) => void people.set(user.id, user),
    setUsergroup: (id, users) => void usergroups.set(id, [...users]),
    async waitFor(probe, ms = 5_000) {
      const until = Date.now() + ms;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== null && value !== false) return value as never;
        if (Date.now() > until) throw new Error("fake Slack: timed out waiting");
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      scripted.clear();
      posted.length = 0;
      hangs.length = 0;
      windows.clear();
      people.clear();
      usergroups.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ── Requests from "Slack" to our endpoint, signed exactly as Slack signs them ─────────────────

/** v0=HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>") */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedPost {
  secret: string;
  /** seconds since the epoch; default now */
  timestamp?: number;
  contentType?: "application/x-www-form-urlencoded" | "application/json";
  headers?: Record<string, string>;
  /** sign this body but send `body` (a tampered request) */
  signedBody?: string;
}

export async function postSigned(url: string, body: string, options: SignedPost): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(options.secret, timestamp, options.signedBody ?? body),
      ...options.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** A slash command body as Slack sends it (form-encoded), from a recorded payload. */
export function slashCommandForm(payload: Record<string, string>, changes: Record<string, string>): string {
  return new URLSearchParams({ ...payload, ...changes }).toString();
}
