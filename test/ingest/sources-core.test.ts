// The pure parts of sources: selectors (RFC 6901 and the tools' own), mapping with the tools'
// value shapes, verification per scheme, and which events carry an answer.
import crypto from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { KIND_SPECS } from "../../src/ingest/sources/kinds.ts";
import { mapPayload, type SourceMappingConfig } from "../../src/ingest/sources/mapping.ts";
import { resolvePointer, select, selectorProblem } from "../../src/ingest/sources/selectors.ts";
import { verifyRequest, verifySchemeProblem } from "../../src/ingest/sources/verify.ts";

const typeform = JSON.parse(fs.readFileSync(new URL("../fixtures/sources/typeform.json", import.meta.url), "utf8"));
const now = new Date("2026-12-06T12:00:00Z");

describe("JSON Pointer (RFC 6901)", () => {
  // The RFC's own example document and pointers (section 5).
  const doc = { foo: ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, 'k"l': 6, " ": 7, "m~n": 8 };
  it.each([
    ["", doc], ["/foo", ["bar", "baz"]], ["/foo/0", "bar"], ["/", 0], ["/a~1b", 1], ["/c%d", 2], ["/e^f", 3],
    ["/g|h", 4], ["/i\\j", 5], ['/k"l', 6], ["/ ", 7], ["/m~0n", 8],
  ])("%j", (pointer, value) => expect(resolvePointer(doc, pointer)).toEqual(value));
  it.each(["/foo/2", "/foo/01", "/foo/-", "/nope", "/foo/0/x", "/toString"])("%j finds nothing", (pointer) => expect(resolvePointer(doc, pointer)).toBeUndefined());
});

describe("selectors", () => {
  it("ref: finds a Typeform answer by its field ref, by answer type", () => {
    expect(select(typeform, "ref:nps_score")).toEqual({ ok: true, value: 9 });
    expect(select(typeform, "ref:reason")).toEqual({ ok: true, value: "Hurtig og venlig hjælp i telefonen." });
    expect(select(typeform, "ref:department")).toEqual({ ok: true, value: "Support" });
    expect(select(typeform, "ref:missing")).toEqual({ ok: true, value: undefined });
  });
  it("type: wants exactly one answered question of the types", () => {
    expect(select(typeform, "type:nps|opinion_scale")).toEqual({ ok: true, value: 9 });
    const two = structuredClone(typeform);
    two.form_response.answers.push({ type: "number", number: 3, field: { id: "x", type: "nps", ref: "second" } });
    expect(select(two, "type:nps|opinion_scale")).toEqual({ ok: false, reason: expect.stringContaining("more than one nps or opinion_scale") });
  });
  it("question: finds a SurveyMonkey answer on any page; = is a fixed value", () => {
    const sm = { pages: [{ questions: [] }, { questions: [{ id: "7", answers: [{ simple_text: "8" }] }, { id: 9, answers: [{ text: "hej" }] }] }] };
    expect(select(sm, "question:7")).toEqual({ ok: true, value: "8" });
    expect(select(sm, "question:9")).toEqual({ ok: true, value: "hej" });
    expect(select(sm, "question:1")).toEqual({ ok: true, value: undefined });
    expect(select(sm, "=support")).toEqual({ ok: true, value: "support" });
  });
  it("names what is not a selector", () => {
    expect(selectorProblem("form_response/token")).toContain("is not a selector");
    for (const ok of ["/a", "ref:x", "type:nps", "question:1", "=x", ""]) expect(selectorProblem(ok)).toBeNull();
  });
});

