// The province's letter asked about by its tasks (issue 17, blind dev files): who does what under it — the agencies'
// and communes' section 1 (dissemination 1.a, staff 1.b, duties after approval 1.c, the yearly report 1.d) and the
// Department of Home Affairs' section 2 (guiding 2.a, heads' plans 2.b, policy feedback 2.c, summing up 2.d).
// All patterns are on folded text. question-types.ts asks `letterTask` when a question names the letter's world.
import { SUMMARY_ASKED } from './document-overview.js';

/** The province's letter asked about by name: its tasks (annual report, dissemination, the Department's duties). */
const PROVINCE_TASK = /\b(cong van|cv|van ban (cua )?tinh|tinh yeu cau|ubnd tinh|so noi vu|snv|hang nam|30\/11)\b/;
/** Reviewing and rewarding the implementation (point 2.d of the letter), not Art. 10's rewards to an officer. */
const SUMMING_UP = /\b(so ket|tong ket)\b.*\b(nghi dinh|nd ?73|thuc hien|trien khai)\b/;
const ANNUAL_REPORT =
  /\b(bao cao (hang nam|dinh ky|nam|ket qua (thuc hien|trien khai) (nd|nghi dinh))|truoc ngay 30|30\/11)\b|\bbao cao\b.*\b(khuyen khich|dam nghi|nang dong|sang tao)\b.*\b(dinh ky|dinh ki|6 thang|sau thang)\b/;
export const DISSEMINATION = /\b(pho bien|quan triet|tuyen truyen)\b/;
const DEPARTMENT_TASKS =
  /\b(so noi vu|snv) (co |giu |dong )?(vai tro|chuc nang) (gi|nao|the nao)\b(?! trong (viec )?(tiep nhan|nhan|xem xet))|\b(so noi vu|snv) (co |duoc giao |phai lam )?(nhung |cac )?(nhiem vu|viec gi|nhung viec|trach nhiem gi)\b|\bgiao (rieng )?(cho )?(so noi vu|snv)\b|\b(so noi vu|snv) co (may|bao nhieu|bn) (nhiem vu|nv|viec)\b|\b(so noi vu|snv) (lo|phu trach|lam|dam nhan) (nhung )?(phan viec|viec|nhiem vu) (gi|nao)\b|\b(nhiem vu|trach nhiem) (cua )?(so noi vu|snv)\b|\bmuc( rieng)? (cho|ve|danh cho) (so noi vu|snv)\b|\b(so noi vu|snv) (phai |can |se )?lam (gi|j|nhung gi)\b(?! (voi|khi nhan|trong (viec )?(tiep nhan|nhan|xem xet)))|\b(so noi vu|snv) (duoc )?(ubnd tinh |tinh )?giao (bao nhieu |may |nhung |cac )?(viec|nhiem vu|nv)\b|\b(so noi vu|snv)\b.*\bgiao (cho )?(ben )?(minh|toi|chung toi|so minh|em|ben minh)( \w+){0,2} (viec|nhiem vu|nv)\b|\bgiao (nhiem vu|viec)( cho)? (so noi vu|snv)\b/;

/** The province's report upward (point 2.d: the Department sums up for the Government, the Ministry of Home
 * Affairs, the Provincial Party Committee), not the agencies' report to the province before 30/11 (point 1.d). */
const REPORT_UPWARD =
  /\b(bao cao|bc)\b.*\b(chinh phu|bo noi vu|bnv|tinh uy)\b|\b(chinh phu|bo noi vu|bnv|tinh uy)\b.*\b(bao cao|bc)\b|\b(so noi vu|snv) (tong hop|phai|co trach nhiem|phai tong hop) (bao cao|bc)\b/;
/** Difficulties gathered and a change of policy proposed upward (point 2.c). */
const POLICY_FEEDBACK =
  /\b(kien nghi|de nghi|tham muu)\b.*\b(dieu chinh|sua doi|bo sung) (chinh sach|co che|cs)\b|\b(vuong mac|vuong|kho khan|vm)\b.*\b(tong hop|ra soat|kien nghi|xu ly|giai quyet)\b|\b(tong hop|ra soat|kien nghi)\b.*\b(vuong mac|kho khan)\b|\b(chinh sach|co che) (chua|khong) phu hop\b/;
/** A rule found unfit and where to say so (2.c too): the letter's world even when the letter is not named. */
const FEEDBACK_UPWARD = /\b(chua|khong) hop ly\b.*\b(kien nghi|phan anh|gop y)\b|\bkien nghi (qua|len|o) dau\b/;
/** Guiding and checking how agencies carry out the decree (point 2.a), not following one approved proposal. */
const GUIDING_AGENCIES =
  /\b(huong dan|don doc|kiem tra|theo doi|chu tri)\b.*\b(viec )?(trien khai|thuc hien) (nd|nghi dinh|quy dinh 32|qd ?32)\b|\b(so noi vu|snv) (co )?(di |xuong )?(huong dan|don doc|kiem tra)\b.*\b(nd ?73|nghi dinh|trien khai|thuc hien)\b/;
/** The tasks the letter gives agencies and communes (its section 1 as a whole). */
const AGENCY_TASKS =
  /\b((nhiem vu|nv)( trong tam)?|nhung viec|viec gi|(may|bao nhieu) viec( chinh)?|(nhung )?nhom viec( gi| nao)?|phai lam (gi|j|nhung gi|nhung viec gi))\b/;
