// Kinds of question whose wording misleads the ranking, each pointing to the provision that answers it (issue 17,
// dev questions; every rule was kept only when it fixed more dev questions than it lost, leave one file out):
// - "is X covered by Decree 73?": whatever X is (a hospital director, a contract accountant), Art. 2;
// - "where does X send the plan?": an officer's plan goes to the head of the employing agency (Art. 7.3), a
//   head's own plan to the superior head (Art. 7.4); the first role the question names is the proposer;
// - the letter's tasks (letter-tasks.ts), a head's own plan (an unverified entry) and the province's way for it (2.b),
//   the results' evaluation, the whole process, Regulation 32 for Party bodies, what Conclusion 14 is, and the
//   decree's rule asked by its cue words (decree-rule-cues.ts).
import type { KnowledgeIndex, RetrievalUnit } from './knowledge-index.js';
import type { AnalysedQuestion, RankedHit } from './policy-answer-types.js';
import { lastSentence } from './question-analysis.js';
import { AFTER_APPROVAL, DISSEMINATION, letterTask, namesLetterWorld } from './letter-tasks.js';
import {
  asksProtectionMeasures,
  ABOUT_PROPOSALS,
  APPROVAL,
  DAMAGE,
  LIABILITY,
  NOT_DONE,
  OBJECTIVE,
  PARTY_STEP,
  PLAN,
  PRINCIPLES,
  ruleAsked,
} from './decree-rule-cues.js';

/** Asking whether the decree applies to someone (folded). */
const COVERAGE_CUE =
  /\b(thuoc (doi tuong|dien|pham vi|nghi dinh|nd)|doi tuong (ap dung|cua|nao|duoc)|la doi tuong|ap dung (cho|voi|doi voi)|duoc ap dung|co lien quan gi|lien quan gi|nam trong (dien|pham vi|doi tuong|nhom)|(bao ve|bv) (ai|nhung ai)|(duoc |dc )?(coi|xem|tinh) la (can bo|doi tuong)|goi chung (la )?can bo|(tu|chu|thuat ngu) can bo|(duoc|dc) (nd ?73|nghi dinh 73) (bao ve|ap dung)|(duoc|dc) (huong|ap dung) (chinh sach|che do) (cua |theo )?(nd|nghi dinh)|chi (bao ve|ap dung cho|danh cho) (lanh dao|quan ly|nguoi co chuc vu))\b/;
/** Names the decree (or "nghị định" alone, the pack's subject), not the Party's texts nor the letter (folded). */
const NAMES_DECREE = /\b(nghi dinh|nd)\s*(so\s*)?73\b|\bnd73\b|\b73\s*\/\s*2023\b|\bnghi dinh\b/;
const NAMES_OTHER_PACK_TEXT = /\b(quy dinh 32|qd ?32|ket luan 14|kl ?14|cong van|tinh yeu cau|ubnd tinh|chi dao cua tinh)\b/;

/** Asking where a plan is sent (folded). */
const ROUTING_CUE = /\b(gui|nop|trinh(?! bay| tu)|chuyen(?! (mon|vien|de|nganh|gia|doi|bien))|dua(?! ra))\b/;
/** … to whom: "cho ai", "lên đâu", "gửi trưởng phòng hay gửi giám đốc", "nộp cho chủ tịch phải không". */
const ROUTING_DESTINATION =
  /(?<!\b(khong|chang|ko) )\b(ai(?! cung)|cap nao|co quan nao|nguoi nao|(phai|dung) (khong|ko|k|hong)|hay (gui|nop|trinh)|(cho|len|den|toi|gui|nop|trinh|dua) [a-z ]{2,30} hay|(len|ve|o|di|toi|den) dau|hay (cung )?(phai )?(qua|gui|nop|trinh)|(gui|nop|trinh) thang|(phai|co phai) (nop|gui|trinh) qua)\b|\bdau( (a|vay|ha|nhi))?\s*\??$/;
