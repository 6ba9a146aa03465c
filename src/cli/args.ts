// Command-line arguments: node's parseArgs for the syntax, zod for the values — parsed once.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { slugify } from "../core/slug.ts";

export class UsageError extends Error {}

export function parseCommandArgs<S extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: S,
  usage: string,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 && issue.path[0] !== "positionals" ? `--${issue.path.join(".")}: ` : "";
    throw new UsageError(`${where}${issue.message}\n${usage}`);
  }
  return result.data;
}

export const teamSlug = z.string().transform(slugify).pipe(z.string().min(1, "must name a team, e.g. support"));
