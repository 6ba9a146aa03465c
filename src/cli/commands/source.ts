// kundepuls source add NAME --kind KIND [--secret-env VAR] [--verify SCHEME] [--map FIELD=SELECTOR]...
//                  [--team SLUG] [--touchpoint NAME] [--token-env VAR] [--api-url URL] [--survey ID] [--poll-minutes N]
// kundepuls source list | show NAME | remove NAME | test NAME FILE.json
import fs from "node:fs";
import { z } from "zod";
import type { App } from "../../app.ts";
import { localDayKey } from "../../core/schedule.ts";
import { FIELDS, isKind, KIND_SPECS, KINDS, type Mapping, type SourceField } from "../../ingest/sources/kinds.ts";
import { effectiveMapping } from "../../ingest/sources/mapping.ts";
import { selectorProblem } from "../../ingest/sources/selectors.ts";
import { verifySchemeProblem } from "../../ingest/sources/verify.ts";
import type { SourceRow } from "../../store/sources.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo, type Lang } from "../command.ts";

const SELECTORS = "a JSON Pointer (/form_response/hidden/team), ref:<Typeform field ref>, question:<SurveyMonkey question id> or =<fixed value>";

export const sourceCommand: CliCommand = {
  name: "source",
  needs: "app",
  synopsis: {
    da: "add NAVN --kind TYPE [--secret-env VAR] [--verify METODE] [--map FELT=VÆLGER]... [--team HOLD] [--touchpoint NAVN]\n    [--token-env VAR] [--api-url URL] [--survey ID] [--poll-minutes N]\nlist | show NAVN | remove NAVN | test NAVN FIL.json",
    en: "add NAME --kind KIND [--secret-env VAR] [--verify SCHEME] [--map FIELD=SELECTOR]... [--team SLUG] [--touchpoint NAME]\n    [--token-env VAR] [--api-url URL] [--survey ID] [--poll-minutes N]\nlist | show NAME | remove NAME | test NAME FILE.json",
  },
  summary: {
    da: "spørgeskemaværktøjer, der sender svar til POST /api/sources/NAVN (docs/sources.md)",
    en: "survey tools sending answers to POST /api/sources/NAME (docs/sources.md)",
  },
  details: {
    da: `  TYPE: ${KINDS.join(", ")}\n  FELT: ${FIELDS.join(", ")}\n  VÆLGER: en JSON Pointer (/form_response/hidden/team), ref:<Typeform-feltets ref>, question:<SurveyMonkey-spørgsmålets id> eller =<fast værdi>\n  se docs/sources.md`,
    en: `  KIND: ${KINDS.join(", ")}\n  FIELD: ${FIELDS.join(", ")}\n  SELECTOR: ${SELECTORS}\n  see docs/sources.md`,
  },
  run: (argv: string[], app: App, io: CliIo) => runSource(argv, app, io),
};

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be the name of an environment variable, e.g. TYPEFORM_SECRET");
const schema = (lang: Lang) => z.object({
  positionals: z.array(z.string()).min(1, "give a subcommand").max(3),
  kind: z.string().optional(),
  "secret-env": envName.optional(),
  verify: z.string().superRefine((v, ctx) => {
    const problem = verifySchemeProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).optional(),
  map: z.array(z.string()).default([]),
  team: teamSlug(lang).optional(),
  touchpoint: z.string().trim().min(1).max(200).optional(),
  "token-env": envName.optional(),
  "api-url": z.url({ protocol: /^https?$/ }).optional(),
  survey: z.string().trim().min(1).max(200).optional(),
  "poll-minutes": z.coerce.number().int().min(1).max(1440).optional(),
});
const OPTIONS = {
  kind: { type: "string" }, "secret-env": { type: "string" }, verify: { type: "string" }, map: { type: "string", multiple: true },
  team: { type: "string" }, touchpoint: { type: "string" }, "token-env": { type: "string" }, "api-url": { type: "string" },
  survey: { type: "string" }, "poll-minutes": { type: "string" },
} as const;

type Args = z.infer<ReturnType<typeof schema>>;

function parseMaps(entries: string[]): Mapping {
  const mapping: Mapping = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    const field = entry.slice(0, at);
    const selector = entry.slice(at + 1);
    if (at < 0 || !(FIELDS as readonly string[]).includes(field)) throw new UsageError(`--map ${entry}: FIELD must be one of ${FIELDS.join(", ")}`);
    const problem = selectorProblem(selector);
    if (problem) throw new UsageError(`--map ${entry}: ${problem}`);
    mapping[field as SourceField] = selector;
  }
  return mapping;
}