/** The province's own routing (the Department of Home Affairs, point 2.b of the letter) stays with the letter. */
const PROVINCE_ROUTING = /\b(so noi vu|snv|ubnd tinh|chu tich (ubnd )?tinh|ct tinh|cong van|o tinh|tinh yeu cau|dau moi|lao cai)\b/;
/** … unless the province is only one of the destinations asked about ("gửi Sở Y tế hay gửi UBND tỉnh"). */
const PROVINCE_ONLY_DESTINATION = /\bhay (gui |nop |trinh )?(cho |len |qua )?(ubnd tinh|tinh|so noi vu|snv)\b/;
const ROUTING_OBJECT = /\b(ke hoach|de xuat|dx|y tuong|kh)\b/;
/** "Who considers / approves the plan?": the plan goes to whoever decides on it (Art. 7.3–7.4), whatever
 * the verb (folded). */
const REVIEWER_CUE = /\b(xem xet|duyet|phe duyet|quyet dinh|cho y kien)\b/;
const REVIEWER_WHO = /(?<!\b(khong|chang|ko) )\b(ai(?! cung)|nguoi nao|cap nao|co quan nao|(ai|cap) co tham quyen)\b/;
/** A head of an employing agency (folded), and an officer below one; the first named is the proposer. */
const HEAD_ROLE =
  /(?<!pho )\b(tong giam doc|giam doc|gd|chu tich|ct (?=xa|phuong|ubnd)|thu truong|nguoi dung dau|hieu truong|truong ban|chanh van phong|cuc truong|vien truong|hat truong|tram truong|truong tram|ht(?= truong))\b/;
const OFFICER_ROLE =
  /\b(doi truong|pho doi truong|p\.ht|pho ct|gv|pho tong giam doc|pho giam doc|cap pho|pho hat truong|pho tram truong|pho gd|pgd|pct|p ?ht|pho ht|pho khoa|pho truong khoa|truong bo phan|pho truong bo phan|pho chu tich|pho thu truong|pho hieu truong|pho truong ban|pho chanh van phong|pho cuc truong|pho vien truong|truong phong|pho phong|pho truong phong|chuyen vien|can bo|cb|ccvc|cbccvc|cbcc|cc|cong chuc|vien chuc|nhan vien|y si|bac si|dieu duong|duoc si|giao vien|ky thuat vien|thu quy|van thu|ke toan|truong khoa|to truong|em|minh|toi)\b/;

/** Whether a unit is the provision a question's kind points to: a "dieu:" path in the decree, a "muc:" path in
 * the province's letter (imported texts the pack describes carry the pack's document id too). */
function isTarget(index: KnowledgeIndex, u: RetrievalUnit, path: string, exact: boolean): boolean {
  // A pack entry without a path (the results' evaluation) is named by its id.
  if (path.startsWith('entry:')) return u.entry?.id === path.slice(6) && u.entry.confidence !== 'unknown';
  const kind = index.pack.documents.find((d) => d.id === u.documentKey)?.kind;
  // An unverified entry is never moved first by a question's kind.
  if (kind !== (path.startsWith('muc:') ? 'cong_van' : 'nghi_dinh') || u.entry?.confidence === 'unknown') return false;
  return (u.paths ?? []).some((p) => p === path || (!exact && p.startsWith(`${path}/`)));
}

/** A state enterprise's managers or capital representatives asked about (Art. 2 names them). */
const STATE_ENTERPRISE = /\b(von nha nuoc|nha nuoc nam|doanh nghiep nha nuoc|cong ty nha nuoc|dai dien (phan )?von)\b/;
// Asked whether they are covered, not whether they are exempted ("được miễn trách nhiệm") or rewarded.
/** Who the decree encourages or protects, asked without naming it ("những ai thuộc diện được khuyến khích, bảo vệ"). */
const WHO_IS_COVERED = /\b(nhung ai|ai|doi tuong nao) (thuoc dien |se )?(duoc|dc) (khuyen khich|bao ve)\b/;
const COVERED = /\b(thuoc (doi tuong|dien|pham vi)|nam trong|ap dung|doi tuong|(duoc|dc) (bao ve|khuyen khich|xem la|coi la|tinh la))\b/;

