import { describe, expect, it } from 'vitest';
import { parseAnswerDate } from '../../src/ingest/csv/dates.ts';
import { mapHeaders } from '../../src/ingest/csv/headers.ts';
import { rowToAnswer } from '../../src/ingest/csv/row.ts';

const CPH = 'Europe/Copenhagen';
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

describe('mapHeaders', () => {
  it('maps English and Danish names in any case, spacing and punctuation', () => {
    const r = mapHeaders([' NPS-Score ', 'KOMMENTAR', 'respondedAt', 'E-Mail', 'Kundenavn', 'Afdeling', 'kontaktpunkt', 'Kunde', 'Customer Effort', 'Samtykke', 'Sprog', 'Kilde', 'Svar_ID']);
    expect(r).toEqual({
      ok: true,
      ignored: [],
      columns: {
        score: 0, comment: 1, respondedAt: 2, email: 3, name: 4, team: 5, touchpoint: 6,
        account: 7, ces: 8, consent: 9, language: 10, source: 11, id: 12,
      },
    });
  });

  it('accepts a score-only header and reports unknown columns', () => {
    const r = mapHeaders(['Karakter', 'Postnummer', '', 'answered_at', 'Browser']);
    expect(r).toEqual({ ok: true, columns: { score: 0, respondedAt: 3 }, ignored: ['Postnummer', 'Browser'] });
  });

  it('refuses two columns meaning the same field, naming both', () => {
    const r = mapHeaders(['id', 'NPS', 'Kommentar', 'Score']);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain("'NPS'");
      expect(r.error).toContain("'Score'");
      expect(r.error).toContain('score');
    }
  });

  it('requires a score column', () => {
    const r = mapHeaders(['id', 'Kommentar']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/no score column.*'id', 'Kommentar'/);
  });
});

