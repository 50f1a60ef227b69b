// Inputs and wording shared by the Decree 73 documents (plan, written decision, evaluation conclusion).
import { asLocalDate, formatDateVN, todayVN, type DateInput, type LocalDate } from '../calendar/local-date.js';
import type { DocumentHeader } from './decree30-document.js';

/** The agency in whose name a document is issued (from the directory). */
export interface AgencyInput {
  /** The agency's name, e.g. "Sở Khoa học và Công nghệ" (capitalised in the header). */
  name: string;
  /** The superior agency line, e.g. "UBND tỉnh Lào Cai"; omit for the Provincial People's Committee itself. */
  superiorAgency?: string;
  /** Abbreviation for the number line, e.g. "SKHCN" → "Số: .../KH-SKHCN". */
  code?: string;
}

/** Number, place and date of issue; everything optional. */
export interface IssueInput {
  /** Registry number; omitted → left blank for the clerk. */
  number?: string;
  /** Default "Lào Cai". */
  place?: string;
  /** Default: today in Vietnam. null → left blank to fill by hand. */
  date?: DateInput | null;
}

/** The proposal a decision or a conclusion is about. */
export interface ProposalRef {
  /** e.g. "ĐX-2026-0001". */
  code: string;
  title: string;
  proposer: PersonInput;
}

export interface PersonInput {
  name: string;
  position: string;
  unit: string;
}

export interface SignerInput {
  /** "KT. GIÁM ĐỐC" when a deputy signs for the head. */
  onBehalfOf?: string;
  position: string;
  name: string;
}

/** A vote or meeting tally of the collective leadership (Art. 8.1). */
export interface TallyInput {
  /** Members entitled to vote (the head and deputies, minus a deputy who is the proposer). */
  voters: number;
  inFavour: number;
  against: number;
  /** Did not vote / absent; default voters − inFavour − against. */
  notVoting?: number;
}

export const DECREE_73 = 'Nghị định số 73/2023/NĐ-CP';
export const DECREE_73_FULL =
  'Nghị định số 73/2023/NĐ-CP ngày 29 tháng 9 năm 2023 của Chính phủ quy định về khuyến khích, bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung';

export function headerFor(agency: AgencyInput, issue: IssueInput, kindCode: string): DocumentHeader {
  const date: LocalDate | undefined = issue.date === null ? undefined : asLocalDate(issue.date ?? todayVN());
  return {
    ...(agency.superiorAgency ? { superiorAgency: agency.superiorAgency } : {}),
    agency: agency.name,
    ...(agency.code ? { agencyCode: agency.code } : {}),
    ...(issue.number ? { number: issue.number } : {}),
    kindCode,
    place: issue.place ?? 'Lào Cai',
    ...(date ? { date } : {}),
  };
}

export function tallySentence(t: TallyInput): string {
  const notVoting = t.notVoting ?? Math.max(0, t.voters - t.inFavour - t.against);
  const parts = [`${t.inFavour}/${t.voters} thành viên tán thành`, `${t.against}/${t.voters} thành viên không tán thành`];
  if (notVoting > 0) parts.push(`${notVoting}/${t.voters} thành viên không biểu quyết`);
  return parts.join(', ');
}

/** A non-empty trimmed text, or the fallback. */
export function orDefault(text: string | undefined | null, fallback: string): string {
  const t = text?.trim();
  return t ? t : fallback;
}

export function dateVN(d: DateInput): string {
  return formatDateVN(d);
}

/**
 * The four conditions of Art. 5 in our own summary wording (secondary basis: the decree's wording must be
 * checked in the official text).
 */
export const ARTICLE_5_CONDITIONS = [
  'Đề xuất có khả năng tháo gỡ điểm nghẽn về cơ chế, chính sách chưa được Chính phủ, Thủ tướng Chính phủ, bộ, ngành, địa phương quy định; giải quyết hiệu quả vấn đề đặt ra.',
  'Đề xuất vì lợi ích chung, mang lại giá trị thực tiễn và chuyển biến tích cực.',
  'Đề xuất xuất phát từ yêu cầu thực tiễn cấp bách; không làm phương hại đến quốc phòng, an ninh, trật tự, an toàn xã hội và sự phát triển của địa phương, cơ quan khác.',
  'Đề xuất thúc đẩy phân cấp, phân quyền, cải cách thủ tục hành chính hoặc ứng dụng công nghệ thông tin.',
] as const;
