import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  CsvFormatError,
  CsvHeaderError,
  readCsvAnswers,
  type CsvHeaderInfo,
  type CsvReadOptions,
  type RowResult,
} from '../../src/ingest/csv/reader.ts';

const importedAt = new Date('2026-05-01T08:00:00Z');
const baseOpts: CsvReadOptions = { source: 'csv', importedAt };

async function collect(input: string | Buffer | Buffer[], opts: Partial<CsvReadOptions> = {}): Promise<RowResult[]> {
  const chunks = Array.isArray(input) ? input : [Buffer.from(input)];
  const out: RowResult[] = [];
  for await (const r of readCsvAnswers(Readable.from(chunks), { ...baseOpts, ...opts })) out.push(r);
  return out;
}

/** The same bytes cut into 1–7 byte pieces: splits CRLFs, quotes and multi-byte letters. */
function shred(text: string | Buffer): Buffer[] {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0, n = 1; i < buf.length; i += n, n = (n % 7) + 1) parts.push(buf.subarray(i, i + n));
  return parts;
}

const summary = (rows: RowResult[]) =>
  rows.map((r) => (r.ok ? { line: r.line, id: r.answer.externalId, score: r.answer.score } : r));

const DANISH =
  '\uFEFFSvar_ID;Karakter;Kommentar;Dato;Navn;Afdeling;Kontaktpunkt;Kunde\r\n' +
  's-1;9;"Hurtig levering, men ""dyr"" fragt";29.03.2026 01:30;Søren Ærø;Kundeservice;Telefon;Åkande ApS\r\n' +
  's-2;3;"Første linje\r\nanden linje\r\ntredje";29.03.2026 03:30;Bjørn;  LOGISTIK ;Levering;\r\n' +
  '\r\n' +
  's-3;10;;2026-03-30T09:15:00+02:00;;;;\r\n';