/** How long the head may take to review a plan (Art. 8.1: 07 working days), asked as a limit or a delay. */
const DEADLINE =
  /\b(bao lau|may ngay|bao nhieu ngay|\d+ ngay|qua han|tre han|cham|thoi han|han chot|deadline|tuan|ngay lam viec|bao gio|bao h|luc nao|(ca|mot|may|hai|ba) thang|om (ke hoach|kh|de xuat))\b/;
const REVIEW = /\b(hop|xem xet|nhan (duoc )?(ke hoach|kh|de xuat|dx)|bieu quyet|tra loi|phan hoi)\b/;
/** A head's own plan, reviewed by the superior: its procedure and time limit are not known (an unknown entry). */
const HEAD_OWN_PLAN =
  /\b(ke hoach|kh|de xuat)( de xuat)? cua (chinh )?(thu truong|nguoi dung dau|giam doc|chu tich)|\b(thu truong|nguoi dung dau) tu|\bcap tren\b|\bbao cao ket qua|\bdanh gia ket qua|\bsau khi hoan thanh/;

/** A head's own plan named as such (not the results' evaluation), and its procedure or time limit asked: the
 * decree's text on that is not known, so the pack's unknown entry on it answers, never Art. 8.1's 07 days. */
const HEAD_PLAN_ITSELF =
  /\b(ke hoach|kh|plan|de xuat)( de xuat| dx)? (cua )?(chinh )?(thu truong|nguoi dung dau|giam doc|gd|chu tich|tt|ht)\b|\b(thu truong|nguoi dung dau|giam doc|chu tich)( [a-z]+){0,2} tu (minh|lap|co|de xuat)\b|\b(toi|minh) la (giam doc|chu tich|thu truong|nguoi dung dau|hieu truong)\b.*\b(ke hoach|kh|de xuat) cua (toi|minh)\b/;
/** How the head's own plan is decided: its steps, or whether the collective votes on it. */
const PROCEDURE = /\b(thu tuc|trinh tu|quy trinh|bieu quyet|tap the|xet duyet)\b/;
const UNKNOWN_HEAD_PLAN = 'dieu:8/unknown';

/** The evaluation of a proposal's results (its levels, who votes, what follows it), not the plan's vote (Art. 8.1). */
const RESULT_EVALUATION =
  /\bhop (danh gia|dg)\b|\bai danh gia( la)? (hoan thanh|da hoan thanh|dat|ket qua)\b|\b(hop )?(danh gia|dg) (ket qua|kq)\b|\bket qua danh gia (de xuat|dx)\b|\bmuc danh gia\b|\bsau (khi )?danh gia\b/;

/** Someone working in the Party's bodies or the mass organisations asks which text covers them: Regulation
 * 32-QĐ/TU applies in the province's whole political system, the decree to the State's officials (Art. 2). */
const PARTY_BODY =
  /\b(can bo|cong tac (o|tai)|lam (o|tai)|thuoc|co quan)\s+(dang uy|ban (tuyen giao|to chuc|dan van|kiem tra)( tinh uy)?|hoi (nong dan|phu nu|cuu chien binh)|doan thanh nien|mat tran|co quan dang|dang|doan the)\b/;
const WHICH_TEXT = /\b(van ban nao|nghi dinh hay|hay quy dinh|quy dinh cua tinh uy|ap dung|thuoc dien|duoc khuyen khich|duoc bao ve)\b/;
/** Conclusion 14 asked what it is or how it bears on the decree (its overview entry), whatever else the words reach. */
const KL14_WHAT = /\b(ket luan|kl) ?14\b.*\b(la (van ban|gi|j)|lien quan|quan he|the che hoa|noi (ve )?(gi|j)|de lam gi|y nghia)\b/;
/** The whole path from an idea to a decision asked at once (the pack's overview of Art. 7–8). */
const WHOLE_PROCESS =
  /\b(cac buoc|nhung buoc|quy trinh|flow|workflow|trinh tu tu|tu (luc|khi) co y tuong|bat dau (the nao|tu dau)|(den|toi) (luc|khi) (duoc )?duyet)\b/;

