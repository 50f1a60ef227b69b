// A streaming .xlsx writer for large, plain tables (the yearly report's annex): SpreadsheetML written by hand
// (spreadsheet-ml.ts) into a zip archive built on node:zlib (streaming-zip.ts), with backpressure end to end.
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
import type { Writable } from 'node:stream';
import { packageParts, sheetXml, type XlsxSheet } from './spreadsheet-ml.js';
import { centralDirectory, dosDateTime, Output, writeEntry, type CentralEntry } from './streaming-zip.js';

export interface XlsxOptions {
  /** Deflate level 1–9 (default 1; see ANNEX_DEFLATE_LEVEL for the measured trade-off). */
  level?: number;
  creator?: string;
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
