// Administrative documents in the format of Decree 30/2020/NĐ-CP (thể thức văn bản hành chính), built
// with the `docx` package from a plain, JSON-able model:
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
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
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
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NFC, without characters a .docx cannot hold, tabs as spaces, CRLF as LF. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(XML_INVALID, '');
}

/** Upper case the Vietnamese way (đ → Đ, diacritics kept). */
export function upperVN(s: string): string {
  return cleanText(s).toLocaleUpperCase('vi');
}

function inlines(text: RichText): InlineText[] {
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
  const date = h.date ? formatDateLongVN(h.date) : 'ngày\u00A0\u00A0\u00A0\u00A0 tháng\u00A0\u00A0\u00A0\u00A0 năm\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0';
  return cleanText(`${h.place}, ${date}`);
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

// ---------------------------------------------------------------------------------------------------
// Layout constants (twips; sizes in half-points)

const MM = convertMillimetersToTwip;
const PAGE = { width: 11906, height: 16838 }; // A4
const MARGIN = { top: MM(20), bottom: MM(20), left: MM(30), right: MM(15) };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = 'Times New Roman';
const SIZE = { body: 28, header: 26, nationalTitle: 26, motto: 28, recipientsLabel: 24, recipients: 22, table: 26 };
const LEFT_COL = Math.round(CONTENT_WIDTH * 0.4);
const RIGHT_COL = CONTENT_WIDTH - LEFT_COL;
const FIRST_LINE_INDENT = MM(10);

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const CELL_NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
}

/** TextRuns for a text, splitting line breaks into real breaks. */
function runs(text: RichText, style: RunStyle = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const part of inlines(text)) {
    const lines = cleanText(part.text).split('\n');
    lines.forEach((line, i) => {
      out.push(
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          font: FONT,
          size: style.size ?? SIZE.body,
          bold: part.bold ?? style.bold,
          italics: part.italic ?? style.italic,
          underline: (part.underline ?? style.underline) ? {} : undefined,
        }),
      );
    });
  }
  return out;
}

function para(
  children: ParagraphChild[],
  opts: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    before?: number;
    after?: number;
    firstLine?: number;
    left?: number;
    right?: number;
    hanging?: number;
    border?: IBorderOptions;
    keepNext?: boolean;
    line?: number;
  } = {},
): Paragraph {
  return new Paragraph({
    children,
    alignment: opts.align,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: opts.line },
    indent:
      opts.firstLine || opts.left || opts.right || opts.hanging
        ? { firstLine: opts.firstLine, left: opts.left, right: opts.right, hanging: opts.hanging }
        : undefined,
    border: opts.border ? { bottom: opts.border } : undefined,
    keepNext: opts.keepNext,
  });
}

/** A short horizontal line, centred in a column of `width` twips, `length` twips long. */
function shortLine(width: number, length: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    children: [new TextRun({ text: '', size: 4, font: FONT })],
    spacing: { before: 0, after: 0, line: 40, lineRule: 'exact' },
    indent: { left: side, right: side },
    border: { bottom: LINE },
  });
}

/** Rough width in twips of a text at a font size (Times New Roman averages ~0.5 em per character). */
function approxTextWidth(text: string, halfPoints: number, bold = false): number {
  const em = halfPoints * 10; // one em in twips (half-points × 10)
  return Math.round(text.length * em * (bold ? 0.5 : 0.46));
}

function cell(children: (Paragraph | Table)[], width: number, opts: { borders?: boolean; header?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    borders: opts.borders ? { top: THIN, bottom: THIN, left: THIN, right: THIN } : CELL_NO_BORDERS,
    verticalAlign: opts.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: opts.borders ? { top: 40, bottom: 40, left: 80, right: 80 } : undefined,
  });
}

// ---------------------------------------------------------------------------------------------------
// Parts of the document

function headerTable(h: DocumentHeader): Table {
  const left: Paragraph[] = [];
  if (h.superiorAgency?.trim()) {
    left.push(para(runs(upperVN(h.superiorAgency), { size: SIZE.header }), { align: AlignmentType.CENTER }));
  }
  const agency = upperVN(h.agency);
  left.push(para(runs(agency, { size: SIZE.header, bold: true }), { align: AlignmentType.CENTER }));
  left.push(shortLine(LEFT_COL, Math.min(MM(25), Math.round(approxTextWidth(agency, SIZE.header, true) / 2))));

  const right: Paragraph[] = [
    para(runs(NATIONAL_TITLE, { size: SIZE.nationalTitle, bold: true }), { align: AlignmentType.CENTER }),
    para(runs(NATIONAL_MOTTO, { size: SIZE.motto, bold: true }), { align: AlignmentType.CENTER }),
    shortLine(RIGHT_COL, approxTextWidth(NATIONAL_MOTTO, SIZE.motto, true)),
  ];

  const numberPara = para(h.personal ? [] : runs(numberLine(h), { size: SIZE.header }), { align: AlignmentType.CENTER, before: 120 });
  const datePara = para(runs(placeDateLine(h), { size: SIZE.body, italic: true }), { align: AlignmentType.CENTER, before: 120 });

  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COL, RIGHT_COL],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({ children: [cell(left, LEFT_COL), cell(right, RIGHT_COL)] }),
      new TableRow({ children: [cell([numberPara], LEFT_COL), cell([datePara], RIGHT_COL)] }),
    ],
  });
}

