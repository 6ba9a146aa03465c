// What `kundepuls import` says, in Danish and English. A dry run says what an import *would* do.
import type { RowReason } from "../../ingest/csv/row.ts";
import { countOf, pluralWord } from "../../core/plural.ts";
import type { Lang } from "../../core/language.ts";

export interface Summary {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

const invalid = (n: number, lang: Lang) => countOf(n, "invalidRow", lang);
const percent = (bytes: number, total: number) => String(total > 0 ? Math.min(100, Math.floor((100 * bytes) / total)) : 100).padStart(3);

export const importTexts = {
  da: {
    notAFile: (file: string) => `${file} er ikke en fil`,
    unreadable: (file: string, why: string) => `kan ikke læse ${file}: ${why}`,
    checking: "tjekker",
    checkingFirst: "tjekker (1/2)",
    importingSecond: "indlæser (2/2)",
    checkingAndImporting: "tjekker og indlæser",
    progress: (label: string, bytes: number, total: number, n: number) => `\r${label} ${percent(bytes, total)} %  ${countOf(n, "row", "da")}`,
    invalidRow: (line: number, reason: RowReason) => `linje ${line}: ${reason.da}`,
    moreInvalid: (n: number) => `… og ${invalid(n, "da")} mere`,
    dryRun: "(prøvekørsel: intet blev skrevet)",
    dryRunRefused: (n: number) => `(prøvekørsel: intet blev skrevet) ${invalid(n, "da")}: en indlæsning ville afvise filen uden --skip-invalid.`,
    refused: (n: number) => `intet indlæst: ${invalid(n, "da")}. Ret ${n === 1 ? "den" : "dem"}, eller brug --skip-invalid for at indlæse de gyldige rækker.`,
    queued: (n: number) => `${n} ${n === 1 ? "nyligt svar venter" : "nylige svar venter"} på, at botten åbner sager og historier (kundepuls start tager dem)`,
  },
  en: {
    notAFile: (file: string) => `${file} is not a file`,
    unreadable: (file: string, why: string) => `cannot read ${file}: ${why}`,
    checking: "checking",
    checkingFirst: "checking (1/2)",
    importingSecond: "importing (2/2)",
    checkingAndImporting: "checking and importing",
    progress: (label: string, bytes: number, total: number, n: number) => `\r${label} ${percent(bytes, total)}%  ${countOf(n, "row", "en")}`,
    invalidRow: (line: number, reason: RowReason) => `line ${line}: ${reason.en}`,
    moreInvalid: (n: number) => `… and ${n} more ${pluralWord("invalidRow", n, "en")}`,
    dryRun: "(dry run: nothing was written)",
    dryRunRefused: (n: number) => `(dry run: nothing was written) ${invalid(n, "en")}: an import would refuse the file unless --skip-invalid is given.`,
    refused: (n: number) => `nothing imported: ${invalid(n, "en")}. Fix ${n === 1 ? "it" : "them"}, or use --skip-invalid to import the valid rows.`,
    queued: (n: number) => `${n} recent ${n === 1 ? "answer waits" : "answers wait"} for the bot to open their cases and stories (kundepuls start picks them up)`,
  },
} as const;

/** "created 3 · updated 0 · unchanged 0 · invalid 0"; a dry run: "would create 3 · would update 0 · …". */
export function summaryLine(s: Summary, lang: Lang, dryRun: boolean): string {
  if (lang === "da") {
    const [created, updated] = dryRun ? ["ville oprette", "ville opdatere"] : ["oprettet", "opdateret"];
    return `${created} ${s.created} · ${updated} ${s.updated} · uændret ${s.unchanged} · ugyldige ${s.invalid}`;
  }
  const [created, updated] = dryRun ? ["would create", "would update"] : ["created", "updated"];
  return `${created} ${s.created} · ${updated} ${s.updated} · unchanged ${s.unchanged} · invalid ${s.invalid}`;
}