/** What a plan must contain (Art. 7.1–7.2), asked while writing one or of its template ("mẫu kế hoạch … cần những mục
 * nào"; the template file itself is refused, unheld-matters.ts). */
const PLAN_WRITING =
  /\b(viet|lap|xay dung|soan|lam|thanh) (cai |ban )?(ke hoach|kh)( de xuat| dx)?\b|\bke hoach (de xuat|dx) (can|phai|gom|co)\b|\bmau (ke hoach|kh)\b/;
const PLAN_CONTENT =
  /\b(nhung gi|noi dung|trinh bay|gom (nhung )?(gi|phan|muc)|can neu|phai neu|neu ro|bat buoc neu|co neu|phan nao|muc nao|the nao cho dung)\b/;

/** A plan's outline named by its parts (Art. 7.1's need, purpose, content), whatever the document is called. */
const PLAN_OUTLINE = /\b(bo cuc|su can thiet|muc dich yeu cau|gom nhung (phan|muc)|can co nhung (phan|muc))\b/;
/** How long after finishing the results must be reported (the report's entry), not the evaluation meeting after it. */
const RESULT_REPORT_DEADLINE =
  /\b(han|thoi han|bao lau|may ngay|bao nhieu ngay)\b.*\b(bao cao|bc) (ket qua|kq)\b|\b(bao cao|bc) (ket qua|kq)\b.*\b(han|thoi han|bao lau|may ngay|bao nhieu ngay)\b/;
const EVALUATION_AFTER_REPORT = /\bnhan (duoc )?(bao cao|bc)\b|\b(hop )?(danh gia|dg)\b/;
/** The first step once one has an idea: writing the plan (Art. 7.1). */
const FIRST_STEP =
  /\bbuoc (dau tien|1|mot)\b|\b(lam gi|lam j) (truoc tien|dau tien|truoc het)\b|\btruoc (tien|het) (phai |can )?lam (gi|j)\b/;
/** Whether an idea must be written up as a plan at all, or told to the head by word of mouth (Art. 7.1). */
const PLAN_REQUIRED =
  /\b(bat buoc|co can|can|phai|co phai) (phai )?(lap|xay dung|viet|lam|co) (ke hoach|kh|plan)\b|\b(y tuong|de xuat)\b.*\b(mieng|bang loi)\b/;
/** … unless the results' report, the collective's vote or the head's decision is what must be in writing. */
const OTHER_WRITING = /\b(ket qua|kq|tap the|quyet dinh|qd)\b/;
/** An explicit who / where (not a tag question "đúng không?"), which makes it a routing question after all. */
const WHO_WHERE = /\b(ai|cap nao|co quan nao|nguoi nao)\b|\b(len|ve|o|di|toi|den) dau\b/;

/** A head the plan is sent to ("gửi kế hoạch cho chủ tịch xã", "gửi thẳng hạt trưởng"), or named as the other choice
 * ("… hay thủ trưởng cơ quan"): its destination, not its proposer. */
const HEADS_SENT_TO = 'thu truong|nguoi dung dau|giam doc|gd|chu tich|ct|hieu truong|ht|hat truong|tram truong|truong tram';
const SENT_TO_HEAD = new RegExp(
  `\\b(gui|nop|trinh|dua)( [a-z]+){0,4}? (cho|den|toi|len|thang|truc tiep) (${HEADS_SENT_TO})\\b|\\b(gui|nop|trinh|dua)( ke hoach| kh)? (${HEADS_SENT_TO})\\b|\\bhay (gui |nop |trinh )?(cho |len )?(${HEADS_SENT_TO})\\b`,
  'g',
);

