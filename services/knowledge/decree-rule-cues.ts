// The decree's rule a question on proposals asks about, read from its cue words (issue 17, dev questions; each
// kept only when it fixed more dev questions than it lost, leave one file out): who is covered (Art. 2), the
// Party committee's say (Art. 4.3), protection by outcome (Art. 11), prohibited acts (Art. 6), principles (Art. 4),
// conditions (Art. 5), rewards (Art. 10), and the concept of a dynamic, creative official. Folded text.
// question-types.ts asks `ruleAsked` once no other kind of question (routing, deadlines, the letter) has matched.

/** A plan named (folded), typos included ("kế hoạc"). */
export const PLAN = /\b(ke hoach|ke hoac|ke hoch|kh|plan)\b/;
/** The question is about proposals (folded), not about salary steps or discipline in general. */
export const ABOUT_PROPOSALS =
  /\b(de xuat|dx|sang kien|y tuong|doi moi|sang tao|dam nghi|dam lam|ke hoach de xuat|lam thu|thi diem|mo hinh|cach lam moi|cai moi)\b/;
/** After a proposal: liability asked, and the outcome named (damage, not completed, completed). */
export const LIABILITY =
  /\b(truy cuu|ky luat|xu ly|chiu trach nhiem|trach nhiem|bao ve|bv|bi phat|boi thuong|den bu|mien tru|mien trach|loai tru|hoi toi|bat loi|che chan)\b/;
export const DAMAGE =
  /\b(thiet hai|mat du lieu|ton that|that thoat|hu hong|hu hai|lam hong|hong (mot|may|het|ca)|lang phi|gay hai|thua lo)\b/;
const NO_DAMAGE =
  /\b(khong|ko|k|chua|chang) (he )?(ai )?(bi |gay |co |gay ra |lam |phat sinh |xay ra )?(thiet hai|ton that|that thoat|hu hong|lang phi|thua lo)\b/g;
export const NOT_DONE =
  /\b(?:khong|ko|k|chua|hok|ch)\s+(?:duoc\s+|kip\s+)?(?:hoan thanh|ht|xong|thanh cong|thanh|dat|hieu qua|nhu mong muon)\b|\b(that bai|hoan thanh mot phan|do dang|khong trot lot)\b|\b(chi )?dat (khoang |duoc )?(mot nua|mot phan|\d+ ?%)|\b(chi )?(lam|thuc hien) (duoc )?(mot nua|mot phan|\d+ ?%)/;
const DONE = /\b(hoan thanh|thanh cong|dat ket qua|xong xuoi|tron ven|dat (du |het )?muc tieu|dat yeu cau|danh gia dat)\b/;
/** Encouragement asked: rewards, benefits, forms of encouragement (Art. 10). */
// "thưởng", not "thường" (usual, often): both fold to "thuong".
const REWARD =
  /\b((duoc|dc|tien|phan|khen) thuong|thuong (gi|j|nhu the nao|the nao|ra sao|bao nhieu)|uu dai|duoc huong|quyen loi|loi ich gi|che do khuyen khich|hinh thuc (khuyen khich|nao)|khuyen khich (bang|nhu the nao|the nao|ra sao)|nang luong|ghi nhan)\b/;
const REWARD_MEASURES =
  /\b(bieu duong|tuyen duong|nang bac luong|nang luong|uu tien (khi|trong|xet|quy hoach|bo nhiem|danh gia)|thi dua khen thuong)\b/;
/** Principles (Art. 4), prohibited acts (Art. 6), conditions a proposal meets (Art. 5). */
export const PRINCIPLES = /\b(nguyen tac|cong khai|minh bach|dan chu|dung doi tuong)\b/;
/** The asker stresses not being a manager: whether the decree covers them (Art. 2) is the question. */
const NON_MANAGER =
  /\b(khong (phai|lam|giu|co) (lanh dao|quan ly|chuc vu|chuc danh)|(nhan vien|nv|ke toan|van thu|lai xe) hop dong|hop dong (68|lao dong)|nhan vien (thuong|van phong))\b/;
