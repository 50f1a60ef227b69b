// The page of a Decree 30/2020/NĐ-CP .docx and its primitives: A4 with the decree's margins, Times New Roman
// sizes, borders, and the runs, paragraphs, short rules and table cells decree30-docx.ts builds from. Loaded
// only with decree30-docx.ts (dynamically, so that the large `docx` package waits for the first document).
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import { cleanText, inlines, type RichText } from './decree30-document.js';

// Layout constants (twips; sizes in half-points)

export const MM = convertMillimetersToTwip;
export const PAGE = { width: 11906, height: 16838 }; // A4
export const MARGIN = { top: MM(20), bottom: MM(20), left: MM(30), right: MM(15) };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const FONT = 'Times New Roman';
export const SIZE = { body: 28, header: 26, nationalTitle: 26, motto: 28, recipientsLabel: 24, recipients: 22, table: 26 };
export const LEFT_COL = Math.round(CONTENT_WIDTH * 0.4);
export const RIGHT_COL = CONTENT_WIDTH - LEFT_COL;
export const FIRST_LINE_INDENT = MM(10);

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = {
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
export function runs(text: RichText, style: RunStyle = {}): TextRun[] {
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

export function para(
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
export function shortLine(width: number, length: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    children: [new TextRun({ text: '', size: 4, font: FONT })],
    spacing: { before: 0, after: 0, line: 40, lineRule: 'exact' },
    indent: { left: side, right: side },
    border: { bottom: LINE },
  });
}

/** Rough width in twips of a text at a font size (Times New Roman averages ~0.5 em per character). */
export function approxTextWidth(text: string, halfPoints: number, bold = false): number {
  const em = halfPoints * 10; // one em in twips (half-points × 10)
  return Math.round(text.length * em * (bold ? 0.5 : 0.46));
}

export function cell(children: (Paragraph | Table)[], width: number, opts: { borders?: boolean; header?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    borders: opts.borders ? { top: THIN, bottom: THIN, left: THIN, right: THIN } : CELL_NO_BORDERS,
    verticalAlign: opts.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: opts.borders ? { top: 40, bottom: 40, left: 80, right: 80 } : undefined,
  });
}
