// kundepuls demo — fills the database with sample answers (4 teams, 13 months, Danish comments).
import { z } from "zod";
import type { App } from "../../app.ts";
import { fillDemoData } from "../../services/demo-data.ts";
import { parseCommandArgs } from "../args.ts";

const schema = z.object({ positionals: z.array(z.string()).max(0, "demo takes no arguments") });

export async function demoCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  parseCommandArgs(argv, {}, schema, "usage: kundepuls demo");
  const before = await app.answers.count();
  const filled = await fillDemoData({ prisma: app.db.prisma, answers: app.answers }, { now });
  const added = (await app.answers.count()) - before;
  out(`demo data: ${filled.teams} teams, ${filled.answers} answers (${added} new)\n`);
}
