// Administrative documents in the format of Decree 30/2020/NĐ-CP (thể thức văn bản hành chính), built
// from a plain, JSON-able model (the .docx itself is written by decree30-docx.ts):
//
//   header: agency (with its superior agency) on the left, the national title and motto on the right,
//           "Số: .../KH-..." under the agency and "Lào Cai, ngày ... tháng ... năm ..." (italic) under the motto;
//   title in bold capitals, the summary line (trích yếu) in bold, centred;
//   body: headings, paragraphs (justified, first-line indent), dash lists, tables, "label: value" lines;
//   the signature block on the right (authority, position in bold capitals, space to sign, name in bold)
//   and "Nơi nhận:" on the left (bold italic 12 pt, the list in 11 pt);
//   optional annexes (PHỤ LỤC) each on a new page.
// Page A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 14 pt; page numbers centred
// in the header from page 2.
//
// Every text goes through TextRun, which escapes XML; characters XML cannot hold (control characters)
// are removed, line breaks become real breaks, and the text is NFC-normalised so Vietnamese diacritics
// survive whatever form they were typed in.
import { z } from 'zod/v4';
import { formatDateLongVN, parseLocalDate } from '../calendar/local-date.js';

// ---------------------------------------------------------------------------------------------------
// The model

const inlineSchema = z.strictObject({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
});
export type InlineText = z.infer<typeof inlineSchema>;

const richText = z.union([z.string(), z.array(inlineSchema)]);
export type RichText = z.infer<typeof richText>;

const blockSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('heading'),
    text: z.string().min(1),
    /** 1: "I. ..." bold capitals; 2: "1. ..." bold; 3: "a) ..." bold italic. The numbering is part of the text. */
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  }),
  z.strictObject({
    type: z.literal('paragraph'),
    text: richText,
    align: z.enum(['justify', 'center', 'left', 'right']).optional(),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    /** First-line indent (default true for justified text). */
    indent: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('bullets'), items: z.array(richText) }),
  z.strictObject({
    type: z.literal('table'),
    columns: z.array(z.string()).min(1),
    rows: z.array(z.array(z.string())),
    /** Relative column widths (any unit); default equal. */
    widths: z.array(z.number().positive()).optional(),
    caption: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('keyValue'),
    items: z.array(z.strictObject({ label: z.string().min(1), value: z.string() })),
  }),
  z.strictObject({ type: z.literal('pageBreak') }),
]);
export type DocumentBlock = z.infer<typeof blockSchema>;

const localDateSchema = z.string().refine((s) => parseLocalDate(s) !== null, { message: 'ngày không hợp lệ' });

const headerSchema = z.strictObject({
  /** Cơ quan chủ quản, e.g. "UBND TỈNH LÀO CAI" (written in capitals, regular weight). */
  superiorAgency: z.string().optional(),
  /** Cơ quan ban hành, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ" (bold capitals). */
  agency: z.string().min(1),
  /** Viết tắt tên cơ quan for the number line: "SKHCN" → "Số: 12/KH-SKHCN". */
  agencyCode: z.string().optional(),
  /** The registry number; absent → left blank for the clerk ("Số:     /KH-SKHCN"). */
  number: z.string().optional(),
  /** Viết tắt tên loại văn bản: KH, QĐ, BC, KL, TB, ... */
  kindCode: z.string().min(1),
  /** A personal document (signed by an officer, not issued by the agency): no registry number line. */
  personal: z.boolean().optional(),
  place: z.string().min(1),
  /** 'YYYY-MM-DD'; absent → blanks to fill by hand. */
  date: localDateSchema.optional(),
});
export type DocumentHeader = z.infer<typeof headerSchema>;

const signatureSchema = z.strictObject({
  /** Thẩm quyền ký when signing for the head: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC". */
  onBehalfOf: z.string().optional(),
  /** "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "NGƯỜI ĐỀ XUẤT". */
  position: z.string().min(1),
  name: z.string().min(1),
});
export type DocumentSignature = z.infer<typeof signatureSchema>;

const annexSchema = z.strictObject({
  /** "PHỤ LỤC" or "PHỤ LỤC I". */
  title: z.string().min(1),
  subtitle: z.string().optional(),
  /** Italic line under the subtitle, e.g. "(Kèm theo Kế hoạch ...)". */
  note: z.string().optional(),
  blocks: z.array(blockSchema),
});
export type DocumentAnnex = z.infer<typeof annexSchema>;

export const administrativeDocumentSchema = z.strictObject({
  header: headerSchema,
  /** Tên loại văn bản: "KẾ HOẠCH", "QUYẾT ĐỊNH" (rendered in capitals). */
  title: z.string().min(1),
  /** Trích yếu nội dung, e.g. "Đề xuất đổi mới, sáng tạo" (bold). */
  subtitle: z.string().optional(),
  blocks: z.array(blockSchema),
  signature: signatureSchema,
  /** Nơi nhận, one entry a line, without the leading dash. */
  recipients: z.array(z.string()).default([]),
  annexes: z.array(annexSchema).default([]),
});
export type AdministrativeDocument = z.input<typeof administrativeDocumentSchema>;
type ParsedDocument = z.output<typeof administrativeDocumentSchema>;

