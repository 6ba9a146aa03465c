// One CSV data row → NormalizedAnswer, or a short human reason why not.
import { hash } from 'node:crypto';
import { z } from 'zod';
import type { NormalizedAnswer } from '../normalized-answer.ts';
import { parseAnswerDate } from './dates.ts';
import { ANSWER_FIELDS, type AnswerField, type ColumnMap } from './headers.ts';
import { slugify } from "../../core/slug.ts";
import type { Texts } from "../../core/language.ts";
import { answerTimeProblem, NOT_A_DATE } from "../../core/answer-time.ts";
import { UNSTORABLE_TEXTS } from "../../core/storable-text.ts";
import { safeText, UNSTORABLE_TEXT } from "../safe-text.ts";

export interface RowOptions {
  source: string;
  /** team slug for rows whose own team cell is empty (the importer's --team) */
  defaultTeam?: string;
  timeZone: string;
  importedAt: Date;
  /** physical line where the row starts, only echoed back in failures */
  line: number;
}

export type RowOutcome =
  | { ok: true; answer: NormalizedAnswer }
  | { ok: false; line: number; reason: RowReason };

/** Why a row is invalid, in Danish and English (the importer prints one). */
export type RowReason = Texts;

/** Cleaned cell text per field; null when the cell is empty or the column does not exist. */
export type RawRow = Partial<Record<AnswerField, string | null>>;

/**
 * Trim, unify line breaks and Unicode form, so the same answer reads identically whether the
 * file was saved with CRLF or LF, or on a Mac (NFD "å") or Windows (NFC "å").
 */
export function cleanCell(cell: string | undefined): string | null {
  if (cell === undefined) return null;
  const s = cell.replace(/\r\n?/g, '\n').normalize('NFC').trim();
  return s === '' ? null : s;
}

export function pickCells(cells: readonly string[], columns: ColumnMap): RawRow {
  const row: RawRow = {};
  for (const field of ANSWER_FIELDS) {
    const index = columns[field];
    if (index !== undefined) row[field] = cleanCell(cells[index]);
  }
  return row;
}