const AGENCIES = /\b(cac so|so|ban nganh|nganh|xa|phuong|don vi|co quan|dia phuong)\b/;

/** What the head and the agency owe a proposal once approved (point 1.c of the letter): conditions and funds,
 * follow-up, removing obstacles, recognising results, guiding the officer's plan, rewarding in time. */
export const AFTER_APPROVAL =
  /\b(sau khi|da) (de xuat )?(duoc )?(phe duyet|duyet|thong qua)\b.*\b(phai|trach nhiem|lam|can) (gi|j|nhung gi|nhung viec)|\bduyet xong\b.*\blam (gi|j)\b|\b(bao dam|dam bao|lo|bo tri|chuan bi) (cac |du )?(dieu kien|trang thiet bi|nhan luc|kinh phi)\b|\b(theo doi|kiem tra)\b.*\b(tien do|viec thuc hien (de xuat|sau))\b|\bhuong dan (can bo|cb|nguoi)( co y tuong)? (lap|xay dung|viet)\b|\b(bieu duong|khen thuong)\b.*\b(kip thoi|tu (khen|bieu duong)|de nghi cap)|\b(tieu chi|quy che) danh gia,? (xep loai )?(can bo|cbccvc|cong chuc|vien chuc)\b|\bkip thoi (danh gia|dg)\b|\bcong nhan (ket qua|kq)\b|\b(da|sau khi) (duoc )?(phe duyet|duyet)\b.*\b(bao dam|dam bao|ho tro) (nhung )?(gi|j)\b/;
/** What the letter says proposals should start from and aim at (1.c): urgent needs, bottlenecks, two-tier local
 * government. */
const PROPOSALS_AIM = /\b(chinh quyen (dia phuong )?(2|hai) cap|nut that|diem nghen|xuat phat tu yeu cau)\b/;
/** How often agencies report (a wrong premise: "6 tháng một lần", "hằng quý"): the yearly report (1.d), not an
 * officer's report on a finished proposal. */
const REPORT_FREQUENCY = /\b(bao cao|bc)\b.*\b(6 thang|sau thang|hang quy|moi quy|hang thang|moi thang|may lan|mot lan|1 lan)\b/;
const PROPOSAL_REPORT = /\bket qua (thuc hien )?(de xuat|dx)\b|\b(lam|thuc hien) xong\b/;
/** The letter's demand to keep the decree's procedure ("đúng đối tượng, nguyên tắc, trình tự, thủ tục"). */
const PROCEDURE_KEPT =
  /\bdung doi tuong\b.*\btrinh tu|\btrinh tu,? thu tuc (theo )?(dieu 8|quy dinh)|\b(dan chieu|vien dan|dan)( \w+){0,2} dieu (may|nao|bao nhieu)\b.*\btrinh tu/;

/** Whether a question is in the letter's world: the letter, the province or the Department named, a yearly report,
 * a summing-up or a report upward. */
export function namesLetterWorld(f: string): boolean {
  return PROVINCE_TASK.test(f) || SUMMING_UP.test(f) || ANNUAL_REPORT.test(f) || REPORT_UPWARD.test(f) || FEEDBACK_UPWARD.test(f);
}

/** The letter's point (or section) a question in its world asks about, or null. */
export function letterTask(f: string): string | null {
  if (PROCEDURE_KEPT.test(f)) return 'muc:1/diem:c';
  if (REPORT_UPWARD.test(f)) return 'muc:2/diem:d';
  if (ANNUAL_REPORT.test(f) || (REPORT_FREQUENCY.test(f) && !PROPOSAL_REPORT.test(f))) return 'muc:1/diem:d';
  if (DISSEMINATION.test(f)) return 'muc:1/diem:a';
  if (POLICY_FEEDBACK.test(f) || FEEDBACK_UPWARD.test(f)) return 'muc:2/diem:c';
  if (GUIDING_AGENCIES.test(f)) return 'muc:2/diem:a';
  // The Department's part in summing up and rewarding is point 2.d, not its section as a whole.
  if (DEPARTMENT_TASKS.test(f)) return /\b(so ket|tong ket)\b/.test(f) ? 'muc:2/diem:d' : 'muc:2';
  if (SUMMING_UP.test(f)) return 'muc:2/diem:d';
  // What is owed a proposal once approved is point 1.c, not section 1 as a whole; so is what proposals should aim at.
  if (AFTER_APPROVAL.test(f) || PROPOSALS_AIM.test(f)) return 'muc:1/diem:c';
  if (AGENCY_TASKS.test(f) && AGENCIES.test(f.replace(/\b(so noi vu|snv)\b/g, ' ')) && !/\b(so noi vu|snv)\b/.test(f)) return 'muc:1';
  return null;
}

/** The letter asked about as a whole ("tóm tắt công văn", "CV … nội dung chính gồm mấy phần"), no task named. */
const LETTER_NAMED = /\b(cong van|cv)\b/;
export function letterAsWhole(f: string): boolean {
  return LETTER_NAMED.test(f) && SUMMARY_ASKED.test(f) && !letterTask(f);
}
