// kundepuls admin list | admin add|remove PERSON — admins besides those named in ADMINS (audited).
import { z } from "zod";
import type { App } from "../../app.ts";
import { PERSON_HELP } from "../../core/person-ref.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import { cliActor } from "../operator.ts";
import { guarded, person } from "./team.ts";

const schema = z.object({ positionals: z.array(z.string()).max(2) });

export const adminCommand: CliCommand = {
  name: "admin",
  needs: "app",
  synopsis: { da: "[list]\nadd|remove PERSON", en: "[list]\nadd|remove PERSON" },
  summary: { da: "administratorer ud over dem i ADMINS (noteres i revisionssporet)", en: "admins besides those named in ADMINS (recorded in the audit trail)" },
  details: { da: `  PERSON: ${PERSON_HELP.da}\n  se docs/roles.md`, en: `  PERSON: ${PERSON_HELP.en}\n  see docs/roles.md` },
  async run(argv: string[], app: App, { lang, out }: CliIo) {
    const usage = usageOf(adminCommand, lang);
    const [action = "list", who, ...extra] = parseCommandArgs(argv, {}, schema, usage, lang).positionals;
    await guarded(lang, async () => {
      if (action === "list" && !who) {
        const stored = await app.roles.admins();
        const configured = app.config.ADMINS.map((a) => `${a} (ADMINS)`);
        const all = [...stored, ...configured];
        const none = lang === "da" ? "ingen administratorer endnu (kundepuls admin add PERSON, eller ADMINS=…)" : "no admins yet (kundepuls admin add PERSON, or ADMINS=…)";
        out(all.length > 0 ? all.join("\n") + "\n" : none + "\n");
        return;
      }
      if ((action !== "add" && action !== "remove") || !who || extra.length > 0) throw new UsageError(usage);
      out((await app.roles.setAdmin(person(who, lang), action === "add", cliActor(), new Date(), lang)) + "\n");
    });
  },
};