/** The approving body's duty to evaluate objectively and name the causes (Art. 11.4). */
export const OBJECTIVE =
  /\b(khach quan|nguyen nhan|chu quan)\b|\bco quan (da )?(phe duyet|duyet)( de xuat)? (phai lam gi|co trach nhiem gi)\b/;
const PROHIBITED =
  /\b(nghiem cam|bi cam|cam (nhung|cac|hanh vi)|hanh vi (bi )?cam|khong duoc lam|hanh vi vi pham|gay kho|can tro|xuc pham|tru dap|vi pham (nd|nghi dinh)|co vi pham (gi|khong)|(pham|vi pham) (dieu|dieu khoan|quy dinh) cam|co bi cam|(nhung |cac )?dieu cam|cam( \w+){0,4} lam (nhung |cac )?(viec )?(gi|nao|j))\b/;
const CONDITIONS = /\b(dieu kien|dk|tieu chi|tieu chuan|can (dap ung|thoa man)|phai (dap ung|thoa man))\b/;
/** What a proposal must be (Art. 5's four conditions), asked without the word "điều kiện". */
const CONDITION_CONTENT =
  /\b(phuc vu loi ich chung|gia tri thuc tien|chuyen bien tich cuc|yeu cau thuc tien|cap bach|diem nghen|nut that|quoc phong|phan cap|phan quyen|cai cach thu tuc)\b/;
/** "Điều kiện" and "tiêu chí" of something else: the conditions secured after approval, staff evaluation criteria. */
const NOT_PROPOSAL_CONDITIONS = /\b(bao dam|dam bao|sau khi phe duyet|danh gia can bo|trien khai thuc hien|thiet bi|kinh phi)\b/;

/** What "dynamic, creative" means is asked, not what a proposal must meet. */
const MEANING =
  /\b(the nao (la|duoc goi|thi duoc goi)|hieu (la|the nao|nhu the nao)|nghia la|khai niem|xac dinh (mot )?(nguoi|can bo)|(duoc )?(goi|coi|xem) (la|nhu vay|nhu the))\b/;

/** The verbs of two prohibited acts, one list each for Art. 6 asked (PROHIBITED_ACT) and for the item's clause
 * (ITEM_CLAUSES below): acting against the proposer (6.2) and evading responsibility for a proposal (6.3). */
const AGAINST_PROPOSER = 'xuc pham|can tro|noi moc|mia mai|che bai|che gieu|giem pha|chen ep';
const EVADING = 'ne tranh|dun day|day trach nhiem|dun qua day lai|day qua day lai';
/** An act Art. 6 forbids, named by its verb: asked with "bị xử lý" it is still Art. 6. */
const PROHIBITED_ACT = new RegExp(`\\b(${AGAINST_PROPOSER}|${EVADING}|gay kho khan|gay kho de|day viec cho nhau)\\b`);

/** A decision to continue, pause or stop a proposal not carried out, or the task under it refused (Art. 6.4). */
const DECISION_DEFIED =
  /\b(khong|ko|k|chua) (chiu )?(chap hanh|lam theo|thuc hien theo)\b|\b(khong|ko|k) chiu (dung|lam|thuc hien|trien khai)\b|\btu choi (khong )?(nhan|lam|thuc hien|trien khai)\b|\b(van|cu|co tinh|van co|co) (cho )?(anh em |nhom |ca nhom )?(lam|thuc hien|trien khai) tiep\b|\b(chay i|lo di|tu y bo do|bo do khong lam)\b|\btu choi (nhiem vu|phan viec|viec) duoc giao\b|\bnhat quyet (khong|ko|k) (lam|thuc hien|trien khai)\b|\b(khong|ko|k) phai viec cua (minh|toi|em)\b|\bda (duoc |dc )?(phe duyet|duyet)\b.*\b(khong|ko|k) (trien khai|thuc hien)\b|\b(khong|ko|k) (thuc hien|trien khai|lam) (de xuat|dx|nhiem vu|viec) (da )?(duoc |dc )?(quyet dinh|phe duyet|duyet|giao)\b/;

