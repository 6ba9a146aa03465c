// Who acts when the CLI changes something: the operating-system user, as the audit trail names them.
import os from "node:os";
import type { AuditActor } from "../store/audit.ts";

export function cliActor(): AuditActor {
  let user: string | null = null;
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? null; // no passwd entry (some containers)
  }
  return { platform: "cli", userId: user, name: user };
}