// Keeps reasons one line long even when a cell holds a whole paragraph.
const quote = (v: string): string => `'${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;

// "9", "9,0", "9.00": Danish Excel writes decimal commas. "9,5" is not a whole score.
const WHOLE_NUMBER = /^(\d{1,2})(?:[.,]0+)?$/;

/** A failed check in both languages: English is the issue's message, Danish rides along in params. */
const issue = (da: string, en: string) => ({ code: 'custom' as const, message: en, params: { da } });

const wholeNumberIn = (label: RowReason, min: number, max: number, required: boolean) =>
  safeText(z.string())
    .nullish()
    .transform((v, ctx): number | null => {
      if (v == null) {
        if (required) ctx.addIssue(issue(`${label.da} mangler`, `${label.en} is missing`));
        return null;
      }
      const m = WHOLE_NUMBER.exec(v);
      const n = m ? Number(m[1]) : NaN;
      if (!(n >= min && n <= max)) {
        ctx.addIssue(issue(`${label.da} ${quote(v)} er ikke ${min}–${max}`, `${label.en} ${quote(v)} is not ${min}–${max}`));
        return null;
      }
      return n;
    });

const text = safeText(z.string())
  .nullish()
  .transform((v) => v ?? null);

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'sand', '1', 'x']);
// Danish Excel exports booleans as SAND/FALSK.
const NO = new Set(['nej', 'n', 'no', 'false', 'falsk', '0']);

const consent = safeText(z.string())
  .nullish()
  .transform((v, ctx): boolean => {
    if (v == null) return false; // no recorded consent means we may not share
    const key = v.toLowerCase();
    if (YES.has(key)) return true;
    if (!NO.has(key)) ctx.addIssue(issue(`samtykke ${quote(v)} er ikke ja/nej`, `consent ${quote(v)} is not yes/no`));
    return false;
  });

const LANGUAGES: Record<string, string> = { dansk: 'da', danish: 'da', engelsk: 'en', english: 'en' };

const language = text.transform((v) => (v === null ? null : (LANGUAGES[v.toLowerCase()] ?? v.toLowerCase())));

/** Team slugs are compared case-insensitively everywhere, so store them lower-case. */
export function teamSlug(v: string | null | undefined): string | null {
  return v ? slugify(v) || null : null;
}

const schemas = new Map<string, ReturnType<typeof buildRowSchema>>();

function buildRowSchema(timeZone: string) {
  return z.object({
    id: text,
    score: wholeNumberIn({ da: 'karakter', en: 'score' }, 0, 10, true),
    ces: wholeNumberIn({ da: 'ces', en: 'ces' }, 1, 7, false),
    comment: text,
    respondedAt: safeText(z.string())
      .nullish()
      .transform((v, ctx): Date | null => {
        if (v == null) return null;
        const date = parseAnswerDate(v, timeZone);
        const problem = date ? answerTimeProblem(date, new Date()) : NOT_A_DATE;
        if (problem) ctx.addIssue(issue(`dato ${quote(v)} ${problem.da}`, `date ${quote(v)} ${problem.en}`));
        return problem ? null : date;
      }),
    email: text.transform((v) => v?.toLowerCase() ?? null),
    name: text,
    team: text.transform(teamSlug),
    touchpoint: text,
    account: text,
    consent,
    language,
    source: text,
  });
}

/** The zod schema for one mapped row (see pickCells); dates are read in `timeZone`. */
export function answerRowSchema(timeZone: string): ReturnType<typeof buildRowSchema> {
  let schema = schemas.get(timeZone);
  if (!schema) {
    schema = buildRowSchema(timeZone);
    schemas.set(timeZone, schema);
  }
  return schema;
}

export type ParsedRow = z.output<ReturnType<typeof buildRowSchema>>;

/**
 * Content-derived id for rows without one, stable across re-imports of the same export.
 * Deliberately leaves out what comes from the import rather than the file (import time,
 * --team default, --source), so re-running an import with a corrected flag updates the
 * same answers instead of duplicating them.
 */
export function stableRowId(row: ParsedRow): string {
  const fields = [
    row.score,
    row.respondedAt?.toISOString() ?? '',
    row.comment ?? '',
    row.email ?? '',
    row.name ?? '',
    row.team ?? '',
    row.touchpoint ?? '',
    row.account ?? '',
  ];
  // JSON keeps field boundaries unambiguous ("a|b" + "c" vs "a" + "b|c").
  const hex = hash('sha256', JSON.stringify(fields), 'hex');
  return `row-${hex.slice(0, 24)}`;
}

export function rowToAnswer(cells: readonly string[], columns: ColumnMap, opts: RowOptions): RowOutcome {
  const parsed = answerRowSchema(opts.timeZone).safeParse(pickCells(cells, columns));
  if (!parsed.success) {
    // The other reasons name their field themselves; text that cannot be stored is named here.
    const issues = parsed.error.issues;
    const field = (i: z.core.$ZodIssue) => String(i.path[0]);
    const en = (i: z.core.$ZodIssue) => (i.message === UNSTORABLE_TEXT ? `${field(i)} ${i.message}` : i.message);
    const da = (i: z.core.$ZodIssue) => (i.message === UNSTORABLE_TEXT ? `${field(i)} ${UNSTORABLE_TEXTS.da}` : ((i as { params?: { da?: string } }).params?.da ?? i.message));
    return { ok: false, line: opts.line, reason: { da: issues.map(da).join('; '), en: issues.map(en).join('; ') } };
  }
  const row = parsed.data;
  return {
    ok: true,
    answer: {
      source: row.source ?? opts.source,
      externalId: row.id ?? stableRowId(row),
      score: row.score ?? 0, // never null here: a missing score is an issue above
      ces: row.ces,
      comment: row.comment,
      customerName: row.name,
      customerEmail: row.email,
      customerAccount: row.account,
      teamSlug: row.team ?? teamSlug(opts.defaultTeam),
      touchpoint: row.touchpoint,
      language: row.language,
      consentToShare: row.consent,
      answeredAt: row.respondedAt ?? opts.importedAt,
      ...(row.respondedAt ? {} : { timeGiven: false }),
    },
  };
}
