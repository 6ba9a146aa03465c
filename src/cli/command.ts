// One CLI command: its help (both languages, kept beside the command) and how it runs. The
// top-level help is built from these; everything a command prints is in one language, io.lang.
import type { App } from "../app.ts";
import type { Config } from "../config.ts";
import type { Lang, Texts } from "../core/language.ts";
import type { Logger } from "../logger.ts";

export interface CliIo {
  lang: Lang;
  out: (s: string) => void;
}

export interface CommandHelp {
  name: string;
  /** The arguments after `kundepuls <name>`, one line per form (e.g. team list / team set). */
  synopsis: Texts;
  /** One line for the command list. */
  summary: Texts;
  /** Options and examples, shown by `kundepuls <name> --help`; may be empty. */
  details?: Texts;
}

/** A command's run returns its exit code (nothing: 0; -1: keeps running, as start does). */
export type CliCommand = CommandHelp &
  (
    | { needs: "app"; run(argv: string[], app: App, io: CliIo): Promise<number | void> }
    | { needs: "config"; run(argv: string[], config: Config, log: Logger, io: CliIo): Promise<number | void> }
  );

const USAGE_WORD: Texts = { da: "brug", en: "usage" };

/** The usage text of one command: every form of it, what it does, then the details. */
export function usageOf(command: CommandHelp, lang: Lang): string {
  const forms = command.synopsis[lang].split("\n").map((form, i) => `${i === 0 ? `${USAGE_WORD[lang]}:` : " ".repeat(USAGE_WORD[lang].length + 1)} kundepuls ${command.name} ${form}`.trimEnd());
  const details = command.details?.[lang];
  return [...forms, `  ${command.summary[lang]}`, ...(details ? [details] : [])].join("\n");
}

/** Dates as people write them: "30. juni 2027" / "30 June 2027", in the configured time zone. */
export function formatDay(date: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone }).format(date);
}

/** "30. juni 2027 14:05" / "30 June 2027, 14:05", in the configured time zone. */
export function formatMoment(date: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone }).format(date);
}
