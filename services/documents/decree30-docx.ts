// The .docx rendering of a Decree 30/2020/NĐ-CP document (the model and its plain-text rendering are in
// decree30-document.ts). A file of its own so that the `docx` package, large, is loaded only when a
// document is first written: decree30-document.ts imports this file dynamically.
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
import {
  cleanText,
  inlines,
  NATIONAL_MOTTO,
  NATIONAL_TITLE,
  numberLine,
  parseAdministrativeDocument,
  placeDateLine,
  upperVN,
  type AdministrativeDocument,
  type DocumentAnnex,
  type DocumentBlock,
  type DocumentHeader,
  type DocumentSignature,
  type RichText,
} from './decree30-document.js';

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
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
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
        children: widths.map((w, i) =>
          cell([para(runs(r[i] ?? '', { size: SIZE.table }), { align: AlignmentType.LEFT })], w, { borders: true }),
        ),
      }),
  );
  const out: (Paragraph | Table)[] = [];
  if (block.caption?.trim())
    out.push(para(runs(block.caption, { bold: true }), { align: AlignmentType.CENTER, before: 120, after: 60, keepNext: true }));
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
function buildDocxDocument(model: AdministrativeDocument): Document {
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
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.header })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
}

/** The bytes of the .docx file for a model. */
export async function packDocx(model: AdministrativeDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocxDocument(model));
}