describe('parseAnswerDate', () => {
  it.each([
    ['29.03.2026 01:30', '2026-03-29T00:30:00.000Z'],
    ['29.03.2026 03:30', '2026-03-29T01:30:00.000Z'],
    ['29-03-2026', '2026-03-28T23:00:00.000Z'],
    ['29/03/2026 14.05', '2026-03-29T12:05:00.000Z'],
    ['1.4.2026 9:05:07', '2026-04-01T07:05:07.000Z'],
    ['01.04.2026 kl. 09:05', '2026-04-01T07:05:00.000Z'],
    [' 2026-03-29 ', '2026-03-28T23:00:00.000Z'],
    ['2026-07-01T12:00', '2026-07-01T10:00:00.000Z'],
    ['2026-07-01 12:00:30.5', '2026-07-01T10:00:30.500Z'],
    ['2026-07-01T12:00:00+02:00', '2026-07-01T10:00:00.000Z'],
    ['2026-07-01T12:00:00-0530', '2026-07-01T17:30:00.000Z'],
    ['2026-07-01T12:00:00Z', '2026-07-01T12:00:00.000Z'],
    ['29.02.2028', '2028-02-28T23:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(parseAnswerDate(text, CPH))).toBe(expected);
  });

  it.each([
    '31-02-2026', '29.02.2026', '2026-13-01', '2026-02-30', '32.01.2026', '01.01.2026 24:00',
    '01.01.2026 12:60', '2026-07-01T12:00+15:00', '0026-01-01', '03/29/2026', 'i går', '', '   ', '46110',
  ])('rejects %j', (text) => {
    expect(parseAnswerDate(text, CPH)).toBeNull();
  });

  it('reads local times in the given zone', () => {
    expect(iso(parseAnswerDate('01.07.2026 12:00', 'America/New_York'))).toBe('2026-07-01T16:00:00.000Z');
  });
});

describe('rowToAnswer', () => {
  const columns = { id: 0, score: 1, comment: 2, respondedAt: 3, team: 4, email: 5, ces: 6, consent: 7, language: 8 };
  const importedAt = new Date('2026-05-01T08:00:00Z');
  const opts = { source: 'csv', timeZone: CPH, importedAt, line: 7 };
  const row = (over: Partial<Record<keyof typeof columns, string>>) => {
    const cells = ['a1', '9', '', '', '', '', '', '', ''];
    for (const [k, v] of Object.entries(over)) cells[columns[k as keyof typeof columns]] = v;
    return rowToAnswer(cells, columns, opts);
  };

  it.each(['9', ' 9 ', '9,0', '9.0', '10,00', '0'])('accepts score %j', (score) => {
    const r = row({ score });
    expect(r.ok && r.answer.score).toBe(Number(score.trim().replace(',', '.')));
  });

  it.each([
    ['11', { da: "karakter '11' er ikke 0–10", en: "score '11' is not 0–10" }],
    ['ni', { da: "karakter 'ni' er ikke 0–10", en: "score 'ni' is not 0–10" }],
    ['9,5', { da: "karakter '9,5' er ikke 0–10", en: "score '9,5' is not 0–10" }],
    ['-1', { da: "karakter '-1' er ikke 0–10", en: "score '-1' is not 0–10" }],
    ['', { da: "karakter mangler", en: "score is missing" }],
  ])('rejects score %j', (score, reason) => {
    expect(row({ score })).toEqual({ ok: false, line: 7, reason });
  });

  it('joins several problems into one reason', () => {
    expect(row({ score: '12', respondedAt: '31-02-2026' })).toEqual({
      ok: false,
      line: 7,
      reason: { da: "karakter '12' er ikke 0–10; dato '31-02-2026' er ikke en dato", en: "score '12' is not 0–10; date '31-02-2026' is not a date" },
    });
  });

  it('fills defaults: import time, no consent, --team only when the row has none', () => {
    const plain = rowToAnswer(['a1', '9'], columns, { ...opts, defaultTeam: ' Support ' });
    expect(plain.ok && plain.answer).toMatchObject({
      answeredAt: importedAt, consentToShare: false, teamSlug: 'support', comment: null, ces: null,
    });
    const own = rowToAnswer(['a1', '9', '', '', ' Salg Nord '], columns, { ...opts, defaultTeam: 'support' });
    expect(own.ok && own.answer.teamSlug).toBe('salg-nord');
  });

  it.each([
    ['ja', true], ['X', true], ['SAND', true], ['1', true], ['yes', true],
    ['nej', false], ['FALSK', false], ['0', false], ['', false],
  ])('consent %j → %s', (consent, expected) => {
    const r = row({ consent });
    expect(r.ok && r.answer.consentToShare).toBe(expected);
  });

  it('rejects unreadable consent and CES', () => {
    expect(row({ consent: 'måske' })).toMatchObject({ ok: false, reason: { da: "samtykke 'måske' er ikke ja/nej", en: "consent 'måske' is not yes/no" } });
    expect(row({ ces: '9' })).toMatchObject({ ok: false, reason: { da: "ces '9' er ikke 1–7", en: "ces '9' is not 1–7" } });
    expect(row({ ces: '5' })).toMatchObject({ ok: true, answer: { ces: 5 } });
  });

  it('normalises language names and e-mail case', () => {
    const r = row({ language: 'Dansk', email: ' Kunde@Firma.DK ' });
    expect(r.ok && [r.answer.language, r.answer.customerEmail]).toEqual(['da', 'kunde@firma.dk']);
  });

  it('derives a stable id without one, ignoring --team and import time', () => {
    const noId = { ...columns, id: undefined };
    const cells = ['', '8', 'Fin service', '01.04.2026 10:00', '', 'a@b.dk'];
    const a = rowToAnswer(cells, noId, opts);
    const b = rowToAnswer(cells, noId, { ...opts, defaultTeam: 'x', importedAt: new Date(), line: 99 });
    const c = rowToAnswer(['', '8', 'Fin service!', '01.04.2026 10:00', '', 'a@b.dk'], noId, opts);
    expect(a.ok && a.answer.externalId).toMatch(/^row-[0-9a-f]{24}$/);
    expect(a.ok && a.answer.externalId).toBe(b.ok && b.answer.externalId);
    expect(a.ok && a.answer.externalId).not.toBe(c.ok && c.answer.externalId);
  });
});
