// POST /api/forget {"email": "…"} or {"account": "…"} — survey tools and CRMs that propagate a
// customer's erasure call this with the ingest token (same auth as POST /api/responses).
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { sendJson, type Handler } from "./http-server.ts";
import type { PrivacyService } from "../services/privacy-service.ts";
import type { AuditActor } from "../store/audit.ts";
import { admitted, readJsonBody } from "./ingest-route.ts";
import { safeText } from "../ingest/safe-text.ts";

const MAX_FORGET_BYTES = 16 * 1024;

export const forgetBodySchema = z.union([
  z.strictObject({ email: z.email().max(320), dryRun: z.boolean().default(false) }),
  z.strictObject({ account: safeText(z.string().trim().min(1).max(300)), dryRun: z.boolean().default(false) }),
], { error: 'send {"email": "…"} or {"account": "…"}' });

/** The audit trail's actor for a call with the ingest token (the token is the only identity an API client has). */
const API_ACTOR: AuditActor = { platform: "api", userId: "ingest-token", name: null };

export function createForgetHandler(deps: { privacy: PrivacyService; token: string | undefined; kick: () => void; now?: () => Date }): Handler {
  const now = deps.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (!admitted(req, res, deps.token)) return;
    const body = await readJsonBody(req, res, MAX_FORGET_BYTES);
    if (body === undefined) return;
    const parsed = forgetBodySchema.safeParse(body);
    if (!parsed.success) {
      return sendJson(res, 400, { error: "invalid input", issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) });
    }
    const { dryRun, ...selector } = parsed.data;
    const counts = await deps.privacy.forget(selector, API_ACTOR, { dryRun, now: now() });
    if (!dryRun) deps.kick(); // the deletions are queued: the worker sends them now
    sendJson(res, 200, { dryRun, ...counts });
  };
}