function titleParagraphs(title: string, subtitle?: string): Paragraph[] {
  const out = [para(runs(upperVN(title), { bold: true }), { align: AlignmentType.CENTER, before: 360, keepNext: true })];
  if (subtitle?.trim()) {
    out.push(para(runs(subtitle, { bold: true }), { align: AlignmentType.CENTER, keepNext: true }));
    out.push(shortLine(CONTENT_WIDTH, Math.min(MM(40), approxTextWidth(subtitle, SIZE.body, true) / 2)));
  }
  out.push(para([], { after: 120 }));
  return out;
}

function dataTable(block: Extract<DocumentBlock, { type: 'table' }>): (Paragraph | Table)[] {
  const n = block.columns.length;
  const rel = block.widths && block.widths.length === n ? block.widths : Array<number>(n).fill(1);
  const total = rel.reduce((a, b) => a + b, 0);
  const widths = rel.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
  const headerRow = new TableRow({
    tableHeader: true,
    children: block.columns.map((c, i) =>
      cell([para(runs(c, { bold: true, size: SIZE.table }), { align: AlignmentType.CENTER })], widths[i], { borders: true, header: true }),
    ),
  });
  const rows = block.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: widths.map((w, i) => cell([para(runs(r[i] ?? '', { size: SIZE.table }), { align: AlignmentType.LEFT })], w, { borders: true })),
      }),
  );
  const out: (Paragraph | Table)[] = [];
  if (block.caption?.trim()) out.push(para(runs(block.caption, { bold: true }), { align: AlignmentType.CENTER, before: 120, after: 60, keepNext: true }));
  out.push(
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [headerRow, ...rows],
    }),
  );
  out.push(para([], { after: 60 }));
  return out;
}

const ALIGN = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
} as const;

function blockElements(block: DocumentBlock): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading': {
      const level = block.level ?? 1;
      const text = level === 1 ? upperVN(block.text) : block.text;
      return [
        para(runs(text, { bold: true, italic: level === 3 }), {
          align: AlignmentType.JUSTIFIED,
          firstLine: FIRST_LINE_INDENT,
          before: level === 1 ? 120 : 60,
          after: 60,
          keepNext: true,
        }),
      ];
    }
    case 'paragraph': {
      const align = block.align ?? 'justify';
      const indent = block.indent ?? align === 'justify';
      return [
        para(runs(block.text, { bold: block.bold, italic: block.italic }), {
          align: ALIGN[align],
          firstLine: indent ? FIRST_LINE_INDENT : undefined,
          after: 60,
        }),
      ];
    }
    case 'bullets':
      return block.items.map((item) =>
        para([...runs('- '), ...runs(item)], { align: AlignmentType.JUSTIFIED, firstLine: FIRST_LINE_INDENT, after: 60 }),
      );
    case 'table':
      return dataTable(block);
    case 'keyValue':
      return block.items.map((kv) =>
        para([...runs(`${kv.label}: `, { bold: true }), ...runs(kv.value)], {
          align: AlignmentType.JUSTIFIED,
          firstLine: FIRST_LINE_INDENT,
          after: 60,
        }),
      );
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

function signatureTable(sig: DocumentSignature, recipients: string[]): Table {
  const left: Paragraph[] = [];
  if (recipients.length) {
    left.push(para(runs('Nơi nhận:', { bold: true, italic: true, size: SIZE.recipientsLabel }), { before: 120 }));
    recipients.forEach((r) => {
      left.push(para(runs(`- ${cleanText(r)}`, { size: SIZE.recipients }), { left: 0 }));
    });
  } else {
    left.push(para([]));
  }

  const right: Paragraph[] = [];
  if (sig.onBehalfOf?.trim()) right.push(para(runs(upperVN(sig.onBehalfOf), { bold: true }), { align: AlignmentType.CENTER, before: 120 }));
  right.push(para(runs(upperVN(sig.position), { bold: true }), { align: AlignmentType.CENTER, before: sig.onBehalfOf ? 0 : 120 }));
  // Room for the signature and the seal.
  for (let i = 0; i < 4; i++) right.push(para([]));
  right.push(para(runs(sig.name, { bold: true }), { align: AlignmentType.CENTER }));

  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COL + MM(10), RIGHT_COL - MM(10)],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, LEFT_COL + MM(10)), cell(right, RIGHT_COL - MM(10))] })],
  });
}

function annexElements(annex: DocumentAnnex): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, children: runs(upperVN(annex.title), { bold: true }) }),
  ];
  if (annex.subtitle?.trim()) out.push(para(runs(annex.subtitle, { bold: true }), { align: AlignmentType.CENTER }));
  if (annex.note?.trim()) out.push(para(runs(annex.note, { italic: true }), { align: AlignmentType.CENTER }));
  out.push(shortLine(CONTENT_WIDTH, MM(30)));
  out.push(para([], { after: 120 }));
  for (const b of annex.blocks) out.push(...blockElements(b));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** The docx Document object for a model (validated first). */
export function buildDocxDocument(model: AdministrativeDocument): Document {
  const doc = parseAdministrativeDocument(model);
  const children: (Paragraph | Table)[] = [headerTable(doc.header), ...titleParagraphs(doc.title, doc.subtitle)];
  for (const b of doc.blocks) children.push(...blockElements(b));
  children.push(signatureTable(doc.signature, doc.recipients));
  for (const a of doc.annexes) children.push(...annexElements(a));

  return new Document({
    creator: 'Trợ lý Đổi mới',
    title: cleanText(doc.subtitle ? `${doc.title} - ${doc.subtitle}` : doc.title),
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: PAGE, margin: { ...MARGIN, header: MM(10), footer: MM(10) } },
        },
        headers: {
          // Decree 30: page numbers in Arabic digits, centred at the top, not on the first page.
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.header })] })],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
}

/** Renders a model to a .docx file's bytes. */
export async function renderDocx(model: AdministrativeDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocxDocument(model));
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
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
