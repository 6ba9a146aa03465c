// Every kind of source, end to end through the real HTTP server: the tool's documented example
// payload (test/fixtures/sources), signed as the tool signs it → the right answer stored; the same
// delivery again → unchanged; an edit → updated; a wrong signature, a stale timestamp and an
// unmappable payload → refused, nothing stored, counted, logged without personal data.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../src/logger.ts";
import { KIND_SPECS } from "../../src/ingest/sources/kinds.ts";
import type { SourceConfig } from "../../src/store/sources.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeToolApi, type FakeToolApi } from "../support/fake-tool-api.ts";

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url), "utf8");
const json = (name: string) => JSON.parse(fixture(name)) as Record<string, any>;
const SECRET = "kp-test-secret-0123456789";
const WHSEC = `whsec_${Buffer.from("formbricks-test-signing-key-32b!").toString("base64")}`;
const SM_KEY = "sm-client-id&sm-client-secret";
const TOKEN = "tool-api-token-abc";
Object.assign(process.env, { KP_SRC_SECRET: SECRET, KP_SRC_WHSEC: WHSEC, KP_SRC_SM: SM_KEY, KP_SRC_TOKEN: TOKEN });

const hmac = (alg: string, key: crypto.BinaryLike, data: crypto.BinaryLike, enc: "base64" | "hex") => crypto.createHmac(alg, key).update(data).digest(enc);
const nowSeconds = () => Math.floor(Date.now() / 1000);
function standardWebhooks(raw: string, at = nowSeconds(), key = WHSEC): Record<string, string> {
  const id = `msg_${crypto.randomBytes(6).toString("hex")}`;
  const sig = hmac("sha256", Buffer.from(key.slice(6), "base64"), `${id}.${at}.${raw}`, "base64");
  return { "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": `v1,${sig}` };
}
function qualtricsForm(notice: Record<string, any>, key = SECRET): string {
  const msg = JSON.stringify(notice.MSG);
  return new URLSearchParams({ Topic: notice.Topic, MSG: msg, HMAC: hmac("sha512", key, msg, "hex") }).toString();
}

interface Expected {
  externalId: string; score: number; comment: string | null; team: string; touchpoint: string;
  customerEmail: string; customerName: string | null; customerAccount: string;
}

interface KindCase {
  kind: SourceConfig["kind"];
  config: (api: FakeToolApi) => Partial<SourceConfig>;
  /** the tool's API content before the first delivery (fetching kinds) */
  prepare?: (api: FakeToolApi) => void;
  body: () => string;
  sign: (raw: string) => Record<string, string>;
  expected: Expected;
  /** an edited answer: a new delivery (and, for fetching kinds, a changed API answer) */
  edit: (api: FakeToolApi) => { body: string; score: number; comment: string | null };
  forged: (raw: string) => Record<string, string>;
  stale?: (raw: string) => Record<string, string>;
  unmappable: (api: FakeToolApi) => string;
}

const typeform = () => json("typeform.json");
const smPath = "/v3/surveys/405193572/responses/114296185341/details";
const qPath = "/API/v3/surveys/SV_cVn9uBwheR9hz01/responses/R_suq806jn8LGzhx7";

