// Map a CSV header row (English or Danish, any case/spacing/punctuation) to answer fields.

/** Every answer field a CSV column can feed. */
export const ANSWER_FIELDS = [
  'id',
  'score',
  'comment',
  'respondedAt',
  'email',
  'name',
  'team',
  'touchpoint',
  'account',
  'ces',
  'consent',
  'language',
  'source',
] as const;

export type AnswerField = (typeof ANSWER_FIELDS)[number];

/** Column index (0-based) per field. Only score is guaranteed; no date column means "now". */
export type ColumnMap = { score: number } & Partial<Record<Exclude<AnswerField, 'score'>, number>>;

export type HeaderMapping =
  | { ok: true; columns: ColumnMap; ignored: string[] }
  | { ok: false; error: string };

// Synonyms in normalised form (see normaliseHeader): "NPS-score" and "nps score" → "npsscore",
// "E-mail" → "email", "Responded_At" → "respondedat".
const SYNONYMS: Record<AnswerField, readonly string[]> = {
  id: ['id', 'responseid', 'svarid'],
  score: ['score', 'nps', 'npsscore', 'rating', 'anbefaling', 'karakter'],
  comment: ['comment', 'comments', 'kommentar', 'kommentarer', 'feedback', 'begrundelse'],
  respondedAt: ['date', 'dato', 'createdat', 'respondedat', 'answeredat', 'tidspunkt'],
  email: ['email', 'mail', 'emailaddress', 'emailadresse'],
  name: ['name', 'navn', 'customername', 'kundenavn'],
  team: ['team', 'afdeling'],
  touchpoint: ['touchpoint', 'kontaktpunkt'],
  account: ['account', 'kunde'],
  ces: ['ces', 'customereffort', 'customereffortscore', 'cesscore'],
  consent: ['consent', 'samtykke'],
  language: ['language', 'sprog'],
  source: ['source', 'kilde'],
};

const FIELD_BY_HEADER = new Map<string, AnswerField>(
  ANSWER_FIELDS.flatMap((field) => SYNONYMS[field].map((name) => [name, field] as const)),
);

/** Lower-case and drop everything but letters and digits, so spacing and punctuation never matter. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const describe = (header: string[], index: number): string =>
  `column ${index + 1} ('${(header[index] ?? '').trim()}')`;

export function mapHeaders(header: string[]): HeaderMapping {
  const found = new Map<AnswerField, number>();
  const ignored: string[] = [];

  for (const [index, raw] of header.entries()) {
    const key = normaliseHeader(raw);
    if (key === '') continue; // trailing delimiters give unnamed columns; not worth a warning
    const field = FIELD_BY_HEADER.get(key);
    if (!field) {
      ignored.push(raw.trim());
      continue;
    }
    const previous = found.get(field);
    if (previous !== undefined) {
      return {
        ok: false,
        error: `${describe(header, previous)} and ${describe(header, index)} both mean ${field}; keep one of them`,
      };
    }
    found.set(field, index);
  }

  const score = found.get('score');
  if (score === undefined) {
    const seen = header.map((h) => `'${h.trim()}'`).join(', ');
    return {
      ok: false,
      error: `no score column; name one of ${SYNONYMS.score.join(' / ')} (header was: ${seen || 'empty'})`,
    };
  }

  const columns: ColumnMap = { score };
  for (const [field, index] of found) {
    if (field !== 'score') columns[field] = index;
  }
  return { ok: true, columns, ignored };
}