/** Validates a model (e.g. read from JSON); throws a Vietnamese error naming the first wrong key. */
export function parseAdministrativeDocument(input: unknown): ParsedDocument {
  const r = administrativeDocumentSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new TypeError(`Mẫu văn bản không hợp lệ tại "${i.path.join('.') || '(gốc)'}": ${i.message}`);
  }
  return r.data;
}

// ---------------------------------------------------------------------------------------------------
// Text helpers

// Characters XML 1.0 cannot hold (C0 controls other than tab/line feed/carriage return, U+FFFE/U+FFFF),
// and unpaired surrogates.
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NFC, without characters a .docx cannot hold, tabs as spaces, CRLF as LF. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(XML_INVALID, '');
}

/** Upper case the Vietnamese way (đ → Đ, diacritics kept). */
export function upperVN(s: string): string {
  return cleanText(s).toLocaleUpperCase('vi');
}

export function inlines(text: RichText): InlineText[] {
  return typeof text === 'string' ? [{ text }] : text;
}

function plain(text: RichText): string {
  return inlines(text)
    .map((t) => cleanText(t.text))
    .join('');
}

/** The "Số: 12/KH-SKHCN" line. */
export function numberLine(h: DocumentHeader): string {
  const suffix = h.agencyCode ? `${h.kindCode}-${h.agencyCode}` : h.kindCode;
  const num = h.number?.trim() ? h.number.trim() : '\u00A0'.repeat(6);
  return cleanText(`Số: ${num}/${suffix}`);
}

/** The "Lào Cai, ngày 30 tháng 11 năm 2026" line. */
export function placeDateLine(h: DocumentHeader): string {
  const date = h.date
    ? formatDateLongVN(h.date)
    : 'ngày\u00A0\u00A0\u00A0\u00A0 tháng\u00A0\u00A0\u00A0\u00A0 năm\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0';
  return cleanText(`${h.place}, ${date}`);
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

// ---------------------------------------------------------------------------------------------------
// Public API

/** Renders a model to a .docx file's bytes; the docx package is loaded on the first document, not at start. */
export async function renderDocx(model: AdministrativeDocument): Promise<Buffer> {
  const { packDocx } = await import('./decree30-docx.js');
  return packDocx(model);
}

/**
 * The same document as plain text, for text channels (Zalo, the terminal chat) and tests. Paragraph
 * order follows the .docx; the header's two columns are written one after the other.
 */
export function renderDocumentText(model: AdministrativeDocument): string {
  const doc = parseAdministrativeDocument(model);
  const lines: string[] = [];
  const h = doc.header;
  if (h.superiorAgency?.trim()) lines.push(upperVN(h.superiorAgency));
  lines.push(upperVN(h.agency));
  lines.push(NATIONAL_TITLE, NATIONAL_MOTTO);
  if (!h.personal) lines.push(numberLine(h).replace(/\u00A0/g, ' '));
  lines.push(placeDateLine(h).replace(/\u00A0/g, ' '));
  lines.push('');
  lines.push(upperVN(doc.title));
  if (doc.subtitle?.trim()) lines.push(cleanText(doc.subtitle));
  lines.push('');
  const blockText = (b: DocumentBlock) => {
    switch (b.type) {
      case 'heading':
        lines.push((b.level ?? 1) === 1 ? upperVN(b.text) : cleanText(b.text));
        break;
      case 'paragraph':
        lines.push(plain(b.text));
        break;
      case 'bullets':
        for (const i of b.items) lines.push(`- ${plain(i)}`);
        break;
      case 'table':
        if (b.caption) lines.push(cleanText(b.caption));
        lines.push(b.columns.map(cleanText).join(' | '));
        for (const r of b.rows) lines.push(b.columns.map((_, i) => cleanText(r[i] ?? '')).join(' | '));
        break;
      case 'keyValue':
        for (const kv of b.items) lines.push(`${cleanText(kv.label)}: ${cleanText(kv.value)}`);
        break;
      case 'pageBreak':
        lines.push('');
        break;
    }
  };
  doc.blocks.forEach(blockText);
  lines.push('');
  if (doc.signature.onBehalfOf?.trim()) lines.push(upperVN(doc.signature.onBehalfOf));
  lines.push(upperVN(doc.signature.position));
  lines.push(cleanText(doc.signature.name));
  if (doc.recipients.length) {
    lines.push('', 'Nơi nhận:');
    for (const r of doc.recipients) lines.push(`- ${cleanText(r)}`);
  }
  for (const a of doc.annexes) {
    lines.push('', upperVN(a.title));
    if (a.subtitle) lines.push(cleanText(a.subtitle));
    if (a.note) lines.push(cleanText(a.note));
    lines.push('');
    a.blocks.forEach(blockText);
  }
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
