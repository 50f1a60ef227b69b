// Plain text from an official copy: .docx (mammoth), .pdf (pdf-parse 2, pdf.js), .txt and .md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Why a file could not be read: callers that talk to an officer say it in their own words. */
export type ExtractionFailure = 'unreadable' | 'unsupported' | 'password' | 'no_text';

export class ExtractionError extends Error {
  constructor(
    message: string,
    readonly reason: ExtractionFailure = 'unreadable',
  ) {
    super(message);
    this.name = 'ExtractionError';
  }
}

/** An encrypted Office file is an OLE compound file, not a zip: Word saves a password-protected .docx so. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function htmlToText(html: string): string {
  const decode = (s: string) =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) =>
        e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
      );
  // A table row becomes one line, its cells joined by " | ", so a milestone table keeps its date beside its task.
  const withRows = html.replace(/<table[\s\S]*?<\/table>/g, (table) =>
    [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
      .map((row) =>
        [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)]
          .map((cell) => decode(cell[1].replace(/<\/p>\s*<p[^>]*>/g, ' ')).trim())
          .join(' | '),
      )
      .map((line) => `<p>${line.replace(/</g, '&lt;')}</p>`)
      .join(''),
  );
  return decode(withRows.replace(/<\/(p|h\d|li)>|<br\s*\/?>/g, '\n'));
}

/** A .docx as lines of text, tables as one line a row ("30/06/2027 | Ban hành quy trình"). */
export async function extractDocxWithTables(buffer: Buffer, name = 'tệp'): Promise<string> {
  if (buffer.subarray(0, 8).equals(OLE_MAGIC)) throw new ExtractionError(`Tệp “${name}” được đặt mật khẩu.`, 'password');
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer })).value;
  } catch {
    throw new ExtractionError(`Tệp “${name}” không phải tệp .docx hợp lệ.`);
  }
  const text = htmlToText(html).normalize('NFC');
  if (!text.trim()) throw new ExtractionError(`Tệp “${name}” không có nội dung văn bản.`, 'no_text');
  return text;
}

/** Joins lines that a PDF wrapped in the middle of a sentence; keeps lines that start a new provision. */
export function unwrapPdfLines(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const out: string[] = [];
  const startsProvision =
    /^(\d{1,3}\.\s|[a-zđ]\)\s|[-–•+]\s|(Điều|Dieu|Chương|Chuong|Mục|Muc|Điểm)\s|[IVX]{1,5}\.\s|Nơi nhận|Noi nhan|Kính gửi|Kinh gui)/u;
  for (const line of lines) {
    if (!line) {
      out.push('');
      continue;
    }
    if (/^--\s*\d+\s*of\s*\d+\s*--$/.test(line)) continue; // pdf-parse page separators
    const prev = out.length ? out[out.length - 1] : '';
    const upper = line === line.toLocaleUpperCase('vi');
    const prevIsHeading = /^(Điều|Dieu|Chương|Chuong|Mục|Muc)\s+[\dIVXLC]+[a-z]?\b/u.test(prev);
    if (
      prev &&
      !prevIsHeading &&
      !/[.:;!?]$/.test(prev) &&
      !startsProvision.test(line) &&
      !upper &&
      prev !== prev.toLocaleUpperCase('vi')
    ) {
      out[out.length - 1] = `${prev} ${line}`;
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
}

export async function extractText(filePath: string): Promise<string> {
  const ext = path.extname(filePath).toLowerCase();
  let buffer: Buffer;
  try {
    buffer = await readFile(filePath);
  } catch {
    throw new ExtractionError(`Không đọc được tệp “${path.basename(filePath)}”. Kiểm tra đường dẫn và quyền đọc.`);
  }
  return extractTextFromBuffer(buffer, ext, path.basename(filePath));
}

export async function extractTextFromBuffer(buffer: Buffer, ext: string, name = 'tệp'): Promise<string> {
  let text: string;
  switch (ext) {
    case '.txt':
    case '.md':
      text = buffer.toString('utf8').replace(/^\uFEFF/, '');
      break;
    case '.docx': {
      if (buffer.subarray(0, 8).equals(OLE_MAGIC)) throw new ExtractionError(`Tệp “${name}” được đặt mật khẩu.`, 'password');
      const mammoth = (await import('mammoth')).default;
      try {
        const result = await mammoth.extractRawText({ buffer });
        text = result.value;
      } catch {
        throw new ExtractionError(`Tệp “${name}” không phải tệp .docx hợp lệ.`);
      }
      break;
    }
    case '.pdf': {
      const { PDFParse } = await import('pdf-parse');
      const parser = new PDFParse({ data: new Uint8Array(buffer) });
      try {
        const result = await parser.getText();
        text = unwrapPdfLines(result.text);
      } catch (err) {
        if ((err as Error | undefined)?.name === 'PasswordException')
          throw new ExtractionError(`Tệp PDF “${name}” được đặt mật khẩu.`, 'password');
        throw new ExtractionError(`Không đọc được nội dung tệp PDF “${name}” (tệp hỏng hoặc chỉ có ảnh quét).`);
      } finally {
        await parser.destroy().catch(() => undefined);
      }
      break;
    }
    default:
      throw new ExtractionError(
        `Định dạng “${ext || '(không có đuôi)'}” chưa được hỗ trợ. Hãy dùng .docx, .pdf, .txt hoặc .md.`,
        'unsupported',
      );
  }
  text = text.normalize('NFC');
  if (!text.trim()) throw new ExtractionError(`Tệp “${name}” không có nội dung văn bản (có thể là bản quét ảnh).`, 'no_text');
  return text;
}
