// A streaming .xlsx writer for large, plain tables (the yearly report's annex): SpreadsheetML written by hand
// into a zip archive built on node:zlib (deflateRaw + crc32), with backpressure end to end.
//
// Why not exceljs's WorkbookWriter: it builds a Row/Cell model and renders XML per cell (most of the report's
// time at 100,000 rows), and it does not wait for its output: committed rows are queued in memory while the
// zip and the file catch up, so memory grew with the number of rows. Here the rows of a sheet are pulled
// from an async iterable only when the deflate stream and the output have room (stream.pipeline), so at
// most one batch of rows and the streams' small buffers are in memory, whatever the number of rows.
// archiver (exceljs's own zip library) is only a transitive dependency without types; the zip format needed
// here (deflated entries with a data descriptor, no zip64: entries stay far below 4 GiB) is small.
//
// What is written: inline strings (no shared-string table, so nothing accumulates), numbers, a bold header
// row, column widths and a frozen first row. exceljs, Excel and LibreOffice read it.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export type XlsxCell = string | number | null | undefined;

export interface XlsxSheet {
  name: string;
  columns: { header: string; width: number }[];
  /** Batches of rows (each a list of cells); a batch is turned into one XML chunk. */
  rows: Iterable<XlsxCell[][]> | AsyncIterable<XlsxCell[][]>;
}

export interface XlsxOptions {
  /** Deflate level 1–9 (default 1; see ANNEX_DEFLATE_LEVEL for the measured trade-off). */
  level?: number;
  creator?: string;
}

// ---- SpreadsheetML ------------------------------------------------------------------------------------

// Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped.
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Excel's limit on the characters of a cell. */
export const MAX_CELL_CHARS = 32_767;
const ROWS_PER_CHUNK = 100;

export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A, B, …, Z, AA, … for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellXml(ref: string, value: XlsxCell, style: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : '';
  const text = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
  const space = text.trim().length !== text.length ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

async function* sheetXml(sheet: XlsxSheet): AsyncGenerator<string> {
  const letters = sheet.columns.map((_, i) => columnLetter(i));
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  yield (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>' +
    `<row r="1">${sheet.columns.map((c, i) => cellXml(`${letters[i]}1`, c.header, ' s="1"')).join('')}</row>`
  );
  let r = 1;
  for await (const batch of sheet.rows) {
    let chunk = '';
    let inChunk = 0;
    for (const row of batch) {
      r++;
      chunk += `<row r="${r}">`;
      for (let i = 0; i < row.length; i++) chunk += cellXml(`${letters[i] ?? columnLetter(i)}${r}`, row[i], '');
      chunk += '</row>';
      // Chunks of ROWS_PER_CHUNK rows (a few hundred kB): a large batch is not held as one big string.
      if (++inChunk === ROWS_PER_CHUNK) {
        yield chunk;
        chunk = '';
        inChunk = 0;
      }
    }
    if (chunk) yield chunk;
  }
  yield '</sheetData></worksheet>';
}

function packageParts(sheets: XlsxSheet[], creator: string): { name: string; xml: string }[] {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sheetNames = sheets.map((s) => escapeXml(s.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31)));
  return [
    {
      name: '[Content_Types].xml',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
    },
    {
      name: 'docProps/core.xml',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${escapeXml(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    },
    {
      name: 'docProps/app.xml',
      xml: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>',
    },
    {
      name: 'xl/workbook.xml',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
        sheetNames.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    {
      name: 'xl/styles.xml',
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    },
  ];
}

// ---- zip ----------------------------------------------------------------------------------------------

const FLAGS = 0x0808; // bit 3: sizes and CRC in a data descriptor after the data; bit 11: names in UTF-8

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Writes to the output, waiting for 'drain' when its buffer is full. */
class Output {
  offset = 0;
  constructor(private readonly out: Writable) {}
  async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

async function writeEntry(
  out: Output,
  entries: CentralEntry[],
  name: string,
  data: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  level: number,
  stamp: { time: number; date: number },
): Promise<void> {
  const nameBytes = Buffer.from(name, 'utf8');
  const offset = out.offset;
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  header.writeUInt16LE(nameBytes.length, 26);
  await out.write(Buffer.concat([header, nameBytes]));
  let crc = 0;
  let size = 0;
  let compressed = 0;
  async function* measured(): AsyncGenerator<Buffer> {
    for await (const part of data) {
      const b = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      crc = zlib.crc32(b, crc);
      size += b.length;
      yield b;
    }
  }
  // highWaterMark 1: the source is not read ahead (each chunk read may cost a database page).
  await pipeline(
    Readable.from(measured(), { objectMode: true, highWaterMark: 1 }),
    zlib.createDeflateRaw({ level }),
    async (deflated: AsyncIterable<Buffer>) => {
      for await (const c of deflated) {
        compressed += c.length;
        await out.write(c);
      }
    },
  );
  if (size > 0xffffffff || compressed > 0xffffffff || out.offset > 0xffffffff)
    throw new Error(`${name}: the zip entry exceeds 4 GiB (zip64 is not supported)`);
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc >>> 0, 4);
  descriptor.writeUInt32LE(compressed, 8);
  descriptor.writeUInt32LE(size, 12);
  await out.write(descriptor);
  entries.push({ name: nameBytes, crc: crc >>> 0, compressed, size, offset });
}

function centralDirectory(entries: CentralEntry[], start: number, stamp: { time: number; date: number }): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(FLAGS, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt16LE(stamp.time, 12);
    h.writeUInt16LE(stamp.date, 14);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt32LE(e.offset, 42);
    parts.push(h, e.name);
  }
  const dir = Buffer.concat(parts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(start, 16);
  return Buffer.concat([dir, end]);
}

/**
 * Writes a workbook of the given sheets to a file path or a writable stream (which is ended when done).
 * The sheets' rows are consumed in order, one batch at a time, as the output accepts data.
 */
export async function writeXlsx(target: string | Writable, sheets: XlsxSheet[], options: XlsxOptions = {}): Promise<void> {
  const level = Math.min(9, Math.max(1, Math.floor(options.level ?? 1)));
  const stream = typeof target === 'string' ? createWriteStream(target) : target;
  const out = new Output(stream);
  const entries: CentralEntry[] = [];
  const stamp = dosDateTime(new Date());
  // An error of the output (disk full, closed socket) ends the writing at once, whatever step waits.
  const stop = new AbortController();
  const failed = once(stream, 'error', { signal: stop.signal }).then(([err]) => Promise.reject(err as Error));
  failed.catch(() => undefined);
  const guard = <T>(p: Promise<T>) => Promise.race([p, failed]);
  try {
    for (const part of packageParts(sheets, options.creator ?? ''))
      await guard(writeEntry(out, entries, part.name, [part.xml], level, stamp));
    for (let i = 0; i < sheets.length; i++)
      await guard(writeEntry(out, entries, `xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheets[i]!), level, stamp));
    await guard(out.write(centralDirectory(entries, out.offset, stamp)));
    const closed: Promise<unknown> = typeof target === 'string' ? once(stream, 'close') : Promise.resolve();
    await guard(new Promise<void>((resolve) => stream.end(() => resolve())));
    await guard(closed);
  } catch (err) {
    stream.destroy();
    throw err;
  } finally {
    stop.abort();
  }
}