/** The protection measures asked as a whole (Art. 11), not one outcome's clause; also its cases counted or listed
 * ("mấy trường hợp được bảo vệ", "bảo vệ trong những trường hợp nào"). */
const PROTECTION_MEASURES =
  /\b(bien phap|hinh thuc|co che) bao ve\b|\b(may|nhung|cac|bao nhieu|bn) (truong hop|th) (can bo |cb )?(duoc |dc )?(bao ve|bv)\b|\bbao ve (can bo )?(trong |o )?(nhung|cac|may) truong hop\b|\btruong hop nao (thi )?(can bo |cb |nguoi de xuat )?(duoc|dc) bao ve\b|\bbao ve( \w+){0,8} (gom|co|trong|o) (nhung|cac|may) (truong hop|th)\b|\b(nd ?73|nghi dinh( 73)?) bao ve (can bo|nguoi)[a-z ,]{0,40}(nhu the nao|the nao|ra sao)\b|^bao ve (can bo|cb)( nang dong,? sang tao)? (nhu the nao|the nao|ra sao)\b|\bbao ve\b( \w+){0,6} (co )?(may|bao nhieu|bn) (muc|cap do|hinh thuc)\b|\b(may|bao nhieu|bn) (muc|cap do|hinh thuc) bao ve\b/;

/** Beyond the four prohibited acts known ("ngoài 4 hành vi", "ngoài các khoản 1, 2, 3 và 4", "ngoài 4 khoản đầu"). */
const BEYOND_FOUR = /\bngoai (ra )?(4|bon|cac|nhung|may)( nhom)? (hanh vi|hv|khoan)\b|\bngoai (4|bon) khoan dau\b/;

/** Every case asked for at once ("cho e xin hết các trường hợp bảo vệ", "rõ từng tình huống … bảo vệ"): Art. 11 as a
 * whole, even when one outcome is named among them. */
const ALL_CASES =
  /\b(het|tat ca|toan bo|day du|tung|tron ven) (cac |nhung )?(truong hop|th|tinh huong)\b|\b(noi|ke|liet ke|tom tat|giai thich)( \w+){0,2} (het|du|day du|toan bo|tron ven)\b|\btom tat (cac|nhung) (truong hop|th)\b/;

/** How a case is judged, asked without a liability word ("gây thiệt hại … thì được xem xét như thế nào?"). */
const JUDGED = /\b(duoc |bi )?xem xet (nhu the nao|the nao|ra sao)\b|\bco (bi )?sao (khong|ko|k)\b|\bco bi gi (khong|ko|k)\b/;

/** An outcome named, then "thì sao" ("Không hoàn thành, không thiệt hại thì sao?"): how that case is judged. */
function outcomeThen(f: string): boolean {
  return /\bthi (sao|the nao)\b/.test(f) && (NOT_DONE.test(f) || DAMAGE.test(f));
}

/** The Party committee's say before a proposal is approved (Art. 4.3), asked as a step or a report. */
export const PARTY_STEP =
  /\b(bao cao|xin y kien|hoi|qua|trinh)( y kien)? (cap uy|dang uy|chi bo|chi uy)\b|\b(cap uy|dang uy|chi bo|chi uy)\b.*\b(truoc khi|buoc|truoc)\b|\b(thieu|con) (mot )?buoc\b.*\b(cap uy|dang uy|chi bo|chi uy)\b/;
export const APPROVAL = /\b(duyet|phe duyet|thong qua|ky)\b/;

/** One item of an article the pack answers whole, by the words that name it (Art. 6's prohibited acts, Art. 4's
 * principles): the clause that holds it. */