/** A complex or wide-ranging proposal (Art. 8.2), and the Department's part in one (the letter's 2.b). */
const COMPLEX = /\b(phuc tap|pham vi rong|lien nganh|nhieu nganh|nhieu linh vuc|nhieu (so|xa|phuong|dia phuong|don vi|co quan))\b/;
const DEPARTMENT_PART = /\b(so noi vu|snv|cong van|cv|tham muu)\b/;

/** A section's tasks asked as a list, not one of them. */
// "Nhiệm vụ sở ngành theo CV?": the agencies' tasks asked bare, all of them.
const TASKS_LISTED =
  /\b(nhung|cac) (nhom )?(nhiem vu|nv)\b|\b(nhiem vu|nv) trong tam\b|\bliet ke\b|^(nhiem vu|nv) (cua )?(cac )?(so|xa|ban nganh|co quan|don vi|dia phuong)\b(?! noi vu)/;

/** Provisions a question's kind names from the story itself, put first even when its words reached another: an
 * outcome's protection clause ("mô hình … được đánh giá đạt … có bị bắt lỗi", Art. 11), where a plan goes by its
 * proposer's role (7.3/7.4), a complex proposal (8.2), a letter's section asked as a whole. */
const NAMED_EVEN_UNREACHED = /^(dieu:(11\/|7\/khoan:[34]$|8\/khoan:2$)|muc:\d$)/;

/** Whether a phrase names a role, not only a pronoun ("giờ mình có đề xuất" names none). */
function namesRole(phrase: string): boolean {
  const officer = OFFICER_ROLE.exec(phrase);
  return HEAD_ROLE.test(phrase) || Boolean(officer && !/^(toi|em|minh)$/.test(officer[0]));
}

/** The first role named in the question: the proposer, when it asks where a plan goes. */
function proposerIsHead(folded: string): boolean | null {
  // "Trưởng khoa gửi giám đốc, còn giám đốc bệnh viện có ý tưởng thì gửi ai?": the role after "còn" is asked about.
  const asked = /\bcon ([a-z ]+?) (co y tuong|co ke hoach|de xuat|thi (gui|nop|trinh|di))/.exec(folded);
  if (asked && folded.indexOf(asked[0]) > 0) return proposerIsHead(asked[1]);
  // "Hạt kiểm lâm tôi …, hạt trưởng có ý tưởng thì gửi kế hoạch cho ai": the clause's subject is the proposer.
  const subject = /(?:^|[,.;:!?])\s*([^,.;:!?]*?)\b(co y tuong|co ke hoach|co kh|co de xuat)\b[^,.;:!?]*\bthi (gui|nop|trinh|di)\b/.exec(
    folded,
  );
  if (subject && namesRole(subject[1])) return firstRoleIsHead(subject[1]);
  // "Kế hoạch đề xuất do chính chủ tịch phường đứng tên", "KH của HT": the plan's owner, wherever the story starts.
  const owner =
    /\b(ke hoach|kh|de xuat|dx)(,? [a-z]+){0,4}? (cua|do) (chinh )?([a-z ]{2,40}?)(?= (thi|gui|nop|trinh|duoc|dung ten|co|la|phai|se|xin)\b|[,.;:!?]|$)/.exec(
      folded,
    );
  if (owner && namesRole(owner[5])) return firstRoleIsHead(owner[5]);
  // "Thủ trưởng cơ quan mình": the asker's own head, so the asker is an officer.
  if (
    /\b(thu truong|nguoi dung dau|giam doc|chu tich|sep|lanh dao)( (co quan|don vi|so|xa|phuong|phong|truong))? (minh|toi|em|cua (minh|toi|em))\b(?! (tu |da |moi |vua )?(viet|lap|xay dung|soan|nghi ra|de xuat|co (y tuong|ke hoach|kh|de xuat)))/.test(
      folded,
    )
  )
    return false;
  // "Tôi là chủ tịch, nghĩ ra cách …": one who says who they are is the proposer, whatever "xã tôi" said before.
  const self = /\b(toi|em|minh) (hien )?(dang )?(la|lam) ([a-z ]{2,40})/.exec(folded);
  if (self && namesRole(self[5])) return firstRoleIsHead(self[5]);
  return firstRoleIsHead(folded);
}