const CASES: KindCase[] = [
  {
    kind: "typeform", config: () => ({}), body: () => fixture("typeform.json"),
    sign: (raw) => ({ "typeform-signature": `sha256=${hmac("sha256", SECRET, raw, "base64")}` }),
    expected: { externalId: "a3a12ec67a1365927098a606107fac15", score: 9, comment: "Hurtig og venlig hjælp i telefonen.", team: "support", touchpoint: "telefon", customerEmail: "karen.holm@example.dk", customerName: "Karen Holm", customerAccount: "Bageriet ApS" },
    edit: () => {
      const p = typeform();
      p.form_response.answers[0].number = 5;
      p.form_response.answers[1].text = "Ændret: svaret kom for sent.";
      return { body: JSON.stringify(p), score: 5, comment: "Ændret: svaret kom for sent." };
    },
    forged: (raw) => ({ "typeform-signature": `sha256=${hmac("sha256", "not-the-secret", raw, "base64")}` }),
    unmappable: () => {
      const p = typeform();
      p.form_response.answers.shift();
      return JSON.stringify(p);
    },
  },
  {
    kind: "formbricks", config: () => ({ mappings: { score: "/data/data/kx8n2u4jv1a0bqz3cf6pt9lw", comment: "/data/data/h2mq9r7s5t1u3v8w0x6y4z2a" } }),
    body: () => fixture("formbricks.json"), sign: (raw) => standardWebhooks(raw),
    expected: { externalId: "cm1x7m3rs000208l4f6g7h8i9", score: 3, comment: "Leveringen kom tre dage for sent.", team: "b2b-salg", touchpoint: "levering", customerEmail: "jens.hansen@example.dk", customerName: null, customerAccount: "Tømrer Hansen" },
    edit: () => {
      const p = json("formbricks.json");
      p.event = "responseUpdated";
      p.data.data.kx8n2u4jv1a0bqz3cf6pt9lw = 6;
      return { body: JSON.stringify(p), score: 6, comment: "Leveringen kom tre dage for sent." };
    },
    forged: (raw) => standardWebhooks(raw, nowSeconds(), `whsec_${Buffer.from("some-other-key").toString("base64")}`),
    stale: (raw) => standardWebhooks(raw, nowSeconds() - 10 * 60),
    unmappable: () => {
      const p = json("formbricks.json");
      p.data.data.kx8n2u4jv1a0bqz3cf6pt9lw = 11;
      return JSON.stringify(p);
    },
  },
  {
    kind: "delighted", config: () => ({}), body: () => fixture("delighted-created.json"),
    sign: () => ({ "x-kundepuls-secret": SECRET }),
    expected: { externalId: "5435", score: 9, comment: null, team: "support", touchpoint: "chat", customerEmail: "charlie_gravis@example.com", customerName: "Charlie Gravis", customerAccount: "Gravis & Co" },
    // Delighted sends the comment later, in survey_response.updated: the same answer, updated.
    edit: () => ({ body: fixture("delighted-updated.json"), score: 9, comment: "Your service is fast and flawless!" }),
    forged: () => ({ "x-kundepuls-secret": "guessed" }),
    unmappable: () => {
      const p = json("delighted-created.json");
      p.event_data.score = null;
      return JSON.stringify(p);
    },
  },
  {
    kind: "surveymonkey",
    config: (api) => ({ apiUrl: api.url, tokenEnv: "KP_SRC_TOKEN", mappings: { score: "question:663476241", comment: "question:663476242", name: "/custom_variables/name" } }),
    prepare: (api) => api.routes.set(smPath, json("surveymonkey-response.json")),
    body: () => fixture("surveymonkey-notification.json"), sign: (raw) => ({ "sm-signature": hmac("sha1", SM_KEY, raw, "base64") }),
    expected: { externalId: "114296185341", score: 7, comment: "Fint nok, men svartiden kunne være kortere.", team: "support", touchpoint: "e-mail", customerEmail: "mette.lund@example.dk", customerName: "Mette Lund", customerAccount: "Lund Revision" },
    edit: (api) => {
      const r = json("surveymonkey-response.json");
      r.pages[0].questions[0].answers[0].simple_text = "2";
      api.routes.set(smPath, r);
      const n = json("surveymonkey-notification.json");
      n.event_type = "response_updated";
      return { body: JSON.stringify(n), score: 2, comment: "Fint nok, men svartiden kunne være kortere." };
    },
    forged: (raw) => ({ "sm-signature": hmac("sha1", "sm-client-id&wrong", raw, "base64") }),
    unmappable: (api) => {
      const r = json("surveymonkey-response.json");
      r.pages[0].questions.shift();
      api.routes.set(smPath, r);
      return fixture("surveymonkey-notification.json");
    },
  },
  {
    kind: "qualtrics",
    config: (api) => ({ apiUrl: api.url, tokenEnv: "KP_SRC_TOKEN", mappings: { score: "/result/values/QID1", comment: "/result/values/QID2_TEXT" } }),
    prepare: (api) => api.routes.set(qPath, json("qualtrics-response.json")),
    body: () => qualtricsForm(json("qualtrics-notification.json")), sign: () => ({ "content-type": "application/x-www-form-urlencoded" }),
    expected: { externalId: "R_suq806jn8LGzhx7", score: 10, comment: "Altid hurtig hjælp, tak!", team: "support", touchpoint: "telefon", customerEmail: "ole.berg@example.dk", customerName: null, customerAccount: "Berg Byg" },
    edit: (api) => {
      const r = json("qualtrics-response.json");
      r.result.values.QID1 = 4;
      api.routes.set(qPath, r);
      return { body: qualtricsForm(json("qualtrics-notification.json")), score: 4, comment: "Altid hurtig hjælp, tak!" };
    },
    forged: () => ({ "content-type": "application/x-www-form-urlencoded" }),
    unmappable: (api) => {
      const r = json("qualtrics-response.json");
      delete r.result.values.QID1;
      api.routes.set(qPath, r);
      return qualtricsForm(json("qualtrics-notification.json"));
    },
  },
  {
    kind: "asknicely", config: () => ({}), body: () => fixture("asknicely.json"), sign: () => ({ "x-kundepuls-secret": SECRET }),
    expected: { externalId: "345094", score: 10, comment: "The gym was great, love it!", team: "support", touchpoint: "reception", customerEmail: "tester@asknice.ly", customerName: "Firstname Lastname", customerAccount: "Nicely Gym" },
    edit: () => {
      const p = json("asknicely.json");
      Object.assign(p, { count: 2 });
      Object.assign(p.question, { score: "8", comment: "Changed my mind: crowded at 6 pm." });
      return { body: JSON.stringify(p), score: 8, comment: "Changed my mind: crowded at 6 pm." };
    },
    forged: () => ({ "x-kundepuls-secret": `${SECRET}x` }),
    unmappable: () => {
      const p = json("asknicely.json");
      p.question.score = "ten";
      return JSON.stringify(p);
    },
  },
  {
    kind: "generic", config: () => ({}), body: () => fixture("generic-power-automate.json"), sign: () => ({ authorization: `Bearer ${SECRET}` }),
    expected: { externalId: "MS-FORMS-42", score: 8, comment: "God service, men lidt lang ventetid.", team: "support", touchpoint: "butik", customerEmail: "anne.dahl@example.dk", customerName: "Anne Dahl", customerAccount: "Dahl Design" },
    edit: () => {
      const p = json("generic-power-automate.json");
      p.score = 10;
      return { body: JSON.stringify(p), score: 10, comment: "God service, men lidt lang ventetid." };
    },
    forged: () => ({ authorization: "Bearer wrong" }),
    unmappable: () => JSON.stringify({ ...json("generic-power-automate.json"), id: undefined }),
  },
];

