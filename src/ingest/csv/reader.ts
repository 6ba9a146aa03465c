// Stream a CSV export into per-row results in constant memory.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError, type Info, type Parser } from 'csv-parse';
import type { NormalizedAnswer } from '../normalized-answer.ts';
import { mapHeaders, type ColumnMap } from './headers.ts';
import { isValidTimeZone } from '../../core/timezone.ts';
import { rowToAnswer, type RowReason } from './row.ts';

export type RowResult =
  | { ok: true; line: number; answer: NormalizedAnswer }
  | { ok: false; line: number; reason: RowReason };

/** Updated in place while reading, so a CLI can draw a progress bar against the file size. */
export interface CsvProgress {
  bytes: number;
}

export interface CsvHeaderInfo {
  delimiter: ',' | ';' | '\t';
  encoding: 'utf-8' | 'windows-1252';
  columns: ColumnMap;
  ignored: string[];
}

export interface CsvReadOptions {
  source: string;
  defaultTeam?: string;
  /** IANA zone for dates without an offset; default Europe/Copenhagen */
  timeZone?: string;
  /** answeredAt for rows without a date; default: when reading starts */
  importedAt?: Date;
  progress?: CsvProgress;
  /** called once the header is understood, e.g. to warn about ignored columns */
  onHeader?: (info: CsvHeaderInfo) => void;
}

/** The header row is missing or unusable; nothing was read. */
export class CsvHeaderError extends Error {
  override name = 'CsvHeaderError';
}

/** The file breaks CSV structure (e.g. a quote that never closes); reading stopped at `line`. */
export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// Read at least this much before sniffing, so the encoding guess sees some data rows too.
const SNIFF_MIN = 64 * 1024;
const SNIFF_MAX = 1024 * 1024;
// Caps memory when a stray quote would otherwise swallow the rest of a huge file.
const MAX_RECORD = 1024 * 1024;

/** Count ; , and tab outside quotes on the header line; the most frequent wins (ties: ; before ,). */
function sniffDelimiter(head: Buffer): CsvHeaderInfo['delimiter'] {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const byte of head) {
    if (byte === QUOTE) quoted = !quoted;
    else if (!quoted && (byte === CR || byte === LF)) break;
    else if (!quoted && (byte === 0x3b || byte === 0x2c || byte === 0x09)) {
      counts[String.fromCharCode(byte) as keyof typeof counts]++;
    }
  }
  const order = ['\t', ';', ','] as const;
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), order[2]);
}

function headerLineComplete(head: Buffer): boolean {
  let quoted = false;
  for (const byte of head) {
    if (byte === QUOTE) quoted = !quoted;
    else if (!quoted && (byte === CR || byte === LF)) return true;
  }
  return false;
}

