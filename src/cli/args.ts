// Command-line arguments: node's parseArgs for the syntax, zod for the values — parsed once,
// with errors in the command's language (zod's own messages through its locale).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { slugify } from "../core/slug.ts";
import type { Lang, Texts } from "../core/language.ts";

export class UsageError extends Error {}

const ZOD_LOCALE = { da: z.locales.da().localeError, en: z.locales.en().localeError };

/** node's parseArgs errors, said in `lang`: the option is quoted in node's message. */
function syntaxError(error: NodeJS.ErrnoException, lang: Lang): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1] ?? "";
  const text: Record<string, Texts> = {
    ERR_PARSE_ARGS_UNKNOWN_OPTION: { da: `ukendt tilvalg ${option}`, en: `unknown option ${option}` },
    ERR_PARSE_ARGS_INVALID_OPTION_VALUE: { da: `${option} skal have en værdi`, en: `${option} needs a value` },
  };
  return text[error.code ?? ""]?.[lang] ?? error.message;
}

export function parseCommandArgs<S extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: S,
  usage: string,
  lang: Lang,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${syntaxError(error as NodeJS.ErrnoException, lang)}\n${usage}`);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals }, { error: ZOD_LOCALE[lang] });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 && issue.path[0] !== "positionals" ? `--${issue.path.join(".")}: ` : "";
    throw new UsageError(`${where}${issue.message}\n${usage}`);
  }
  return result.data;
}

/** A --team option: any spelling of a team's name, as its slug. */
export function teamSlug(lang: Lang) {
  return z.string().transform(slugify).pipe(z.string().min(1, lang === "da" ? "skal nævne et hold, fx support" : "must name a team, e.g. support"));
}
