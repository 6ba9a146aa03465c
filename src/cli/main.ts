// The `kundepuls` executable: one entry, thin commands over the same services as the bot. Every
// command answers --help/-h with its own usage; --lang da|en (else DEFAULT_LANGUAGE) picks the
// one language everything is printed in.
import { ConfigError, loadConfig, type Config } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createApp } from "../app.ts";
import { UsageError } from "./args.ts";
import { usageOf, type CliCommand, type CliIo } from "./command.ts";
import type { Lang } from "../core/language.ts";
import { casesCommand } from "./commands/cases.ts";
import { demoCommand } from "./commands/demo.ts";
import { digestCommand } from "./commands/digest.ts";
import { weeklyCommand } from "./commands/weekly.ts";
import { reportCommand } from "./commands/report.ts";
import { goalCommand } from "./commands/goal.ts";
import { importCommand } from "./commands/import.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { npsCommand } from "./commands/nps.ts";
import { outboxCommand } from "./commands/outbox.ts";
import { startCommand } from "./commands/start.ts";
import { ownerCommand, teamCommand } from "./commands/team.ts";
import { sourceCommand } from "./commands/source.ts";
import { themeCommand, themesCommand } from "./commands/theme.ts";
import { exportCommand, forgetCommand, retentionCommand } from "./commands/privacy.ts";
import { adminCommand } from "./commands/admin.ts";
import { auditCommand } from "./commands/audit.ts";

const COMMANDS: readonly CliCommand[] = [startCommand, migrateCommand, importCommand, npsCommand, demoCommand, digestCommand, weeklyCommand, reportCommand, casesCommand, goalCommand, themesCommand, themeCommand, outboxCommand, teamCommand, ownerCommand, adminCommand, auditCommand, sourceCommand, forgetCommand, exportCommand, retentionCommand];

const HEADER = { da: "Kundepuls — NPS-vaner i Slack og Microsoft Teams", en: "Kundepuls — NPS habits for Slack and Microsoft Teams" };
const FOOTER = {
  da: "Alle kommandoer: --help viser deres brug, --lang da|en vælger sproget (standard: DEFAULT_LANGUAGE).\nIndstillinger kommer fra miljøvariabler; se docs/configuration.md.",
  en: "Every command: --help shows its usage, --lang da|en picks the language (default: DEFAULT_LANGUAGE).\nSettings come from environment variables; see docs/configuration.md.",
};

/** The top-level help: each command's forms and summary, from the commands themselves. */
function topHelp(lang: Lang): string {
  const lines = [HEADER[lang], "", `${lang === "da" ? "brug" : "usage"}: kundepuls <${lang === "da" ? "kommando" : "command"}> [${lang === "da" ? "tilvalg" : "options"}]`, ""];
  for (const command of COMMANDS) {
    for (const form of command.synopsis[lang].split("\n")) lines.push(`  ${command.name} ${form}`.trimEnd());
    lines.push(`      ${command.summary[lang]}`);
  }
  lines.push(`  help [${lang === "da" ? "kommando" : "command"}]`, `      ${lang === "da" ? "denne tekst, eller en kommandos brug" : "this text, or a command's usage"}`, "", FOOTER[lang]);
  return lines.join("\n");
}

const out = (s: string) => process.stdout.write(s);
// A reader that stops early (`kundepuls import … | head`) closes the pipe: the rest of the output
// has nowhere to go, but the command still finishes its work (an import is not cut off midway).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

const isLang = (value: string | undefined): value is Lang => value === "da" || value === "en";

/** Takes --lang da|en (or --lang=…) out of the arguments; the language asked for, if any. */
function takeLang(argv: string[], fallback: Lang): { argv: string[]; lang?: Lang } {
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at < 0) return { argv };
  const value = argv[at] === "--lang" ? argv[at + 1] : argv[at]!.slice("--lang=".length);
  if (!isLang(value)) throw new UsageError(fallback === "da" ? "--lang skal være da eller en" : "--lang must be da or en");
  return { argv: [...argv.slice(0, at), ...argv.slice(at + (argv[at] === "--lang" ? 2 : 1))], lang: value };
}

/** The configuration, or null when it is broken; help is given either way. */
function configOrNull(): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

async function main(args: string[]): Promise<number> {
  const config = configOrNull();
  const configured = config?.DEFAULT_LANGUAGE ?? (isLang(process.env.DEFAULT_LANGUAGE) ? process.env.DEFAULT_LANGUAGE : "da");
  const { argv, lang: asked } = takeLang(args, configured);
  const language = asked ?? configured;
  const io: CliIo = { lang: language, out };
  const [name, ...rest] = argv;
  const help = (text: string) => (out(text + "\n"), 0);
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const about = COMMANDS.find((c) => c.name === rest[0]);
    return help(about ? usageOf(about, language) : topHelp(language));
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(language === "da" ? `ukendt kommando "${name}" (se kundepuls --help)` : `unknown command "${name}" (see kundepuls --help)`);
  if (rest.includes("--help") || rest.includes("-h")) return help(usageOf(command, language));
  const ready = config ?? loadConfig(); // throws the ConfigError that names what is wrong
  const log = createLogger({ level: ready.LOG_LEVEL, format: ready.LOG_FORMAT });
  if (command.needs === "config") return (await command.run(rest, ready, log, io)) ?? 0;
  const app = await createApp(ready, log);
  try {
    return (await command.run(rest, app, io)) ?? 0;
  } finally {
    await app.close();
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
