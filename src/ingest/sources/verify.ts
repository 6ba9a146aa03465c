// Is this request really from the tool? Pure: raw body bytes + headers + secret → ok or why not.
// Every comparison of a secret is timing-safe. Schemes (a source's --verify):
//   typeform                Typeform-Signature: sha256=<base64 HMAC-SHA256 of the body>
//   standard-webhooks       webhook-id / webhook-timestamp / webhook-signature: v1,<base64 HMAC-SHA256
//                           of "id.timestamp.body"> with the base64 key after "whsec_" (Formbricks)
//   surveymonkey            Sm-Signature: base64 HMAC-SHA1 of the body, key "<api key>&<api secret>"
//   qualtrics               form body Topic, MSG, HMAC: hex HMAC-SHA512 of MSG with the shared key
//   bearer                  Authorization: Bearer <secret>
//   header:<Name>           the header carries the secret itself (AskNicely, Delighted)
//   query:<param>           the URL's query parameter carries the secret (tools that set only a URL)
//   hmac-sha256:<Name>      the header carries the HMAC-SHA256 of the body (hex or base64, "sha256=" allowed)
import crypto from "node:crypto";

export type Verified = { ok: true } | { ok: false; reason: string };
export type Headers = Record<string, string | string[] | undefined>;

/** Standard Webhooks' default: a timestamp more than five minutes off is a replay. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export function verifySchemeProblem(scheme: string): string | null {
  if (["typeform", "standard-webhooks", "surveymonkey", "qualtrics", "bearer"].includes(scheme)) return null;
  if (/^(header|hmac-sha256|query):[A-Za-z0-9_-]+$/.test(scheme)) return null;
  return `unknown --verify "${scheme}": use typeform, standard-webhooks, surveymonkey, qualtrics, bearer, header:<Header-Name>, hmac-sha256:<Header-Name> or query:<param>`;
}

function header(headers: Headers, name: string): string {
  const v = headers[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

/** Equal bytes, in constant time for equal lengths (hashing first hides the length too). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = crypto.createHash("sha256").update(a).digest();
  const db = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(da, db) && Buffer.byteLength(a) > 0;
}

const hmac = (alg: string, key: crypto.BinaryLike, data: crypto.BinaryLike) => crypto.createHmac(alg, key).update(data).digest();
const bad = (reason: string): Verified => ({ ok: false, reason });
const ok: Verified = { ok: true };

function standardWebhooks(raw: Buffer, headers: Headers, secret: string, now: Date): Verified {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) return bad("missing webhook-id, webhook-timestamp or webhook-signature");
  if (!/^\d+$/.test(timestamp)) return bad("webhook-timestamp is not a number of seconds");
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) return bad("stale timestamp (more than 5 minutes off)");
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = hmac("sha256", key, Buffer.concat([Buffer.from(`${id}.${timestamp}.`), raw])).toString("base64");
  // Several space-separated signatures may be sent (key rotation): one matching is enough.
  const given = signatures.split(" ").filter((s) => s.startsWith("v1,")).map((s) => s.slice(3));
  return given.some((g) => safeEqual(g, expected)) ? ok : bad("bad signature");
}

function qualtrics(raw: Buffer, secret: string): Verified {
  const form = new URLSearchParams(raw.toString("utf8"));
  const msg = form.get("MSG");
  const given = form.get("HMAC")?.toLowerCase() ?? "";
  if (msg === null || !given) return bad("missing MSG or HMAC (give the event subscription a sharedKey)");
  return safeEqual(given, hmac("sha512", secret, msg).toString("hex")) ? ok : bad("bad signature");
}

function bodyHmac(raw: Buffer, given: string, secret: string): Verified {
  const digest = hmac("sha256", secret, raw);
  const value = given.replace(/^sha256=/, "");
  return safeEqual(value, digest.toString("hex")) || safeEqual(value, digest.toString("base64")) ? ok : bad("bad signature");
}

export function verifyRequest(scheme: string, raw: Buffer, headers: Headers, secret: string, now: Date, query = new URLSearchParams()): Verified {
  if (scheme === "typeform") {
    const given = header(headers, "typeform-signature");
    if (!given) return bad("missing Typeform-Signature");
    return safeEqual(given, `sha256=${hmac("sha256", secret, raw).toString("base64")}`) ? ok : bad("bad signature");
  }
  if (scheme === "standard-webhooks") return standardWebhooks(raw, headers, secret, now);
  if (scheme === "surveymonkey") {
    const given = header(headers, "sm-signature");
    if (!given) return bad("missing Sm-Signature");
    return safeEqual(given, hmac("sha1", secret, raw).toString("base64")) ? ok : bad("bad signature");
  }
  if (scheme === "qualtrics") return qualtrics(raw, secret);
  if (scheme === "bearer") {
    const given = header(headers, "authorization").match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? "";
    return given && safeEqual(given, secret) ? ok : bad("missing or wrong bearer token");
  }
  const [how, name] = scheme.split(":") as [string, string];
  if (how === "query") return safeEqual(query.get(name) ?? "", secret) ? ok : bad(`missing or wrong ?${name}=`);
  const given = header(headers, name);
  if (!given) return bad(`missing ${name}`);
  if (how === "header") return safeEqual(given, secret) ? ok : bad(`wrong ${name}`);
  if (how === "hmac-sha256") return bodyHmac(raw, given, secret);
  return bad(verifySchemeProblem(scheme) ?? "unknown scheme");
}
