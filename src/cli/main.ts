// The `kundepuls` executable: one entry, thin commands over the same services as the bot.
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createApp } from "../app.ts";
import { UsageError } from "./args.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { npsCommand } from "./commands/nps.ts";
import { startCommand } from "./commands/start.ts";
import { importCommand } from "./commands/import.ts";
import { demoCommand } from "./commands/demo.ts";
import { digestCommand } from "./commands/digest.ts";
import { casesCommand } from "./commands/cases.ts";
import { goalCommand } from "./commands/goal.ts";
import { outboxCommand } from "./commands/outbox.ts";
import { ownerCommand, teamCommand } from "./commands/team.ts";
import { adminCommand } from "./commands/admin.ts";
import { auditCommand } from "./commands/audit.ts";

const HELP = `Kundepuls — NPS habits for Slack and Microsoft Teams

usage: kundepuls <command> [options]

  start [--demo-if-empty]     run the bot (HTTP server, chat faces, console in local mode)
  migrate                     apply database migrations
  import FILE [--source NAME] [--team SLUG] [--dry-run] [--skip-invalid]
                              import survey answers from a CSV export
  nps "<period>" [--team SLUG] [--touchpoint NAME] [--json]
                              NPS for a period, e.g. "this month", "sidste kvartal", "2026-10"
  demo                        fill the database with sample answers (4 teams, 13 months)
  digest [--team SLUG] [--dry-run]
                              send today's digest now (once per team, channel and day)
  cases [--team SLUG] [--open] [--json]
                              detractor cases, closing rate, median time to claim
  goal set TEAM TARGET DATE [--min N] | goal show TEAM
                              a team's loyalty goal (history is kept)
  outbox [--failed] [--retry] messages waiting, dead-lettered, or to send again
  team [list] | team set SLUG [--name NAME] [--lead PERSON] [--digest-cron "CRON"|default]
                              [--slack-usergroup S0123|none] [--teams-team ID|none]
                              teams, their lead (alerts, escalations), digest schedule, synced members
  team member add|remove SLUG PERSON | team members SLUG | team sync [SLUG]
                              who belongs to a team (may claim its cases)
  admin [list] | admin add|remove PERSON
                              admins (everything), besides those in ADMINS
  audit [--since DATE] [--team SLUG] [--json]
                              who claimed, resolved, saw contact details, set goals, changed roles
  owner account|touchpoint NAME PERSON
                              who gets the alerts for a customer account or a touchpoint
                              (PERSON: e-mail, U0123 or slack:U0123, or teams:<AAD object id>)
  help                        this text

Configuration comes from environment variables; see .env.example.`;

const out = (s: string) => process.stdout.write(s);
// A reader that stops early (`kundepuls import … | head`) closes the pipe: the rest of the output
// has nowhere to go, but the command still finishes its work (an import is not cut off midway).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    out(HELP + "\n");
    return 0;
  }
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  switch (command) {
    case "start":
      await startCommand(rest, config, log);
      return -1; // keeps running
    case "migrate":
      await migrateCommand(config, out);
      return 0;
    case "nps":
    case "import":
    case "demo":
    case "digest":
    case "cases":
    case "goal":
    case "outbox":
    case "team":
    case "admin":
    case "audit":
    case "owner": {
      const app = await createApp(config, log);
      try {
        if (command === "nps") await npsCommand(rest, app, out);
        else if (command === "import") return await importCommand(rest, app, out);
        else if (command === "digest") return await digestCommand(rest, app, out);
        else if (command === "cases") await casesCommand(rest, app, out);
        else if (command === "goal") await goalCommand(rest, app, out);
        else if (command === "outbox") await outboxCommand(rest, app, out);
        else if (command === "team") await teamCommand(rest, app, out);
        else if (command === "owner") await ownerCommand(rest, app, out);
        else if (command === "admin") await adminCommand(rest, app, out);
        else if (command === "audit") await auditCommand(rest, app, out);
        else await demoCommand(rest, app, out);
      } finally {
        await app.close();
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`kundepuls: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`kundepuls: ${(error as Error).message ?? String(error)}\n`);
    if (process.env.LOG_LEVEL === "debug") process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 1;
  },
);