describe('readCsvAnswers', () => {
  it('reads a Danish Excel export: BOM, semicolons, CRLF, quoted newlines, æøå, DST', async () => {
    let header: CsvHeaderInfo | undefined;
    const rows = await collect(DANISH, { onHeader: (h) => (header = h) });
    expect(header).toMatchObject({ delimiter: ';', encoding: 'utf-8', ignored: [] });
    expect(rows).toEqual([
      {
        ok: true,
        line: 2,
        answer: {
          source: 'csv',
          externalId: 's-1',
          score: 9,
          ces: null,
          comment: 'Hurtig levering, men "dyr" fragt',
          customerName: 'Søren Ærø',
          customerEmail: null,
          customerAccount: 'Åkande ApS',
          teamSlug: 'kundeservice',
          touchpoint: 'Telefon',
          language: null,
          consentToShare: false,
          answeredAt: new Date('2026-03-29T00:30:00Z'),
        },
      },
      {
        ok: true,
        line: 3,
        answer: expect.objectContaining({
          externalId: 's-2',
          comment: 'Første linje\nanden linje\ntredje',
          teamSlug: 'logistik',
          customerAccount: null,
          answeredAt: new Date('2026-03-29T01:30:00Z'),
        }),
      },
      // lines 3–5 are one record; line 6 is blank
      { ok: true, line: 7, answer: expect.objectContaining({ answeredAt: new Date('2026-03-30T07:15:00Z') }) },
    ]);
  });

  it('gives the same results however the bytes are chunked', async () => {
    expect(await collect(shred(DANISH))).toEqual(await collect(DANISH));
  });

  it('reads a comma export with English headers and the extra columns', async () => {
    const csv = [
      'response_id, NPS Score ,Comment,Responded At,E-mail,Customer_Name,Team,Touchpoint,Account,CES,Consent,Language,Source,Browser',
      'r1,10,"Great, thanks",2026-06-01T10:00:00Z,Ann@Example.com,Ann Lee,Sales,Web,Acme,2,yes,English,typeform,Firefox',
      'r2, 6 ,,01/06/2026 12:00,,,,,,,no,,,',
    ].join('\n');
    let header: CsvHeaderInfo | undefined;
    const rows = await collect(csv, { onHeader: (h) => (header = h), source: 'import' });
    expect(header).toMatchObject({ delimiter: ',', ignored: ['Browser'] });
    expect(rows).toEqual([
      {
        ok: true,
        line: 2,
        answer: {
          source: 'typeform',
          externalId: 'r1',
          score: 10,
          ces: 2,
          comment: 'Great, thanks',
          customerName: 'Ann Lee',
          customerEmail: 'ann@example.com',
          customerAccount: 'Acme',
          teamSlug: 'sales',
          touchpoint: 'Web',
          language: 'en',
          consentToShare: true,
          answeredAt: new Date('2026-06-01T10:00:00Z'),
        },
      },
      { ok: true, line: 3, answer: expect.objectContaining({ source: 'import', score: 6, answeredAt: new Date('2026-06-01T10:00:00Z') }) },
    ]);
  });

  it('reads tab-separated files and skips rows that are only separators', async () => {
    const rows = await collect('score\tcomment\n7\tok\n\t\n   \n8\t\n');
    expect(summary(rows)).toMatchObject([{ line: 2, score: 7 }, { line: 5, score: 8 }]);
  });

  it('keeps line numbers right after multi-line quoted fields (LF and CRLF)', async () => {
    for (const eol of ['\n', '\r\n']) {
      const csv = ['id;score;comment', 'a;5;"one', 'two', '', 'four"', 'b;ni;x', 'c;7;"""quoted"""'].join(eol) + eol;
      expect(summary(await collect(csv))).toEqual([
        { line: 2, id: 'a', score: 5 },
        { ok: false, line: 6, reason: { da: "karakter 'ni' er ikke 0–10", en: "score 'ni' is not 0–10" } },
        { line: 7, id: 'c', score: 7 },
      ]);
    }
  });

  it('reports invalid rows with their line and reason and keeps going', async () => {
    const csv = [
      'Karakter;Dato;Samtykke',
      '11;01.04.2026;ja',
      ';01.04.2026;ja',
      '8;31-02-2026;ja',
      '8;01.04.2026;måske',
      'ni;;',
      '9,0;01.04.2026 10.30;x',
    ].join('\n');
    const rows = await collect(csv);
    expect(rows.filter((r) => !r.ok)).toEqual([
      { ok: false, line: 2, reason: { da: "karakter '11' er ikke 0–10", en: "score '11' is not 0–10" } },
      { ok: false, line: 3, reason: { da: "karakter mangler", en: "score is missing" } },
      { ok: false, line: 4, reason: { da: "dato '31-02-2026' er ikke en dato", en: "date '31-02-2026' is not a date" } },
      { ok: false, line: 5, reason: { da: "samtykke 'måske' er ikke ja/nej", en: "consent 'måske' is not yes/no" } },
      { ok: false, line: 6, reason: { da: "karakter 'ni' er ikke 0–10", en: "score 'ni' is not 0–10" } },
    ]);
    expect(rows.at(-1)).toMatchObject({ ok: true, line: 7, answer: { score: 9, consentToShare: true } });
  });

  it('gives rows without an id the same id in comma, semicolon and BOM versions', async () => {
    const data = [
      ['Score', 'Comment', 'Date', 'Email', 'Team'],
      ['9', 'Godt, hurtigt', '01.04.2026 10:00', 'a@b.dk', 'Support'],
      ['9', 'Godt, hurtigt', '01.04.2026 10:00', 'a@b.dk', 'Salg'],
      ['4', 'Han sagde "nej"\nto gange', '', '', ''],
    ];
    const render = (sep: string, eol: string) =>
      data.map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join(eol);
    const comma = await collect(render(',', '\n'));
    const semi = await collect(`\uFEFF${render(';', '\r\n')}`, { importedAt: new Date() });
    const ids = comma.map((r) => (r.ok ? r.answer.externalId : r.reason));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^row-[0-9a-f]{24}$/);
    expect(semi.map((r) => (r.ok ? r.answer.externalId : r.reason))).toEqual(ids);
  });

  it('applies the default team only where the row has none', async () => {
    const rows = await collect('score,team\n9,\n8,Salg\n', { defaultTeam: 'Support' });
    expect(rows.map((r) => r.ok && r.answer.teamSlug)).toEqual(['support', 'salg']);
  });

  it('uses the import time without a date column', async () => {
    const rows = await collect('nps\n9\n');
    expect(rows).toMatchObject([{ ok: true, answer: { answeredAt: importedAt } }]);
  });

  it('reads Windows-1252 files from plain "CSV" saves in Danish Excel', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Karakter;Kommentar\n9;Rigtig god ', 'latin1'),
      Buffer.from([0x96]), // "–" in Windows-1252, a C1 control in latin1
      Buffer.from(' tak, Søren\n', 'latin1'),
    ]);
    let header: CsvHeaderInfo | undefined;
    const rows = await collect(bytes, { onHeader: (h) => (header = h) });
    expect(header?.encoding).toBe('windows-1252');
    expect(rows).toMatchObject([{ ok: true, answer: { comment: 'Rigtig god – tak, Søren' } }]);
  });

  it("skips Excel's sep= hint line", async () => {
    const rows = await collect('sep=;\nScore;Kommentar\n9;ja, tak\n');
    expect(rows).toMatchObject([{ ok: true, line: 3, answer: { comment: 'ja, tak' } }]);
  });

  it('throws CsvHeaderError for unusable headers', async () => {
    await expect(collect('id;kommentar\n1;hej\n')).rejects.toThrow(CsvHeaderError);
    await expect(collect('NPS;Score\n1;2\n')).rejects.toThrow(/'NPS'.*'Score'/);
  });

  it('throws CsvHeaderError for an empty file', async () => {
    await expect(collect('')).rejects.toThrow(CsvHeaderError);
    await expect(collect([])).rejects.toThrow(/empty/);
    await expect(collect('\uFEFF\r\n\r\n')).rejects.toThrow(CsvHeaderError);
  });

  it('yields nothing for a header-only file', async () => {
    expect(await collect('Karakter;Kommentar\r\n')).toEqual([]);
    expect(await collect('Karakter;Kommentar')).toEqual([]);
  });

  it('stops with CsvFormatError at a quote that never closes, after the rows before it', async () => {
    const rows: RowResult[] = [];
    const read = async () => {
      for await (const r of readCsvAnswers(Readable.from([Buffer.from('score;comment\n9;ok\n\n5;"oops\n7;x\n')]), baseOpts)) rows.push(r);
    };
    const err = await read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvFormatError);
    expect((err as CsvFormatError).line).toBe(4);
    expect(rows.map((r) => r.line)).toEqual([2]);
  });

  it('reports progress in bytes and rejects unknown time zones', async () => {
    const progress = { bytes: 0 };
    await collect(shred(DANISH), { progress });
    expect(progress.bytes).toBe(Buffer.byteLength(DANISH));
    await expect(collect(DANISH, { timeZone: 'Mars/Olympus' })).rejects.toThrow(RangeError);
  });

  it('releases the input when the consumer stops early', async () => {
    const input = Readable.from([Buffer.from('score\n1\n2\n3\n')]);
    for await (const r of readCsvAnswers(input, baseOpts)) {
      expect(r.line).toBe(2);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(input.destroyed).toBe(true);
  });

  it('streams a large file, yielding before the input has ended', { timeout: 120_000 }, async () => {
    const total = 200_000;
    let produced = 0;
    let ended = false;
    const input = new Readable({
      read() {
        if (produced === 0) this.push('Svar_ID;Karakter;Kommentar;Dato\n');
        if (produced >= total) {
          ended = true;
          this.push(null);
          return;
        }
        let text = '';
        for (let i = 0; i < 2000 && produced < total; i++, produced++) {
          const minute = String(produced % 60).padStart(2, '0');
          text += `${produced};${produced % 11};"Svar nr. ${produced}, æøå";01.02.2026 10:${minute}\n`;
        }
        this.push(text);
      },
    });
    const progress = { bytes: 0 };
    let count = 0;
    let endedAtFirstRow: boolean | undefined;
    let lastLine = 0;
    for await (const r of readCsvAnswers(input, { ...baseOpts, progress })) {
      if (count === 0) endedAtFirstRow = ended;
      if (!r.ok) throw new Error(`line ${r.line}: ${r.reason.en}`);
      count++;
      lastLine = r.line;
    }
    expect(endedAtFirstRow).toBe(false);
    expect(count).toBe(total);
    expect(lastLine).toBe(total + 1);
    expect(ended).toBe(true);
    expect(progress.bytes).toBeGreaterThan(total * 30);
  });
});