const ITEM_CLAUSES: ReadonlyArray<{ article: string; clause: string; cue: RegExp }> = [
  {
    article: 'dieu:6',
    clause: 'dieu:6/khoan:1',
    cue: /\b(loi dung|nup bong|gan mac|danh nghia|muon danh|che giau|che dau|bao che|che (sai pham|vi pham)|truc loi|vu loi|tham nhung)\b/,
  },
  // "Gây khó khăn cho người dân, doanh nghiệp" is harm done under cover of a proposal (6.1), not obstructing its author.
  {
    article: 'dieu:6',
    clause: 'dieu:6/khoan:2',
    cue: new RegExp(`\\b(${AGAINST_PROPOSER}|gay kho(?! khan cho (nguoi dan|dan|doanh nghiep|dn)\\b)|o ep|tru dap)\\b`),
  },
  {
    article: 'dieu:6',
    clause: 'dieu:6/khoan:3',
    cue: new RegExp(`\\b(${EVADING}|ne (trach nhiem|tn))\\b`),
  },
  {
    article: 'dieu:4',
    clause: 'dieu:4/khoan:2',
    cue: /\b(tham quyen|trai (voi |voii )?(quy dinh|chu truong|nghi quyet|van ban|vb|luat|phap luat|hien phap)|quoc hoi|dieu uoc)\b/,
  },
  { article: 'dieu:4', clause: 'dieu:4/khoan:4', cue: /\b(cong khai|minh bach|dan chu|kip thoi|dung doi tuong|dung trinh tu)\b/ },
  // The first principle: by its place, asked for by its words ("vì lợi ích chung … ở nguyên tắc nào"), or by what it
  // says (who is encouraged and protected, for what), unless the principles are asked as a list.
  {
    article: 'dieu:4',
    clause: 'dieu:4/khoan:1',
    cue: /\bnguyen tac (dau tien|thu nhat|so 1|1|goc)\b|\b(nguyen tac|khoan) (nao|may)\b.*\bloi ich chung\b|\bloi ich chung\b.*\b(nguyen tac|khoan) (nao|may)\b|^(?!.*\b(cac|nhung|may|bao nhieu|bn|tat ca) nguyen tac\b)(?=.*\bkhuyen khich\b)(?=.*\bbao ve\b).*\b(loi ich chung|muc (dich|tieu) gi|pham chat gi)\b/,
  },
];

/** The clause of `article` ("dieu:6") whose one item the question asks about ("cản trở người đề xuất" → 6.2); null
 * when it names none, or several (then it asks for the list, which the article is). */
export function itemClauseAsked(f: string, article: string): string | null {
  const asked = ITEM_CLAUSES.filter((i) => i.article === article && i.cue.test(f));
  return asked.length === 1 ? asked[0].clause : null;
}

/** How officials are protected, asked as such ("Bảo vệ cán bộ thế nào?", "mấy trường hợp được bảo vệ"). */
export function asksProtectionMeasures(f: string): boolean {
  return PROTECTION_MEASURES.test(f);
}

/** One of Art. 6's prohibited acts told ("bị đồng nghiệp mỉa mai", "né tránh trách nhiệm"). */
export function namesProhibitedAct(f: string): boolean {
  return PROHIBITED_ACT.test(f);
}