/** Danish Excel's plain "CSV" save is Windows-1252, not UTF-8; invalid UTF-8 gives it away. */
function looksLikeUtf8(head: Buffer): boolean {
  try {
    // stream: true tolerates a multi-byte character cut off at the end of the sniffed bytes
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

// Windows-1252 differs from latin1 only in 0x80–0x9F; csv-parse decodes latin1, we patch those.
const CP1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const fromCp1252 = (s: string): string =>
  s.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);

const toBuffer = (chunk: string | Buffer): Buffer =>
  typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;

/**
 * Physical line numbers from byte offsets. csv-parse's own `info.lines` counts a CRLF inside
 * a quoted field twice, so we count line breaks ourselves in the bytes we hand it. Chunks are
 * dropped once scanned, so this holds only what the stream has buffered ahead.
 */
class LineTracker {
  private chunks: Buffer[] = [];
  private chunkStart = 0; // absolute offset of chunks[0]
  private pos = 0; // absolute offset scanned up to
  private line = 1;
  private afterCR = false;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  /** Line of the first byte at/after `offset` that is not part of a blank line. */
  recordStartLine(offset: number): number {
    this.scan(offset, false);
    this.scan(Number.POSITIVE_INFINITY, true);
    return this.line;
  }

  private scan(limit: number, stopAtContent: boolean): void {
    while (this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const end = Math.min(chunk.length, limit - this.chunkStart);
      let i = this.pos - this.chunkStart;
      for (; i < end; i++) {
        const c = chunk[i];
        if (c === LF) {
          if (!this.afterCR) this.line++;
          this.afterCR = false;
        } else if (c === CR) {
          this.line++;
          this.afterCR = true;
        } else if (stopAtContent) {
          this.pos = this.chunkStart + i;
          return;
        } else {
          this.afterCR = false;
        }
      }
      this.pos = this.chunkStart + i;
      if (i < chunk.length) return;
      this.chunkStart += chunk.length;
      this.chunks.shift();
    }
  }
}

type Parsed = { record: string[]; info: Info } | { fatal: CsvError };

function describeFatal(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field starts here and is never closed';
  if (err.code === 'CSV_MAX_RECORD_SIZE') return 'row longer than 1 MiB; probably an unclosed quote';
  return err.message;
}

/**
 * Read answers from a CSV export. Yields one result per non-blank data row with the physical
 * line it starts on (header = line 1). Throws CsvHeaderError before any row when the header
 * is unusable (or the file is empty), and CsvFormatError when the CSV structure breaks.
 */
export async function* readCsvAnswers(
  input: NodeJS.ReadableStream,
  opts: CsvReadOptions,
): AsyncGenerator<RowResult> {
  const timeZone = opts.timeZone ?? 'Europe/Copenhagen';
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone '${timeZone}'`);
  const importedAt = opts.importedAt ?? new Date();
  const progress = opts.progress ?? { bytes: 0 };

  const chunks = input[Symbol.asyncIterator]();
  const readChunk = async (): Promise<Buffer | null> => {
    const next = await chunks.next();
    if (next.done) return null;
    const buf = toBuffer(next.value);
    progress.bytes += buf.length;
    return buf;
  };

  // Sniff: enough bytes to see the whole header line and a sample of the data.
  const parts: Buffer[] = [];
  let size = 0;
  let exhausted = false;
  let head = Buffer.alloc(0);
  while (!exhausted) {
    const chunk = await readChunk();
    if (chunk) {
      parts.push(chunk);
      size += chunk.length;
    } else exhausted = true;
    if (size < SNIFF_MIN && !exhausted) continue;
    head = Buffer.concat(parts);
    parts.length = 0;
    parts.push(head);
    if (headerLineComplete(head) || size >= SNIFF_MAX) break;
  }

  const hasBom = head.subarray(0, 3).equals(BOM);
  const body = hasBom ? head.subarray(3) : head;
  const delimiter = sniffDelimiter(body);
  const encoding = hasBom || looksLikeUtf8(body) ? 'utf-8' : 'windows-1252';

  const tracker = new LineTracker();
  async function* feed(): AsyncGenerator<Buffer> {
    try {
      tracker.push(head);
      yield head;
      if (exhausted) return;
      for (let chunk = await readChunk(); chunk; chunk = await readChunk()) {
        tracker.push(chunk);
        yield chunk;
      }
      exhausted = true;
    } finally {
      // Stopped early (consumer broke off, or an error): let the input release its file handle.
      if (!exhausted) await chunks.return?.();
    }
  }

  const parser: Parser = parse({
    delimiter,
    encoding: encoding === 'utf-8' ? 'utf8' : 'latin1',
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true, // hand-made files have bare quotes in unquoted fields: 9;sagde "hej"
    skip_empty_lines: true,
    max_record_size: MAX_RECORD,
    // Structural errors become an in-order marker, so rows before them are still delivered.
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) parser.push({ fatal: err } satisfies Parsed);
      return undefined;
    },
  });
  const piped = pipeline(Readable.from(feed()), parser);
  piped.catch(() => undefined); // its errors also reach the iteration below

  let columns: ColumnMap | null = null;
  let recordEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<Parsed>) {
      const line = tracker.recordStartLine(recordEnd);
      if ('fatal' in item) throw new CsvFormatError(line, describeFatal(item.fatal));
      recordEnd = item.info.bytes;

      const cells = encoding === 'utf-8' ? item.record : item.record.map(fromCp1252);
      if (cells.every((c) => c.trim() === '')) continue;

      if (!columns) {
        // Excel's "sep=;" hint line comes before the real header.
        if (cells.length <= 2 && /^sep=.?$/i.test(cells.join(delimiter).trim())) continue;
        const mapped = mapHeaders(cells);
        if (!mapped.ok) throw new CsvHeaderError(mapped.error);
        columns = mapped.columns;
        opts.onHeader?.({ delimiter, encoding, columns, ignored: mapped.ignored });
        continue;
      }

      const outcome = rowToAnswer(cells, columns, {
        source: opts.source,
        defaultTeam: opts.defaultTeam,
        timeZone,
        importedAt,
        line,
      });
      yield outcome.ok ? { ok: true, line, answer: outcome.answer } : outcome;
    }
    await piped;
  } finally {
    parser.destroy(); // early exit by the consumer: stop reading the input too
  }
  if (!columns) throw new CsvHeaderError('the file is empty; expected a header row with a score column');
}