describe("mapping", () => {
  const source = (over: Partial<SourceMappingConfig> = {}): SourceMappingConfig => ({ name: "tf", kind: "typeform", mappings: {}, team: null, touchpoint: null, ...over });

  it("a Typeform payload with no --map becomes the full answer", () => {
    expect(mapPayload(source(), typeform, now)).toEqual({
      ok: true,
      answer: {
        source: "tf", externalId: "a3a12ec67a1365927098a606107fac15", score: 9, ces: null, comment: "Hurtig og venlig hjælp i telefonen.",
        customerName: "Karen Holm", customerEmail: "karen.holm@example.dk", customerAccount: "Bageriet ApS", teamSlug: "support",
        touchpoint: "telefon", language: "da", consentToShare: true, answeredAt: new Date("2026-12-01T14:24:17Z"),
      },
    });
  });

  it("--team and --touchpoint are fixed values that win over hidden fields; --map wins over defaults", () => {
    const mapped = mapPayload(source({ team: "b2b-salg", touchpoint: "web", mappings: { comment: "ref:department" } }), typeform, now);
    expect(mapped.ok && [mapped.answer.teamSlug, mapped.answer.touchpoint, mapped.answer.comment]).toEqual(["b2b-salg", "web", "Support"]);
  });

  it("reads the tools' value shapes: numbers as text, epoch seconds, space-separated UTC times, yes/no consent", () => {
    const generic = source({ kind: "generic", mappings: { respondedAt: "/at", consent: "/ok" } });
    const base = { id: 7, score: "6" };
    const at = (v: unknown) => {
      const m = mapPayload(generic, { ...base, at: v }, now);
      return m.ok ? m.answer.answeredAt.toISOString() : m.reason;
    };
    expect(at(1774990125)).toBe("2026-03-31T20:48:45.000Z");
    expect(at("1774990125")).toBe("2026-03-31T20:48:45.000Z");
    expect(at(1774990125000)).toBe("2026-03-31T20:48:45.000Z");
    expect(at("2020-10-22 12:31:40")).toBe("2020-10-22T12:31:40.000Z");
    expect(at("2026-12-01T14:25:30+0100")).toBe("2026-12-01T13:25:30.000Z");
    expect(at(undefined)).toBe(now.toISOString());
    const consent = (v: unknown) => {
      const m = mapPayload(generic, { ...base, ok: v }, now);
      return m.ok && m.answer.consentToShare;
    };
    expect([consent("yes"), consent("Ja"), consent(1), consent("no"), consent(false), consent(undefined)]).toEqual([true, true, true, false, false, false]);
    const m = mapPayload(generic, base, now);
    expect(m.ok && [m.answer.externalId, m.answer.score]).toEqual(["7", 6]);
  });

  it("says why a payload cannot be mapped, naming the field and selector but never the value", () => {
    const generic = source({ kind: "generic" });
    expect(mapPayload(generic, { score: 5 }, now)).toEqual({ ok: false, reason: "id: nothing found at /id" });
    expect(mapPayload(generic, { id: "x" }, now)).toEqual({ ok: false, reason: "score: nothing found at /score" });
    const big = mapPayload(generic, { id: "x", score: 11 }, now);
    expect(!big.ok && big.reason).toMatch(/^score: .*\(from \/score\)$/);
    const email = mapPayload(generic, { id: "x", score: 5, customer: { email: "secret-person-at-example" } }, now);
    expect(!email.ok && email.reason).toMatch(/^email: /);
    expect(!email.ok && email.reason).not.toContain("secret-person");
    expect(mapPayload(source({ kind: "formbricks" }), {}, now)).toEqual({ ok: false, reason: expect.stringContaining("add --map score=<selector>") });
  });
});

