// The .docx rendering of a Decree 30/2020/NĐ-CP document (the model and its plain-text rendering are in
// decree30-document.ts). A file of its own so that the `docx` package, large, is loaded only when a
// document is first written: decree30-document.ts imports this file dynamically.
// The page and its primitives are decree30-docx-layout.ts.
import { AlignmentType, Document, Header, Packer, PageNumber, Paragraph, Table, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import {
  cleanText,
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
} from './decree30-document.js';
import {
  MM,
  PAGE,
  MARGIN,
  CONTENT_WIDTH,
  FONT,
  SIZE,
  LEFT_COL,
  RIGHT_COL,
  FIRST_LINE_INDENT,
  NO_BORDERS,
  runs,
  para,
  shortLine,
  approxTextWidth,
  cell,
} from './decree30-docx-layout.js';

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
