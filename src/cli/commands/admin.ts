// kundepuls admin list | admin add|remove PERSON — admins besides those named in ADMINS (audited).
import { z } from "zod";
import type { App } from "../../app.ts";
import { PERSON_HELP } from "../../core/person-ref.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { cliActor } from "../operator.ts";
import { guarded, person } from "./team.ts";

const USAGE = `usage: kundepuls admin [list] | admin add|remove PERSON\n  PERSON: ${PERSON_HELP}`;
const schema = z.object({ positionals: z.array(z.string()).max(2) });

export async function adminCommand(argv: string[], app: App, out: (s: string) => void): Promise<void> {
  const [action = "list", who, ...extra] = parseCommandArgs(argv, {}, schema, USAGE).positionals;
  await guarded(async () => {
    if (action === "list" && !who) {
      const stored = await app.roles.admins();
      const configured = app.config.ADMINS.map((a) => `${a} (ADMINS)`);
      const all = [...stored, ...configured];
      out(all.length > 0 ? all.join("\n") + "\n" : "no admins yet (kundepuls admin add PERSON, or ADMINS=…)\n");
      return;
    }
    if ((action !== "add" && action !== "remove") || !who || extra.length > 0) throw new UsageError(USAGE);
    out((await app.roles.setAdmin(person(who), action === "add", cliActor())) + "\n");
  });
}
