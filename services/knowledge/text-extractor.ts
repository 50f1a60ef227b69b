// Plain text from an official copy: .docx (mammoth), .pdf (pdf-parse 2, pdf.js), .txt and .md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export class ExtractionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractionError';
  }
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
      } catch {
        throw new ExtractionError(`Không đọc được nội dung tệp PDF “${name}” (tệp hỏng hoặc chỉ có ảnh quét).`);
      } finally {
        await parser.destroy().catch(() => undefined);
      }
      break;
    }
    default:
      throw new ExtractionError(`Định dạng “${ext || '(không có đuôi)'}” chưa được hỗ trợ. Hãy dùng .docx, .pdf, .txt hoặc .md.`);
  }
  text = text.normalize('NFC');
  if (!text.trim()) throw new ExtractionError(`Tệp “${name}” không có nội dung văn bản (có thể là bản quét ảnh).`);
  return text;
}
