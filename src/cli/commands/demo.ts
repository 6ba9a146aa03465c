// kundepuls demo — fills the database with sample answers (4 teams, 13 months, Danish comments).
import { z } from "zod";
import type { App } from "../../app.ts";
import { fillDemoData } from "../../services/demo-data.ts";
import { parseCommandArgs } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";

export const demoCommand: CliCommand = {
  name: "demo",
  needs: "app",
  synopsis: { da: "", en: "" },
  summary: { da: "fylder databasen med eksempelsvar (4 hold, 13 måneder)", en: "fills the database with sample answers (4 teams, 13 months)" },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const schema = z.object({ positionals: z.array(z.string()).max(0, lang === "da" ? "demo tager ingen argumenter" : "demo takes no arguments") });
    parseCommandArgs(argv, {}, schema, usageOf(demoCommand, lang), lang);
    const before = await app.answers.count();
    const filled = await fillDemoData({ ...app.repos, answers: app.answers }, { now });
    const added = (await app.answers.count()) - before;
    out(
      lang === "da"
        ? `eksempeldata: ${filled.teams} hold, ${filled.answers} svar (${added} nye)\n`
        : `demo data: ${filled.teams} teams, ${filled.answers} answers (${added} new)\n`,
    );
  },
};