/** The decree's rule a question on proposals asks about, by its cue words (dev set: dev-answers2.yaml). */
export function ruleAsked(f: string): string | null {
  if (NON_MANAGER.test(f)) return 'dieu:2';
  if (PARTY_STEP.test(f) && APPROVAL.test(f) && !LIABILITY.test(f)) return 'dieu:4/khoan:3';
  if (PROTECTION_MEASURES.test(f) && !DAMAGE.test(f) && !NOT_DONE.test(f)) return 'dieu:11';
  if (ALL_CASES.test(f) && /\bbao ve\b/.test(f) && /\b(truong hop|th|tinh huong|bien phap)\b/.test(f)) return 'dieu:11';
  // "thành công, thất bại hay gây thiệt hại thì mỗi trường hợp được bảo vệ ra sao": every outcome told, so every case.
  if (/\bbao ve\b/.test(f) && DONE.test(f.replace(NOT_DONE, ' ')) && NOT_DONE.test(f) && DAMAGE.test(f.replace(NO_DAMAGE, ' ')))
    return 'dieu:11';
  // "Ngoài 4 hành vi bị cấm, Điều 6 còn hành vi nào nữa?": the items after the four the facts page verifies (6.5).
  if (BEYOND_FOUR.test(f) && (PROHIBITED.test(f) || /\b(dieu|d) ?6\b/.test(f))) return 'dieu:6/khoan:5';
  // "Ngoài chuyện không chấp hành … ra, còn cấm gì?" asks for the other prohibited acts.
  if (DECISION_DEFIED.test(f) && !REWARD.test(f) && !/\bngoai\b/.test(f)) return 'dieu:6/khoan:4';
  if (PROHIBITED_ACT.test(f)) return 'dieu:6';
  // The approving body's duty when it evaluates ("có nghĩa vụ gì về việc xác định nguyên nhân"), no liability word.
  if (OBJECTIVE.test(f) && /\b(danh gia|dg)\b/.test(f) && !REWARD.test(f)) return 'dieu:11/khoan:4';
  // "Yêu cầu về thẩm quyền … để được bảo vệ": the principle of acting within one's authority (4.2), not Art. 5's
  // conditions nor a case of Art. 11 (no outcome told).
  if (/\btham quyen\b/.test(f) && /\bbao ve\b/.test(f) && !DONE.test(f) && !NOT_DONE.test(f) && !DAMAGE.test(f) && !OBJECTIVE.test(f))
    return 'dieu:4';
  if ((LIABILITY.test(f) || JUDGED.test(f) || outcomeThen(f)) && !REWARD.test(f)) {
    if (OBJECTIVE.test(f)) return 'dieu:11/khoan:4';
    // "ngân sách không bị thiệt hại gì" names no damage.
    if (DAMAGE.test(f.replace(NO_DAMAGE, ' '))) return 'dieu:11/khoan:3';
    if (NOT_DONE.test(f)) return 'dieu:11/khoan:2';
    if (DONE.test(f)) return 'dieu:11/khoan:1';
    return null;
  }
  if (PROHIBITED.test(f)) return 'dieu:6';
  if (/\bnguyen tac\b/.test(f)) return 'dieu:4';
  // Public commendation and priority in appointment are Art. 10's measures, not Art. 4's "công khai".
  if (REWARD_MEASURES.test(f)) return 'dieu:10';
  if (PRINCIPLES.test(f)) return 'dieu:4';
  // "Đáp ứng đủ điều kiện rồi và làm xong thì được hưởng gì?": what follows completion, not the conditions.
  if (REWARD.test(f) && (DONE.test(f) || /\blam xong\b/.test(f))) return 'dieu:10';
  // "Cán bộ năng động phải xuất phát từ yêu cầu gì?": what the person is (the concept), not a proposal's conditions.
  if (CONDITION_CONTENT.test(f) && /\b(can bo|cb) nang dong\b/.test(f) && !/\b(de xuat|dx)\b/.test(f))
    return 'entry:khai-niem-nang-dong-sang-tao';
  // "Tiêu chí để được coi là cán bộ dám nghĩ dám làm": what the person is, asked as criteria.
  if (CONDITIONS.test(f) && /\b(can bo|cb|nguoi) (nang dong|dam nghi|sang tao)\b/.test(f) && !/\b(de xuat|dx)\b/.test(f))
    return 'entry:khai-niem-nang-dong-sang-tao';
  if (CONDITION_CONTENT.test(f) && !PLAN.test(f)) return 'dieu:5';
  if (CONDITIONS.test(f) && !NOT_PROPOSAL_CONDITIONS.test(f) && !MEANING.test(f)) return 'dieu:5';
  if (REWARD.test(f) && !LIABILITY.test(f)) return 'dieu:10';
  return null;
}
