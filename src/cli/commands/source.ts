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
import { formatMoment, usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";
import { SOURCE_TEXTS, type SourceTexts } from "./source-texts.ts";

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

const envName = (lang: Lang) => z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, SOURCE_TEXTS[lang].envName);
const schema = (lang: Lang) => z.object({
  positionals: z.array(z.string()).min(1, SOURCE_TEXTS[lang].subcommand).max(3),
  kind: z.string().optional(),
  "secret-env": envName(lang).optional(),
  verify: z.string().superRefine((v, ctx) => {
    const problem = verifySchemeProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).optional(),
  map: z.array(z.string()).default([]),
  team: teamSlug(lang).optional(),
  touchpoint: z.string().trim().min(1).max(200).optional(),
  "token-env": envName(lang).optional(),
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

function parseMaps(entries: string[], t: SourceTexts): Mapping {
  const mapping: Mapping = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    const field = entry.slice(0, at);
    const selector = entry.slice(at + 1);
    if (at < 0 || !(FIELDS as readonly string[]).includes(field)) throw new UsageError(t.mapField(entry));
    const problem = selectorProblem(selector);
    if (problem) throw new UsageError(`--map ${entry}: ${problem}`);
    mapping[field as SourceField] = selector;
  }
  return mapping;
}

async function add(app: App, name: string, args: Args, t: SourceTexts): Promise<string> {
  if (!/^[a-z0-9][a-z0-9_-]{0,99}$/i.test(name)) throw new UsageError(t.badName);
  if (!args.kind || !isKind(args.kind)) throw new UsageError(t.badKind);
  const spec = KIND_SPECS[args.kind];
  // A pull-only source receives no requests, so it needs no secret (its endpoint then refuses everything).
  if (!args["secret-env"] && args["poll-minutes"] === undefined) throw new UsageError(t.needSecret);
  const mappings = parseMaps(args.map, t);
  const missing = spec.mustMap.filter((f) => !mappings[f]);
  if (missing.length > 0) throw new UsageError(t.mustMap(args.kind, missing));
  if (spec.fetches && !args["token-env"]) throw new UsageError(t.needToken(args.kind));
  if (args.kind === "qualtrics" && !args["api-url"]) throw new UsageError(t.needApiUrl);
  if (args["poll-minutes"] !== undefined) {
    if (!spec.pollable) throw new UsageError(t.notPollable(args.kind));
    if (!args.survey) throw new UsageError(t.pollNeedsSurvey);
  }
  const created = await app.sources.store.save({
    name, kind: args.kind, verify: args.verify ?? spec.verify, secretEnv: args["secret-env"] ?? null, tokenEnv: args["token-env"] ?? null,
    apiUrl: args["api-url"] ?? null, surveyId: args.survey ?? null, mappings, team: args.team ?? null, touchpoint: args.touchpoint ?? null,
    pollMinutes: args["poll-minutes"] ?? null,
  });
  return t.added(name, created, args["poll-minutes"] ? t.polled(t.every(args["poll-minutes"])) : t.postTo(name));
}

/** A moment as people write it, in the configured time zone; null when there is none. */
const moment = (d: Date | null, lang: Lang, app: App) => (d ? formatMoment(d, lang, app.config.TIME_ZONE) : null);

async function listLine(app: App, s: SourceRow, lang: Lang): Promise<string> {
  const t = SOURCE_TEXTS[lang];
  const status = await app.sources.store.status(s.name, localDayKey(new Date(), app.config.TIME_ZONE));
  const failing = s.pollError ? { failures: s.pollFailures, error: s.pollError, next: moment(s.pollRetryAt, lang, app) ?? t.never } : null;
  const poll = s.pollMinutes ? t.pollStatus(t.every(s.pollMinutes), moment(s.pollCursor, lang, app), failing) : "";
  return t.listLine(s.name, s.kind, moment(s.lastAnswerAt, lang, app) ?? t.never, status.answersToday, status.refusalsToday, status.lastRefusal, poll);
}

/** The source's settings: secret variables by name and whether they are set, never their values. */
function show(app: App, s: SourceRow, lang: Lang): string {
  const t = SOURCE_TEXTS[lang];
  const l = t.labels;
  const envState = (v: string | null) => (v ? t.envState(v, Boolean(process.env[v]?.trim())) : "-");
  const mapping = effectiveMapping(s);
  const isDefault = (f: SourceField) => !s.mappings[f] && !(s.team && f === "team") && !(s.touchpoint && f === "touchpoint");
  return [
    `${l.name}: ${s.name}`, `${l.kind}: ${s.kind}`, `${l.endpoint}: POST /api/sources/${s.name}`, `${l.verify}: ${s.verify}`, `${l.secret}: ${envState(s.secretEnv)}`,
    ...(s.tokenEnv ? [`${l.token}: ${envState(s.tokenEnv)}`] : []), ...(s.apiUrl ? [`${l.apiUrl}: ${s.apiUrl}`] : []), ...(s.surveyId ? [`${l.survey}: ${s.surveyId}`] : []),
    ...(s.pollMinutes ? [`${l.poll}: ${t.pollShow(t.every(s.pollMinutes), moment(s.pollCursor, lang, app))}`] : []),
    `${l.mapping}:`, ...FIELDS.filter((f) => mapping[f]).map((f) => `  ${f} = ${mapping[f]}${isDefault(f) ? ` (${t.byDefault})` : ""}`),
  ].join("\n");
}

async function runSource(argv: string[], app: App, { lang, out }: CliIo): Promise<number> {
  const USAGE = usageOf(sourceCommand, lang);
  const t = SOURCE_TEXTS[lang];
  const args = parseCommandArgs(argv, OPTIONS, schema(lang), USAGE, lang);
  const [action, name, file] = args.positionals as [string, string | undefined, string | undefined];
  if (action === "list") {
    const all = await app.sources.store.list();
    out(all.length > 0 ? (await Promise.all(all.map((s) => listLine(app, s, lang)))).join("\n") + "\n" : t.noSources + "\n");
    return 0;
  }
  if (!name) throw new UsageError(USAGE);
  if (action === "add") {
    out((await add(app, name, args, t)) + "\n");
    return 0;
  }
  if (action === "remove") {
    if (!(await app.sources.store.remove(name))) throw new UsageError(t.noSuchSource(name));
    out(t.removed(name) + "\n");
    return 0;
  }
  const source = await app.sources.store.find(name);
  if (!source) throw new UsageError(t.noSuchSource(name));
  if (action === "show") {
    out(show(app, source, lang) + "\n");
    return 0;
  }
  if (action !== "test" || !file) throw new UsageError(USAGE);
  let payload: unknown;
  try {
    payload = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? t.noSuchFile : t.notJson}`);
  }
  const event = KIND_SPECS[source.kind].event(payload);
  if (!event.store && !KIND_SPECS[source.kind].fetches) {
    out(t.nothingToStore(event.why) + "\n");
    return 1;
  }
  const mapped = await app.sources.tryPayload(name, payload);
  if (!mapped.ok) {
    out(t.wouldNotStore(mapped.reason) + "\n");
    return 1;
  }
  out(JSON.stringify(mapped.answer, null, 2) + "\n");
  return 0;
}