/** Whether the first role a phrase names is a head's (null: it names none). */
function firstRoleIsHead(phrase: string): boolean | null {
  // "Tôi là hiệu trưởng": the role after the pronoun is the proposer's, not the pronoun (an officer's word).
  const f = phrase
    .replace(/\b(toi|em|minh) (hien )?(dang )?(la|lam) /g, (m) => ' '.repeat(m.length))
    // "Bọn mình hỏi hộ chủ tịch công ty": the askers are not the proposer.
    .replace(/\b(bon|chung) (minh|toi|em)\b/g, (m) => ' '.repeat(m.length))
    // "gửi kế hoạch cho chủ tịch xã": the head a plan is sent to is its destination, not its proposer.
    .replace(SENT_TO_HEAD, (m) => ' '.repeat(m.length));
  const head = HEAD_ROLE.exec(f);
  const officer = OFFICER_ROLE.exec(f);
  if (!head && !officer) return null;
  if (!officer) return true;
  if (!head) return false;
  return head.index < officer.index;
}

/** A story whose last sentence asks only where a plan goes ("… Kế hoạch của chủ tịch xã phải gửi đến đâu?"): the
 * meeting or the steps its earlier sentences tell are the story, not the question. */
function asksOnlyWhereItGoes(f: string): boolean {
  const asked = lastSentence(f);
  return asked !== f && ROUTING_CUE.test(asked) && ROUTING_DESTINATION.test(asked) && !DEADLINE.test(asked) && !PROCEDURE.test(asked);
}

/**
 * The provision a question of one of these kinds is about, moved first when the ranking holds it among its
 * first hits; `forced` says the question's kind, not only its words, chose it (`path`: the rule chosen).
 */
