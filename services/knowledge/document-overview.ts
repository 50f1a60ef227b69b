// A question about a pack document itself ("nđ 73/2023 là gì", "QĐ 32 có mấy điều", the decree's full name, number,
// date or issuer, also in English or named by its subject): answered from the document's overview entry, which the
// ranking refuses for want of topic words. All patterns are on folded text.
import { namesProhibitedAct } from './decree-rule-cues.js';
import type { KnowledgeIndex, RetrievalUnit } from './knowledge-index.js';

/** A pack document's name (folded), and the words that ask only what it is (its subject, date, size, force). */
const DOCUMENT_NAME =
  /\b(nghi dinh|nd|quy dinh|qd|ket luan|kl|cong van|cv)\s*(so\s*)?(73|32|14)?\s*(\/\s*2023|-?\s*qd\s*\/\s*tu|-?\s*kl\s*\/\s*tw)?(\s*\/\s*nd\s*-?\s*cp)?(\s*nam 2023)?|\bnd73\b|\bqd32\b|\bkl14\b/g;
const ONLY_ABOUT_DOCUMENT =
  /^(cho (em|toi|minh|e) hoi|(la|noi|noi ve|quy dinh|quy dinh ve|ve|co|gom|bao nhieu|may|chuong|dieu|cai|gi|j|noi dung|chinh|tom tat|tong quan|gioi thieu|ban hanh|khi nao|nam nao|ngay nao|hieu luc|tu|the nao|nhu the nao|ra sao|van ban|nay|do ai|ai|a|ạ|vay|nhi|the|duoc|khong|ko|k|nhe|voi|vs|giup|di|ten|day du|so hieu|noi chung|vai dong|van de|e|em|minh|toi|decree|toan bo|y chinh|vai y|khai quat|so luoc|nhung|phan|dai qua|lai|xin)\b|[\s?.!,:;]|\p{Extended_Pictographic})*$/u;

/** Facts about a document itself (its full name, number, date, issuer, force, kind), whatever else is said. */
const DOCUMENT_FACTS =
  /\b(ten day du|so hieu|ngay ban hanh|ban hanh (ngay|khi|nam) nao|hieu luc (tu|khi|ngay)|co hieu luc|issued|effective|(cap|co quan|ai) (nao )?ban hanh|do ai ban hanh|la luat hay|van ban cua chinh phu|la (van ban|nghi dinh) nao|(la )?(nd|nghi dinh) so (may|bao nhieu|nao)|so may,? nam nao|(dung )?so va nam|moi (ra|ban hanh)( (dau|cuoi) nam)?)\b/;
/** The decree named by its subject instead of its number ("nghị định về … dám nghĩ, dám làm"). */
const DECREE_BY_SUBJECT = /\b(nghi dinh|nd|decree|chinh phu)\b.*\b(dam nghi|nang dong|bao ve can bo|khuyen khich,? bao ve)/;

/** A summary asked for ("tóm tắt", "ý chính", "gồm mấy phần"), of the decree here and of the province's letter in
 * letter-tasks.ts. */
export const SUMMARY_ASKED =
  /\b(tom tat|tom luoc|y chinh|noi dung chinh|khai quat|toan bo noi dung|gom (nhung )?(noi dung|phan) (gi|nao)|gom may phan)\b/;
/** … or, of the decree, what it is about ("giới thiệu", "nói về cái gì"): said of the letter, these ask about the other
 * text it names (Regulation 32). */
const WHAT_ABOUT = /\b(tong quan|gioi thieu|noi (ve )?(cai )?gi|ve (cai|van de) gi)\b/;
const DECREE_BY_NUMBER = /\b(nghi dinh|nd) ?73\b|\bnd73\b/;
/** … of the decree as a whole, not one of its parts (principles, the steps, a clause), the province's letter or
 * another text beside it. */
const A_PART_ASKED =
  /\b(cong van|cv|nguyen tac|buoc|quy trinh|trinh tu|workflow|flow|dieu \d+|khoan|dieu nay|hanh vi|nghiem cam|bi cam|the che hoa|cua dang|d ?\d+|k ?\d+|ket luan|kl|quy dinh 32|qd ?32|xa|so|khai niem|cach hieu)\b/;

function decreeSummaryAsked(lower: string): boolean {
  if (!(SUMMARY_ASKED.test(lower) || WHAT_ABOUT.test(lower)) || !(DECREE_BY_NUMBER.test(lower) || DECREE_BY_SUBJECT.test(lower)))
    return false;
  // "Bị đồng nghiệp mỉa mai … thì NĐ73 có nói gì": what the decree says of an act told, not what it is about.
  return !A_PART_ASKED.test(lower.replace(DECREE_BY_NUMBER, ' ').replace(DECREE_BY_SUBJECT, ' ')) && !namesProhibitedAct(lower);
}

export function documentOverview(index: KnowledgeIndex, folded: string, documentKey: string | undefined): RetrievalUnit | undefined {
  const lower = folded.toLowerCase();
  const summary = decreeSummaryAsked(lower);
  if (summary) documentKey = 'nd73';
  documentKey ??= DOCUMENT_FACTS.test(lower) && DECREE_BY_SUBJECT.test(lower) ? 'nd73' : undefined;
  if (!documentKey) return undefined;
  const rest = lower.replace(DOCUMENT_NAME, ' ');
  // The decree's facts, unless the question is about another text it names beside it (Conclusion 14 "thể chế hóa").
  const otherText = documentKey === 'nd73' && /\b(ket luan|kl ?14|bo chinh tri|quy dinh 32|qd ?32|the che hoa)\b/.test(lower);
  const factsAsked = DOCUMENT_FACTS.test(lower) && documentKey !== 'cv-trien-khai' && !otherText;
  if (!factsAsked && !summary && (rest === lower || !ONLY_ABOUT_DOCUMENT.test(rest.trim()))) return undefined;
  return index.units.find((u) => u.entry && u.documentKey === documentKey && !u.paths.length && u.entry.confidence !== 'unknown');
}