describe.each(PROVIDERS)("POST /api/sources/<name> on %s", (provider) => {
  let run: RunningApp;
  let api: FakeToolApi;
  const logLines: string[] = [];
  const log: Logger = { debug() {}, info: (m) => void logLines.push(m), warn: (m) => void logLines.push(m), error: (m) => void logLines.push(m) };
  beforeAll(async () => {
    api = await startFakeToolApi();
    run = await startTestApp(provider, {}, log);
  });
  afterAll(async () => {
    await run?.stop();
    await api?.close();
  });

  const post = async (name: string, body: string, headers: Record<string, string>, query = "") => {
    const res = await fetch(`${run.url}/api/sources/${name}${query}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const saveSource = (name: string, c: KindCase, over: Partial<SourceConfig> = {}) =>
    run.app.sources.store.save({
      name, kind: c.kind, verify: KIND_SPECS[c.kind].verify, secretEnv: c.kind === "formbricks" ? "KP_SRC_WHSEC" : c.kind === "surveymonkey" ? "KP_SRC_SM" : "KP_SRC_SECRET",
      tokenEnv: null, apiUrl: null, surveyId: null, mappings: {}, team: null, touchpoint: null, pollMinutes: null, ...c.config(api), ...over,
    });
  const kindCase = (kind: SourceConfig["kind"]) => CASES.find((c) => c.kind === kind)!;
  const storedFrom = (source: string) => run.app.db.prisma.answer.findMany({ where: { source }, include: { team: true, touchpoint: true } });

  describe.each(CASES)("$kind", (c) => {
    const name = `${c.kind}-nps`;
    beforeAll(async () => {
      await saveSource(name, c);
      c.prepare?.(api);
    });

    it("stores the documented example payload, correctly signed, as the right answer", async () => {
      const raw = c.body();
      expect(await post(name, raw, c.sign(raw))).toEqual({ status: 200, body: { created: 1, updated: 0, unchanged: 0 } });
      const [row, ...more] = await storedFrom(name);
      expect(more).toHaveLength(0);
      const { team, touchpoint, ...fields } = c.expected;
      expect(row).toMatchObject(fields);
      expect([row!.team?.slug, row!.touchpoint?.name]).toEqual([team, touchpoint]);
    });

    it("the same delivery again is unchanged", async () => {
      const raw = c.body();
      expect(await post(name, raw, c.sign(raw))).toEqual({ status: 200, body: { created: 0, updated: 0, unchanged: 1 } });
    });

    it("an edit updates the one answer", async () => {
      const edit = c.edit(api);
      expect(await post(name, edit.body, c.sign(edit.body))).toEqual({ status: 200, body: { created: 0, updated: 1, unchanged: 0 } });
      const rows = await storedFrom(name);
      expect(rows.map((r) => [r.externalId, r.score, r.comment])).toEqual([[c.expected.externalId, edit.score, edit.comment]]);
    });

    it("refuses a wrong signature, a stale timestamp and an unmappable payload, storing nothing", async () => {
      const before = await storedFrom(name);
      const raw = c.body();
      const forged = c.kind === "qualtrics" ? qualtricsForm(json("qualtrics-notification.json"), "not-the-shared-key") : raw;
      const refused = await post(name, forged, c.forged(forged));
      expect(refused.status).toBe(401);
      expect(String(refused.body.error)).toMatch(/signature|wrong|missing/);
      if (c.stale) expect(await post(name, raw, c.stale(raw))).toEqual({ status: 401, body: { error: "stale timestamp (more than 5 minutes off)" } });
      const bad = c.unmappable(api);
      const unmappable = await post(name, bad, c.sign(bad));
      expect(unmappable.status).toBe(400);
      expect(String(unmappable.body.error)).toMatch(/^(id|score)/);
      expect(await storedFrom(name)).toEqual(before);
      const status = await run.app.sources.store.status(name, (await import("../../src/core/schedule.ts")).localDayKey(new Date(), "Europe/Copenhagen"));
      expect(status.refusalsToday).toBe(c.stale ? 3 : 2);
      expect(status.lastRefusal).toBe(unmappable.body.error);
      // Refusals are logged with their reason, never the customer's data.
      const refusals = logLines.filter((l) => l.startsWith(`source ${name}: refused`));
      expect(refusals).toHaveLength(c.stale ? 3 : 2);
      for (const l of refusals) for (const personal of [c.expected.customerEmail, c.expected.comment, c.expected.customerAccount]) if (personal) expect(l).not.toContain(personal);
    });
  });

  it("an unknown source is 404, and events without an answer are acknowledged without storing", async () => {
    expect((await post("nobody", "{}", {})).status).toBe(404);
    expect((await fetch(`${run.url}/api/sources/nobody`)).status).toBe(405);
    await saveSource("fb-events", kindCase("formbricks"));
    const p = json("formbricks.json");
    p.event = "responseCreated";
    const raw = JSON.stringify(p);
    expect(await post("fb-events", raw, standardWebhooks(raw))).toEqual({ status: 200, body: { ignored: "event responseCreated carries no answer" } });
  });

  it("a tool that can only set a URL carries the secret in the query (--verify query:key)", async () => {
    await saveSource("delighted-url", kindCase("delighted"), { verify: "query:key" });
    const raw = fixture("delighted-created.json");
    expect((await post("delighted-url", raw, {}, `?key=${SECRET}`)).body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await post("delighted-url", raw, {}, "?key=guess")).toEqual({ status: 401, body: { error: "missing or wrong ?key=" } });
  });

  it("a source whose secret variable is not set answers 503 (the tool retries) and says why", async () => {
    await saveSource("unset", kindCase("generic"), { secretEnv: "KP_SRC_NOT_SET" });
    expect(await post("unset", "{}", { authorization: "Bearer x" })).toEqual({ status: 503, body: { error: "secret variable KP_SRC_NOT_SET is not set on this server" } });
  });

  it("a tool API that fails is a 502, so the tool re-sends the notification later", async () => {
    await saveSource("sm-failing", kindCase("surveymonkey"));
    api.failWith = 500;
    try {
      const raw = fixture("surveymonkey-notification.json");
      const res = await post("sm-failing", raw, { "sm-signature": hmac("sha1", SM_KEY, raw, "base64") });
      expect(res.status).toBe(502);
      expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      api.failWith = null;
    }
  });
});