export function byQuestionType(
  index: KnowledgeIndex,
  analysed: AnalysedQuestion,
  ranked: RankedHit[],
): { ranked: RankedHit[]; forced: boolean; path?: string } {
  const f = analysed.folded;
  // The letter's tasks, read once: a question in the letter's world that names none of them and asks about a plan
  // goes on to the routing rules below; one that asks about nothing else stops here.
  const letterWorld = namesLetterWorld(f);
  // Who proposes, read at most once (only the routing rules below ask).
  let proposer: boolean | null | undefined;
  const headProposes = () => (proposer === undefined ? (proposer = proposerIsHead(f)) : proposer);
  // The decree's rule its cue words ask, read at most once (the dissemination rule and the last rule both ask).
  let rule: string | null | undefined;
  const ruleOf = () => (rule === undefined ? (rule = ruleAsked(f)) : rule);
  const task = letterWorld ? letterTask(f) : null;
  let path: string | null = null;
  if (PARTY_BODY.test(f) && WHICH_TEXT.test(f)) path = 'entry:qd32-tong-quan';
  else if (KL14_WHAT.test(f)) path = 'entry:kl14-quan-he';
  else if (COVERAGE_CUE.test(f) && NAMES_DECREE.test(f) && !NAMES_OTHER_PACK_TEXT.test(f)) path = 'dieu:2';
  else if (STATE_ENTERPRISE.test(f) && COVERED.test(f)) path = 'dieu:2';
  else if (WHO_IS_COVERED.test(f) && !NAMES_OTHER_PACK_TEXT.test(f) && !DAMAGE.test(f) && !NOT_DONE.test(f)) path = 'dieu:2';
  // Making the decree known to all staff is the letter's 1.a, whoever the staff are (not whether Art. 2 covers them).
  // Not when a rule of the decree is asked for the dissemination ("điều cấm … có mấy cái, e cần đưa vào bài tuyên
  // truyền"); who is to be told of it ("nhân viên hợp đồng có cần được quán triệt") is still the letter's 1.a.
  else if (DISSEMINATION.test(f) && (ABOUT_PROPOSALS.test(f) || NAMES_DECREE.test(f)) && (ruleOf() ?? 'dieu:2') === 'dieu:2')
    path = 'muc:1/diem:a';
  else if (letterWorld && (task || !ROUTING_OBJECT.test(f))) path = task;
  // The Party committee's say before approval (Art. 4.3), also in a story that then asks who is right or who decides.
  else if (PARTY_STEP.test(f) && APPROVAL.test(f) && !LIABILITY.test(f) && ABOUT_PROPOSALS.test(f)) path = 'dieu:4/khoan:3';
  // A proposal that failed or did harm asks about liability (Art. 11), not the head's duties.
  else if (AFTER_APPROVAL.test(f) && !HEAD_PLAN_ITSELF.test(f) && !NOT_DONE.test(f) && !DAMAGE.test(f)) path = 'muc:1/diem:c';
  else if (HEAD_PLAN_ITSELF.test(f) && (DEADLINE.test(f) || PROCEDURE.test(f)) && !asksOnlyWhereItGoes(f)) {
    const i = ranked.findIndex((r) => r.unit.entry?.confidence === 'unknown' && /^Điều 8 /.test(r.unit.citation));
    if (i < 0) return { ranked, forced: false };
    const hit = ranked[i];
    const rest = ranked.filter((r) => r !== hit);
    return { ranked: [{ ...hit, h: { ...hit.h, score: ranked[0].h.score } }, ...rest], forced: true, path: UNKNOWN_HEAD_PLAN };
  } else if (
    WHOLE_PROCESS.test(f.replace(/\bdung quy trinh\b/g, ' ')) &&
    (ABOUT_PROPOSALS.test(f) || PLAN.test(f)) &&
    !HEAD_PLAN_ITSELF.test(f) &&
    !LIABILITY.test(f)
  ) {
    path = 'entry:quy-trinh-tong-quat';
  } else if (RESULT_REPORT_DEADLINE.test(f) && !EVALUATION_AFTER_REPORT.test(f) && !HEAD_PLAN_ITSELF.test(f))
    path = 'entry:bao-cao-ket-qua-thuc-hien';
  else if (RESULT_EVALUATION.test(f) && !LIABILITY.test(f) && !OBJECTIVE.test(f) && !HEAD_PLAN_ITSELF.test(f) && !PRINCIPLES.test(f))
    path = 'entry:danh-gia-ket-qua';
  // A complex, wide-ranging proposal (Art. 8.2: a longer review, an evaluation council), unless the Department's part in
  // it (the letter's 2.b) is asked.
  else if (COMPLEX.test(f) && !DEPARTMENT_PART.test(f) && (ABOUT_PROPOSALS.test(f) || PLAN.test(f))) path = 'dieu:8/khoan:2';
  // A delay is asked after the story of where the plan went ("nộp cho giám đốc … đúng thời hạn không?").
  // Not when a story's last sentence asks how a harm or a shortfall is judged (its "hai tháng" told when, not how long).
  else if (
    DEADLINE.test(f) &&
    REVIEW.test(f) &&
    (ABOUT_PROPOSALS.test(f) || PLAN.test(f)) &&
    !HEAD_OWN_PLAN.test(f) &&
    !(LIABILITY.test(lastSentence(f)) && (DAMAGE.test(f) || NOT_DONE.test(f)))
  ) {
    path = 'dieu:8/khoan:1';
  } else if (
    (PLAN_OUTLINE.test(f) && ROUTING_OBJECT.test(f) && !WHO_WHERE.test(f)) ||
    ((PLAN_REQUIRED.test(f) || FIRST_STEP.test(f)) && !OTHER_WRITING.test(f) && !WHO_WHERE.test(f))
  ) {
    path = 'dieu:7/khoan:1';
  } else if (
    ROUTING_OBJECT.test(f) &&
    ((ROUTING_CUE.test(f) && ROUTING_DESTINATION.test(f)) || (REVIEWER_CUE.test(f) && REVIEWER_WHO.test(f))) &&
    // The province's routing through the Department is for heads' plans: an officer's plan still goes to the
    // head of the officer's agency, whatever the letter or the Department is named for.
    (!PROVINCE_ROUTING.test(f.replace(PROVINCE_ONLY_DESTINATION, ' ')) || headProposes() === false)
  ) {
    const head = headProposes();
    if (head !== null) path = head ? 'dieu:7/khoan:4' : 'dieu:7/khoan:3';
  } else if (
    ROUTING_OBJECT.test(f) &&
    ((ROUTING_CUE.test(f) && ROUTING_DESTINATION.test(f)) || (REVIEWER_CUE.test(f) && REVIEWER_WHO.test(f))) &&
    headProposes() === true
  ) {
    // A head's own plan asked of the province (the Department, the chairman, the letter): the letter's 2.b says how
    // the province carries out Art. 7.4.
    path = 'muc:2/diem:b';
  } else if (PLAN_WRITING.test(f) && PLAN_CONTENT.test(f)) {
    path = 'dieu:7/khoan:1';
    // "Bảo vệ cán bộ thế nào?": the protection measures asked bare, with neither the decree nor a proposal named.
  } else if (ABOUT_PROPOSALS.test(f) || NAMES_DECREE.test(f) || asksProtectionMeasures(f)) path = ruleOf();
  if (!path) return { ranked, forced: false };
  // A decree article the pack holds only clause by clause (Art. 11's protection measures asked as a whole): the
  // article, composed of its clauses, goes first with the best hit's score; the clauses the words found follow it.
  const article = /^dieu:\d+$/.test(path) ? index.articleOfClauses('nd73', path) : undefined;
  if (article && ranked.length)
    return { ranked: [{ ...ranked[0], h: { ...ranked[0].h, doc: -1 }, unit: article }, ...ranked], forced: true, path };
  // The provision itself among the first eight hits, else one of its parts among the first five.
  let i = ranked.slice(0, 8).findIndex((r) => isTarget(index, r.unit, path, true));
  // A letter's section asked as a whole is answered by one of its points only when the words chose that point first,
  // and never when its tasks are asked as a list ("những nhiệm vụ trọng tâm nào", "liệt kê các nhiệm vụ").
  const wholeSection = /^muc:\d$/.test(path);
  if (i < 0 && !(wholeSection && TASKS_LISTED.test(f)))
    i = ranked.slice(0, wholeSection ? 1 : 5).findIndex((r) => isTarget(index, r.unit, path, false));
  if (i < 0 && ranked.length && (path.startsWith('entry:') || NAMED_EVEN_UNREACHED.test(path))) {
    // An overview entry the words did not reach (Regulation 32 for a Party body, the whole process), or a clause or
    // section the kind reads from the story itself (see NAMED_EVEN_UNREACHED): the kind of question names it, so it goes
    // first with the best hit's score.
    const unit = index.units.find((u) => isTarget(index, u, path, true)) ?? index.units.find((u) => isTarget(index, u, path, false));
    if (unit) {
      const top = ranked[0];
      return { ranked: [{ ...top, h: { ...top.h, doc: unit.idx }, unit }, ...ranked], forced: true, path };
    }
  }
  if (i < 0) return { ranked, forced: false };
  if (i === 0) return { ranked, forced: true, path };
  const hit = ranked[i];
  return { ranked: [{ ...hit, h: { ...hit.h, score: ranked[0].h.score } }, ...ranked.filter((r) => r !== hit)], forced: true, path };
}

/** Under an answer chosen by the question's kind, "Căn cứ" keeps no other clause of the decree (the outcome or
 * the proposer's role ruled it out); the province's letter may still stand beside a decree's rule. */
export function supportsTyped(index: KnowledgeIndex, u: RetrievalUnit, path: string): boolean {
  const kind = index.pack.documents.find((d) => d.id === u.documentKey)?.kind;
  if (kind !== 'nghi_dinh' && !path.startsWith('muc:')) return true;
  return (u.paths ?? []).some((p) => p === path || p.startsWith(`${path}/`));
}
