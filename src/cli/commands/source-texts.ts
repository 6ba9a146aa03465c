// Everything `kundepuls source` prints, in both languages (Danish first). Reasons from the pure
// mapping code (src/ingest/sources/*: selector, --verify, payload and refusal reasons) stay English.
import { FIELDS, KINDS } from "../../ingest/sources/kinds.ts";
import type { Lang } from "../../core/language.ts";

const da = {
  envName: "skal være navnet på en miljøvariabel, fx TYPEFORM_SECRET",
  subcommand: "angiv en underkommando (add, list, show, remove eller test)",
  mapField: (entry: string) => `--map ${entry}: FELT skal være en af ${FIELDS.join(", ")}`,
  badName: "NAVN må kun indeholde bogstaver, tal, - og _ (det indgår i adressen /api/sources/NAVN)",
  badKind: `--kind skal være en af ${KINDS.join(", ")}`,
  needSecret: "--secret-env VAR er påkrævet: variablen med den hemmelighed, værktøjet signerer eller sender sine kald med",
  mustMap: (kind: string, missing: string[]) => `${kind} navngiver sine spørgsmål med tilfældige id'er: angiv --map ${missing.map((f) => `${f}=<vælger>`).join(" ")}`,
  needToken: (kind: string) => `${kind} giver kun besked: angiv --token-env VAR, variablen med det API-token, svarene hentes med`,
  needApiUrl: "qualtrics: angiv --api-url https://<jeres datacenter>.qualtrics.com",
  notPollable: (kind: string) => `--poll-minutes: ${kind} kan ikke hentes fra (kun surveymonkey)`,
  pollNeedsSurvey: "--poll-minutes kræver --survey ID (det spørgeskema, der hentes fra)",
  every: (minutes: number) => (minutes === 1 ? "hvert minut" : `hvert ${minutes}. minut`),
  added: (name: string, created: boolean, how: string) => `kilden ${name} er ${created ? "tilføjet" : "opdateret"}: ${how}`,
  polled: (every: string) => `hentes ${every}`,
  postTo: (name: string) => `send svar med POST til /api/sources/${name}`,
  never: "aldrig",
  listLine: (name: string, kind: string, last: string, answers: number, refusals: number, lastRefusal: string | null, poll: string) =>
    `${name} (${kind}) | seneste svar ${last} | i dag: ${answers} svar, ${refusals} ${refusals === 1 ? "afvisning" : "afvisninger"}${lastRefusal ? ` (seneste: ${lastRefusal})` : ""}${poll}`,
  pollStatus: (every: string, cursor: string | null, failing: { failures: number; error: string; next: string } | null) =>
    ` | hentes ${every}, ${cursor ? `hentet frem til ${cursor}` : "intet hentet endnu"}${failing ? `, FEJLER (${failing.failures} gange): ${failing.error} (næste forsøg ${failing.next})` : ""}`,
  envState: (variable: string, set: boolean) => `${variable} (${set ? "sat" : "IKKE sat på denne maskine"})`,
  labels: { name: "navn", kind: "type", endpoint: "adresse", verify: "verificering", secret: "hemmelighed", token: "API-token", apiUrl: "API-adresse", survey: "spørgeskema", poll: "hentning", mapping: "felter" },
  pollShow: (every: string, cursor: string | null) => `${every}, ${cursor ? `hentet frem til ${cursor}` : "intet hentet endnu"}`,
  byDefault: "standard",
  noSources: "ingen kilder endnu (kundepuls source add NAVN --kind TYPE …)",
  removed: (name: string) => `kilden ${name} er fjernet`,
  noSuchSource: (name: string) => `ingen kilde ved navn "${name}"`,
  noSuchFile: "filen findes ikke",
  notJson: "ikke gyldig JSON",
  nothingToStore: (why: string) => `intet at gemme: ${why}`,
  wouldNotStore: (reason: string) => `ville ikke gemme: ${reason}`,
};

const en: typeof da = {
  envName: "must be the name of an environment variable, e.g. TYPEFORM_SECRET",
  subcommand: "give a subcommand (add, list, show, remove or test)",
  mapField: (entry) => `--map ${entry}: FIELD must be one of ${FIELDS.join(", ")}`,
  badName: "NAME may hold letters, digits, - and _ (it is part of the URL /api/sources/NAME)",
  badKind: `--kind must be one of ${KINDS.join(", ")}`,
  needSecret: "--secret-env VAR is required: the variable holding the secret the tool signs or sends its requests with",
  mustMap: (kind, missing) => `${kind} names its questions with random ids: give --map ${missing.map((f) => `${f}=<selector>`).join(" ")}`,
  needToken: (kind) => `${kind} only notifies: give --token-env VAR, the variable holding the API token to fetch answers with`,
  needApiUrl: "qualtrics: give --api-url https://<your data center>.qualtrics.com",
  notPollable: (kind) => `--poll-minutes: ${kind} cannot be polled (only surveymonkey)`,
  pollNeedsSurvey: "--poll-minutes needs --survey ID (the survey to poll)",
  every: (minutes) => `every ${minutes} min`,
  added: (name, created, how) => `source ${name} ${created ? "added" : "updated"}: ${how}`,
  polled: (every) => `polled ${every}`,
  postTo: (name) => `POST answers to /api/sources/${name}`,
  never: "never",
  listLine: (name, kind, last, answers, refusals, lastRefusal, poll) =>
    `${name} (${kind}) | last answer ${last} | today: ${answers} answer(s), ${refusals} refusal(s)${lastRefusal ? ` (last: ${lastRefusal})` : ""}${poll}`,
  pollStatus: (every, cursor, failing) =>
    ` | polled ${every}, cursor ${cursor ?? "never"}${failing ? `, FAILING ${failing.failures}x: ${failing.error} (next try ${failing.next})` : ""}`,
  envState: (variable, set) => `${variable} (${set ? "set" : "NOT set on this machine"})`,
  labels: { name: "name", kind: "kind", endpoint: "endpoint", verify: "verify", secret: "secret", token: "API token", apiUrl: "API URL", survey: "survey", poll: "poll", mapping: "mapping" },
  pollShow: (every, cursor) => `${every}, cursor ${cursor ?? "never"}`,
  byDefault: "default",
  noSources: "no sources yet (kundepuls source add NAME --kind KIND …)",
  removed: (name) => `source ${name} removed`,
  noSuchSource: (name) => `no source named "${name}"`,
  noSuchFile: "no such file",
  notJson: "not valid JSON",
  nothingToStore: (why) => `nothing to store: ${why}`,
  wouldNotStore: (reason) => `would not store: ${reason}`,
};

export type SourceTexts = typeof da;
export const SOURCE_TEXTS: Readonly<Record<Lang, SourceTexts>> = { da, en };