async function add(app: App, name: string, args: Args): Promise<string> {
  if (!/^[a-z0-9][a-z0-9_-]{0,99}$/i.test(name)) throw new UsageError("NAME may hold letters, digits, - and _ (it is part of the URL /api/sources/NAME)");
  if (!args.kind || !isKind(args.kind)) throw new UsageError(`--kind must be one of ${KINDS.join(", ")}`);
  const spec = KIND_SPECS[args.kind];
  // A pull-only source receives no requests, so it needs no secret (its endpoint then refuses everything).
  if (!args["secret-env"] && args["poll-minutes"] === undefined)
    throw new UsageError("--secret-env VAR is required: the variable holding the secret the tool signs or sends its requests with");
  const mappings = parseMaps(args.map);
  const missing = spec.mustMap.filter((f) => !mappings[f]);
  if (missing.length > 0) throw new UsageError(`${args.kind} names its questions with random ids: give --map ${missing.map((f) => `${f}=<selector>`).join(" ")}`);
  if (spec.fetches && !args["token-env"]) throw new UsageError(`${args.kind} only notifies: give --token-env VAR, the variable holding the API token to fetch answers with`);
  if (args.kind === "qualtrics" && !args["api-url"]) throw new UsageError("qualtrics: give --api-url https://<your data center>.qualtrics.com");
  if (args["poll-minutes"] !== undefined) {
    if (!spec.pollable) throw new UsageError(`--poll-minutes: ${args.kind} cannot be polled (only surveymonkey)`);
    if (!args.survey) throw new UsageError("--poll-minutes needs --survey ID (the survey to poll)");
  }
  const created = await app.sources.store.save({
    name, kind: args.kind, verify: args.verify ?? spec.verify, secretEnv: args["secret-env"] ?? null, tokenEnv: args["token-env"] ?? null,
    apiUrl: args["api-url"] ?? null, surveyId: args.survey ?? null, mappings, team: args.team ?? null, touchpoint: args.touchpoint ?? null,
    pollMinutes: args["poll-minutes"] ?? null,
  });
  return `source ${name} ${created ? "added" : "updated"}: ${args["poll-minutes"] ? `polled every ${args["poll-minutes"]} min` : `POST answers to /api/sources/${name}`}`;
}

const when = (d: Date | null, tz: string) => (d ? d.toLocaleString("sv-SE", { timeZone: tz }).slice(0, 16) : "never");

async function listLine(app: App, s: SourceRow): Promise<string> {
  const tz = app.config.TIME_ZONE;
  const status = await app.sources.store.status(s.name, localDayKey(new Date(), tz));
  const refusals = `${status.refusalsToday} refusal(s)${status.lastRefusal ? ` (last: ${status.lastRefusal})` : ""}`;
  const poll = s.pollMinutes
    ? ` | polled every ${s.pollMinutes} min, cursor ${when(s.pollCursor, tz)}${s.pollError ? `, FAILING ${s.pollFailures}x: ${s.pollError} (next try ${when(s.pollRetryAt, tz)})` : ""}`
    : "";
  return `${s.name} (${s.kind}) | last answer ${when(s.lastAnswerAt, tz)} | today: ${status.answersToday} answer(s), ${refusals}${poll}`;
}

function show(app: App, s: SourceRow): string {
  const envState = (v: string | null) => (v ? `${v} (${process.env[v]?.trim() ? "set" : "NOT set on this machine"})` : "-");
  const mapping = effectiveMapping(s);
  return [
    `name: ${s.name}`, `kind: ${s.kind}`, `endpoint: POST /api/sources/${s.name}`, `verify: ${s.verify}`, `secret: ${envState(s.secretEnv)}`,
    ...(s.tokenEnv ? [`API token: ${envState(s.tokenEnv)}`] : []), ...(s.apiUrl ? [`API URL: ${s.apiUrl}`] : []), ...(s.surveyId ? [`survey: ${s.surveyId}`] : []),
    ...(s.pollMinutes ? [`poll: every ${s.pollMinutes} min, cursor ${when(s.pollCursor, app.config.TIME_ZONE)}`] : []),
    "mapping:", ...FIELDS.filter((f) => mapping[f]).map((f) => `  ${f} = ${mapping[f]}${s.mappings[f] ? "" : s.team && f === "team" ? "" : s.touchpoint && f === "touchpoint" ? "" : " (default)"}`),
  ].join("\n");
}

async function runSource(argv: string[], app: App, { lang, out }: CliIo): Promise<number> {
  const USAGE = usageOf(sourceCommand, lang);
  const args = parseCommandArgs(argv, OPTIONS, schema(lang), USAGE, lang);
  const [action, name, file] = args.positionals as [string, string | undefined, string | undefined];
  if (action === "list") {
    const all = await app.sources.store.list();
    out(all.length > 0 ? (await Promise.all(all.map((s) => listLine(app, s)))).join("\n") + "\n" : "no sources yet (kundepuls source add NAME --kind KIND …)\n");
    return 0;
  }
  if (!name) throw new UsageError(USAGE);
  if (action === "add") {
    out((await add(app, name, args)) + "\n");
    return 0;
  }
  if (action === "remove") {
    if (!(await app.sources.store.remove(name))) throw new UsageError(`no source named "${name}"`);
    out(`source ${name} removed\n`);
    return 0;
  }
  const source = await app.sources.store.find(name);
  if (!source) throw new UsageError(`no source named "${name}"`);
  if (action === "show") {
    out(show(app, source) + "\n");
    return 0;
  }
  if (action !== "test" || !file) throw new UsageError(USAGE);
  let payload: unknown;
  try {
    payload = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not valid JSON"}`);
  }
  const event = KIND_SPECS[source.kind].event(payload);
  if (!event.store && !KIND_SPECS[source.kind].fetches) {
    out(`nothing to store: ${event.why}\n`);
    return 1;
  }
  const mapped = await app.sources.tryPayload(name, payload);
  if (!mapped.ok) {
    out(`would not store: ${mapped.reason}\n`);
    return 1;
  }
  out(JSON.stringify(mapped.answer, null, 2) + "\n");
  return 0;
}
