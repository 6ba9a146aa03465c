// A local Bot Connector (the service Teams gives the bot as `serviceUrl`): records what the bot
// posts, answers { id } like the real one, and can fail the next calls (429 with Retry-After,
// 5xx, 403, …) to test how the bot copes. Point an activity's serviceUrl at `url`. It also
// deletes activities (DELETE …/activities/{id}), and answers roster look-ups (GET …/members/{id}) from `members`, 404 for anyone not in it.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorCall {
  method: "POST" | "PUT" | "DELETE";
  /** send: POST …/activities; reply: POST …/activities/{replyToId}; update: PUT …/activities/{activityId};
   * delete: DELETE …/activities/{activityId} */
  kind: "send" | "reply" | "update" | "delete";
  conversationId: string;
  /** replyToId (reply) or activityId (update) from the path */
  activityId: string | null;
  authorization: string | null;
  body: Record<string, unknown>;
  /** the id the connector answered with; null for a failed call */
  answeredId: string | null;
}

interface Failure {
  status: number;
  headers?: Record<string, string>;
  /** answer normally, but only after this long (a slow connector) */
  delayMs?: number;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)\/?$/;
const PAGED = /^\/v3\/conversations\/([^/]+)\/pagedmembers\/?$/;

/** A roster entry as Teams answers it (TeamsChannelAccount). */
export interface FakeMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** the roster, by the id the bot asks for (Entra object id or 29: id) */
  readonly members = new Map<string, FakeMember>();
  /** every roster look-up: the conversation (or team) asked and the member id */
  readonly memberLookups: { conversationId: string; memberId: string }[] = [];
  /** every roster listing (TeamsInfo.getPagedMembers): the team or conversation asked */
  readonly rosterListings: string[] = [];
  /** every request, also the failed and unknown ones */
  attempts = 0;
  private failures: Failure[] = [];
  private server: http.Server;
  private waiters: { count: number; resolve: () => void }[] = [];
  private counter = 0;

  private constructor() {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeConnector> {
    const connector = new FakeConnector();
    await new Promise<void>((resolve) => connector.server.listen(0, "127.0.0.1", resolve));
    return connector;
  }

  /** serviceUrl for activities, with the trailing slash Teams uses */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** The next `times` calls answer `status` (e.g. 429 with { "retry-after": "7" }). */
  failNext(times: number, status: number, headers: Record<string, string> = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, headers });
  }

  /** The next `times` posts and updates are answered normally, but only after `ms`. */
  delayNext(times: number, ms: number): void {
    for (let i = 0; i < times; i++) this.failures.push({ status: 200, delayMs: ms });
  }

  /** Resolves once `count` calls have been recorded in total. */
  waitForCalls(count: number, ms = 10_000): Promise<ConnectorCall[]> {
    if (this.calls.length >= count) return Promise.resolve(this.calls);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake connector: ${this.calls.length} of ${count} calls after ${ms} ms`)), ms);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(this.calls)) });
    });
  }

  /** The adaptive card of a recorded call. */
  static card(call: ConnectorCall): Record<string, unknown> {
    const attachments = call.body.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
    const card = attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
    if (!card) throw new Error(`no adaptive card in ${JSON.stringify(call.body).slice(0, 200)}`);
    return card.content;
  }

  /** Adds people to the roster, under their Entra object id and their 29: id. */
  addMembers(...members: FakeMember[]): void {
    for (const m of members) {
      this.members.set(m.aadObjectId, m);
      this.members.set(m.id, m);
    }
  }

  clear(): void {
    this.calls.length = 0;
    this.memberLookups.length = 0;
    this.rosterListings.length = 0;
    this.failures = [];
    this.attempts = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.attempts++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? "").split("?")[0]!;
    const paged = req.method === "GET" ? PAGED.exec(path) : null;
    if (paged) {
      // the whole roster in one page, each person once (members holds them under two ids)
      this.rosterListings.push(decodeURIComponent(paged[1]!));
      const members = [...new Map([...this.members.values()].map((m) => [m.aadObjectId, m])).values()];
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ members }));
      return;
    }
    const member = req.method === "GET" ? MEMBER.exec(path) : null;
    if (member) {
      const [conversationId, memberId] = [decodeURIComponent(member[1]!), decodeURIComponent(member[2]!)];
      this.memberLookups.push({ conversationId, memberId });
      const found = this.members.get(memberId);
      if (found) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
      else res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "MemberNotFoundInConversation", message: "not a member" } }));
      return;
    }
    const match = ROUTE.exec(path);
    const method = req.method === "PUT" || req.method === "POST" || req.method === "DELETE" ? req.method : null;
    if (!match || !method || (method !== "POST" && !match[2])) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NotFound", message: `${req.method} ${req.url}` } }));
      return;
    }
    let failure = this.failures.shift();
    if (failure?.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, failure!.delayMs));
      failure = undefined;
    }
    if (failure) {
      res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
      res.end(JSON.stringify({ error: { code: failure.status === 429 ? "Throttled" : "ServiceError", message: `fake connector answered ${failure.status}` } }));
      return;
    }
    const answeredId = method !== "POST" ? decodeURIComponent(match[2]!) : `${Date.now()}${String(++this.counter).padStart(3, "0")}`;
    this.calls.push({
      method,
      kind: method === "PUT" ? "update" : method === "DELETE" ? "delete" : match[2] ? "reply" : "send",
      conversationId: decodeURIComponent(match[1]!),
      activityId: match[2] ? decodeURIComponent(match[2]) : null,
      authorization: req.headers.authorization ?? null,
      body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>,
      answeredId,
    });
    if (method === "DELETE") res.writeHead(200).end(); // the connector answers a deletion with an empty 200
    else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: answeredId }));
    for (const waiter of this.waiters.filter((w) => this.calls.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