describe("verification", () => {
  const raw = Buffer.from('{"a":1}');
  const hmac = (alg: string, key: crypto.BinaryLike, data: crypto.BinaryLike, enc: "base64" | "hex") => crypto.createHmac(alg, key).update(data).digest(enc);
  const key = Buffer.from("0123456789abcdef0123456789abcdef");
  const whsec = `whsec_${key.toString("base64")}`;
  const sw = (ts: number, sig = hmac("sha256", key, `id1.${ts}.${raw}`, "base64")) => ({ "webhook-id": "id1", "webhook-timestamp": String(ts), "webhook-signature": `v1,${sig}` });
  const t = Math.floor(now.getTime() / 1000);

  it("typeform and surveymonkey sign the body", () => {
    expect(verifyRequest("typeform", raw, { "typeform-signature": `sha256=${hmac("sha256", "s", raw, "base64")}` }, "s", now)).toEqual({ ok: true });
    expect(verifyRequest("typeform", raw, { "typeform-signature": hmac("sha256", "s", raw, "base64") }, "s", now).ok).toBe(false);
    expect(verifyRequest("typeform", raw, {}, "s", now)).toEqual({ ok: false, reason: "missing Typeform-Signature" });
    expect(verifyRequest("surveymonkey", raw, { "sm-signature": hmac("sha1", "k&s", raw, "base64") }, "k&s", now)).toEqual({ ok: true });
    expect(verifyRequest("surveymonkey", Buffer.from('{"a":2}'), { "sm-signature": hmac("sha1", "k&s", raw, "base64") }, "k&s", now)).toEqual({ ok: false, reason: "bad signature" });
  });

  it("Standard Webhooks: id.timestamp.body, whsec_ key, any of several signatures, 5 minutes tolerance", () => {
    expect(verifyRequest("standard-webhooks", raw, sw(t), whsec, now)).toEqual({ ok: true });
    const rotated = sw(t);
    rotated["webhook-signature"] = `v1,bm90IGl0 ${rotated["webhook-signature"]}`;
    expect(verifyRequest("standard-webhooks", raw, rotated, whsec, now)).toEqual({ ok: true });
    expect(verifyRequest("standard-webhooks", raw, sw(t - 299, hmac("sha256", key, `id1.${t - 299}.${raw}`, "base64")), whsec, now)).toEqual({ ok: true });
    expect(verifyRequest("standard-webhooks", raw, sw(t - 301, hmac("sha256", key, `id1.${t - 301}.${raw}`, "base64")), whsec, now).ok).toBe(false);
    expect(verifyRequest("standard-webhooks", raw, sw(t + 301, hmac("sha256", key, `id1.${t + 301}.${raw}`, "base64")), whsec, now)).toEqual({ ok: false, reason: "stale timestamp (more than 5 minutes off)" });
    expect(verifyRequest("standard-webhooks", raw, { ...sw(t), "webhook-id": "id2" }, whsec, now)).toEqual({ ok: false, reason: "bad signature" });
    expect(verifyRequest("standard-webhooks", raw, { "webhook-id": "id1" }, whsec, now).ok).toBe(false);
  });

  it("qualtrics: HMAC-SHA512 of MSG with the shared key, in the form body", () => {
    const form = (k: string) => Buffer.from(new URLSearchParams({ Topic: "x.surveyengine.completedResponse.SV_1", MSG: '{"ResponseID":"R_1"}', HMAC: hmac("sha512", k, '{"ResponseID":"R_1"}', "hex") }).toString());
    expect(verifyRequest("qualtrics", form("shared"), {}, "shared", now)).toEqual({ ok: true });
    expect(verifyRequest("qualtrics", form("other"), {}, "shared", now)).toEqual({ ok: false, reason: "bad signature" });
    expect(verifyRequest("qualtrics", Buffer.from("Topic=x&MSG=%7B%7D"), {}, "shared", now).ok).toBe(false);
  });

  it("bearer, a static header, and an HMAC-SHA256 of the body in a named header (hex or base64)", () => {
    expect(verifyRequest("bearer", raw, { authorization: "Bearer s3" }, "s3", now)).toEqual({ ok: true });
    expect(verifyRequest("bearer", raw, { authorization: "Basic s3" }, "s3", now).ok).toBe(false);
    expect(verifyRequest("header:X-Token", raw, { "x-token": "s3" }, "s3", now)).toEqual({ ok: true });
    expect(verifyRequest("header:X-Token", raw, { "x-token": "s4" }, "s3", now)).toEqual({ ok: false, reason: "wrong X-Token" });
    expect(verifyRequest("header:X-Token", raw, {}, "s3", now)).toEqual({ ok: false, reason: "missing X-Token" });
    for (const sig of [hmac("sha256", "s3", raw, "hex"), hmac("sha256", "s3", raw, "base64"), `sha256=${hmac("sha256", "s3", raw, "hex")}`])
      expect(verifyRequest("hmac-sha256:X-Sig", raw, { "x-sig": sig }, "s3", now)).toEqual({ ok: true });
    expect(verifyRequest("hmac-sha256:X-Sig", raw, { "x-sig": hmac("sha256", "s4", raw, "hex") }, "s3", now)).toEqual({ ok: false, reason: "bad signature" });
    expect(verifyRequest("query:key", raw, {}, "s3", now, new URLSearchParams("key=s3"))).toEqual({ ok: true });
    expect(verifyRequest("query:key", raw, {}, "s3", now, new URLSearchParams("key=s4"))).toEqual({ ok: false, reason: "missing or wrong ?key=" });
    expect(verifyRequest("query:key", raw, {}, "s3", now)).toEqual({ ok: false, reason: "missing or wrong ?key=" });
  });

  it("knows its schemes", () => {
    for (const ok of ["typeform", "standard-webhooks", "surveymonkey", "qualtrics", "bearer", "header:X-A", "hmac-sha256:X-Hub-Signature-256", "query:key"]) expect(verifySchemeProblem(ok)).toBeNull();
    for (const bad of ["none", "header:", "hmac-sha1:X", "header:X A"]) expect(verifySchemeProblem(bad)).toContain("unknown --verify");
  });
});

describe("events with an answer", () => {
  it.each([
    ["typeform", { event_type: "form_response" }, true], ["typeform", { event_type: "form_partial_response" }, false],
    ["formbricks", { event: "responseFinished" }, true], ["formbricks", { event: "responseUpdated", data: { finished: true } }, true],
    ["formbricks", { event: "responseUpdated", data: { finished: false } }, false], ["formbricks", { event: "responseCreated" }, false],
    ["delighted", { event_type: "survey_response.created" }, true], ["delighted", { event_type: "survey_response.updated" }, true],
    ["delighted", { event_type: "unsubscribe.created" }, false], ["surveymonkey", { event_type: "response_completed" }, true],
    ["surveymonkey", { event_type: "response_updated" }, true], ["surveymonkey", { event_type: "response_disqualified" }, false],
    ["qualtrics", { Topic: "b.surveyengine.completedResponse.SV_1" }, true], ["qualtrics", { Topic: "b.surveyengine.startedRecipientSession.SV_1" }, false],
    ["asknicely", {}, true], ["generic", {}, true],
  ] as const)("%s %j → %s", (kind, payload, stores) => expect(KIND_SPECS[kind].event(payload).store).toBe(stores));
});
