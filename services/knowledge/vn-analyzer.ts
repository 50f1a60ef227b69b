// Analysis of Vietnamese text for retrieval: NFC, lower case, abbreviations expanded, numbers
// normalised ("07" → "7"), syllables folded (đ → d) beside the accented ones, and syllable bigrams.
import { foldDiacritics, normalizeText } from '../text/vietnamese.js';

/** Abbreviations (folded key) → accented expansion. Applied to documents and questions alike. */
const ABBREVIATIONS: Record<string, string> = {
  ubnd: 'ủy ban nhân dân',
  hdnd: 'hội đồng nhân dân',
  nd: 'nghị định',
  qd: 'quy định',
  kl: 'kết luận',
  cbccvc: 'cán bộ công chức viên chức',
  cbcc: 'cán bộ công chức',
  ccvc: 'công chức viên chức',
  cb: 'cán bộ',
  cc: 'công chức',
  vc: 'viên chức',
  nv: 'nội vụ',
  snv: 'sở nội vụ',
  bnv: 'bộ nội vụ',
  dmst: 'đổi mới sáng tạo',
  cds: 'chuyển đổi số',
  cntt: 'công nghệ thông tin',
  khcn: 'khoa học công nghệ',
  tthc: 'thủ tục hành chính',
  cchc: 'cải cách hành chính',
  ttg: 'thủ tướng',
  cp: 'chính phủ',
  gd: 'giám đốc',
  pgd: 'phó giám đốc',
  bct: 'bộ chính trị',
  tw: 'trung ương',
  dx: 'đề xuất',
  kh: 'kế hoạch',
  cv: 'công văn',
  ndd: 'người đứng đầu',
  qppl: 'quy phạm pháp luật',
  vbqppl: 'văn bản quy phạm pháp luật',
  // Spellings people type instead of the official ones, and chat shorthand (Zalo).
  uy: 'ủy',
  ko: 'không',
  hok: 'không',
  dc: 'được',
  ntn: 'như thế nào',
  bn: 'bao nhiêu',
  bc: 'báo cáo',
  bv: 'bảo vệ',
  kk: 'khuyến khích',
  nlth: 'nâng lương trước thời hạn',
  // English words officials mix into chat ("deadline xét plan", "scope của decree 73"): none is a Vietnamese syllable.
  decree: 'nghị định',
  regulation: 'quy định',
  conclusion: 'kết luận',
  politburo: 'bộ chính trị',
  proposal: 'đề xuất',
  idea: 'ý tưởng',
  innovation: 'đổi mới',
  plan: 'kế hoạch',
  stop: 'dừng',
  benefit: 'quyền lợi',
  benefits: 'quyền lợi',
  dynamic: 'năng động',
  creative: 'sáng tạo',
  officer: 'cán bộ',
  officers: 'cán bộ',
  staff: 'cán bộ',
  meaning: 'khái niệm',
  flow: 'quy trình',
  workflow: 'quy trình',
  process: 'quy trình',
  scope: 'phạm vi',
  deadline: 'thời hạn',
  approve: 'phê duyệt',
  approved: 'phê duyệt',
  vote: 'biểu quyết',
  protect: 'bảo vệ',
  protection: 'bảo vệ',
  reward: 'khen thưởng',
  leader: 'lãnh đạo',
  leaders: 'lãnh đạo',
  manager: 'quản lý',
  managers: 'quản lý',
  training: 'đào tạo bồi dưỡng',
  report: 'báo cáo',
  summary: 'tóm tắt',
};

/**
 * Multi-word synonyms (folded phrase → accented phrase appended to a question). A third element `false`
 * marks a synonym of generic words ("áp dụng đối với", a manager's title): it helps ranking but does not by
 * itself put a question in the pack's scope ("phụ cấp … áp dụng đối với ai" stays out).
 */
const SYNONYMS: Array<[RegExp, string, false?]> = [
  [/\bthu truong\b/, 'người đứng đầu'],
  // Not their deputies: "phó chủ tịch UBND xã" is a deputy who votes (or not), not the head.
  [/(?<!pho )\bgiam doc so\b|(?<!pho )\bchu tich (xa|phuong|ubnd|uy ban)/, 'người đứng đầu'],
  [/\b(bao lau|may ngay|bao nhieu ngay|han chot|thoi gian bao nhieu|trong bao lau)\b/, 'thời hạn ngày'],
  // "Is it overdue": a question about the time limit.
  [/\b(qua han|tre han|cham xem xet)\b/, 'thời hạn ngày'],
  // A proposal against a higher body's documents: the principles on authority (Art. 4.2).
  [/\b(trai voi|trai (luat|thong tu|nghi dinh|nghi quyet|quy dinh)|vuot tham quyen)\b/, 'nguyên tắc thẩm quyền'],
  // Not "trình bày" (to set out), which asks what a plan contains.
  [/\b(nop|chuyen|trinh(?! bay))\b/, 'gửi'],
  [/\b(trinh bay|viet nhung gi|gom nhung (gi|phan gi|muc gi))\b/, 'nội dung'],
  [/\b(that bai|khong thanh cong|khong dat)\b/, 'không hoàn thành'],
  // A proposal that succeeded is one "assessed as completed" (Art. 10, 11.1).
  [/(?<!khong )\bthanh cong\b/, 'hoàn thành'],
  [/\b(ky luat|xu ly|truy cuu)\b/, 'trách nhiệm'],
  [/\b(cap pho|pho giam doc|pho chu tich|pho thu truong)\b/, 'cấp phó'],
  [/\b(bo phieu|phieu)\b/, 'biểu quyết'],
  [/\b(qua ban|hon mot nua)\b/, 'trên 50'],
  [/\b(thuong|tuyen duong)\b/, 'khen thưởng'],
  [/\b(y tuong|sang kien doi moi|thi diem|lam thu)\b/, 'đề xuất'],
  [/\b(tri tue nhan tao)\b/, 'ai'],
  [/\b(cam|nghiem cam)\b/, 'nghiêm cấm'],
  // "Không" is a stopword: "không được làm" would keep only "làm".
  [/\b(khong duoc lam|khong duoc phep)\b/, 'nghiêm cấm hành vi', false],
  [/\b(ai duoc ap dung|ap dung cho ai|doi tuong)\b/, 'đối tượng áp dụng'],
  [/\b(ap dung (cho|doi voi)|thuoc dien)\b/, 'đối tượng áp dụng', false],
  // Middle managers' titles: the decree covers "lãnh đạo, quản lý" (Art. 2).
  [
    /\b(truong phong|pho phong|truong ban|pho truong ban|hieu truong|pho hieu truong|truong khoa|chanh van phong)\b/,
    'lãnh đạo quản lý',
    false,
  ],
  [/\b(luong som|nang luong)\b/, 'nâng bậc lương trước thời hạn'],
  [/\b(tac gia|nguoi khoi xuong)\b/, 'người đề xuất'],
  [/\b(mat du lieu|ton that|hu hong|that thoat|mat mat|lang phi)\b/, 'thiệt hại'],
  // Added for issue 17 (probe 3 of the dev set): everyday words for the decree's terms.
  [/\b(cong ty|tap doan|tong cong ty)\b/, 'doanh nghiệp', false],
  [/\b(nam von|von nha nuoc|von cua nha nuoc)\b/, 'người đại diện phần vốn nhà nước'],
  // The head deciding against the collective's vote (Art. 8.1).
  [
    // Whoever the vote is named by ("đa số tập thể không tán thành"), in any of these words.
    /\b(tu quyet|trai y kien tap the|trai y tap the|tap the (phan doi|bac))\b|\b(tap the|da so)\b[a-z ]{0,20}\b(khong|ko|chua) (dong y|tan thanh|thong qua|ung ho)\b/,
    'tập thể lãnh đạo không thông qua người đứng đầu quyết định',
  ],
  // "What does one get": the encouragement measures (Art. 10).
  [/\b(nhung quyen loi gi|quyen loi gi|duoc huong|duoc nhung gi|loi ich gi|che do gi)\b/, 'chế độ khuyến khích được hưởng', false],
  // "How must a proposal be to …": its conditions (Art. 5).
  [/\b(the nao thi duoc|nhu the nao thi duoc|ra sao thi duoc|phai (dap ung|thoa man)|can (dap ung|thoa man))\b/, 'điều kiện'],
  [/\b(kenh|hinh thuc) (nao|gi)\b/, 'phương tiện thông tin'],
  [/\b(nhung viec gi|viec gi|lam nhung gi|nhung viec nao)\b/, 'nhiệm vụ', false],
  [/\b(lien quan gi|co lien quan)\b/, 'áp dụng', false],
  // "Who approves": the head who considers and decides (Art. 7.3).
  [/\b(ai (phe |xet )?duyet)\b/, 'xem xét quyết định', false],
];

/** Question words and particles that carry no topic (folded). */
export const STOPWORDS = new Set(
  (
    'la gi thi sao co duoc khong nhu the nao ai cua va cac nhung cho ve theo trong hoi toi em anh chi a ' +
    'voi nay do mot den khi phai se da dang neu vay nhe oi ha u minh nguoi ay kia nhi chua roi cung hay hoac ' +
    'luc dau o tai ra vao len xuong lai them moi con nua bi boi vi tren duoi sau truoc ' +
    // Chat particles and forms of address (Zalo): "a/e", "ad", "mn", "j" (gì), "k" (không), "nha".
    'e ad ae mn j k nha'
  ).split(' '),
);
// Words kept although they look like particles: they carry meaning in this domain.
for (const keep of ['nguoi', 'sau', 'truoc', 'tren']) STOPWORDS.delete(keep);

export interface Analysis {
  /** Folded syllables in order (abbreviations expanded, numbers normalised). */
  folded: string[];
  /** The same syllables with their diacritics. */
  accented: string[];
}

function normalizeNumber(token: string): string {
  return /^\d+$/.test(token) ? String(Number(token)) : token;
}

/**
 * Splits text into syllables. "73/2023/NĐ-CP" → 73 2023 nghị định chính phủ; "ND73" → nghị định 73;
 * "đ8" / "k1" stay as they are for the citation parser but are split here into "điều 8" / "khoản 1".
 */
export function analyze(text: string): Analysis {
  const norm = normalizeText(text).replace(/(\d)[.,](\d{3})\b/g, '$1$2');
  const raw = norm.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const folded: string[] = [];
  const accented: string[] = [];
  const push = (acc: string) => {
    for (const part of acc.split(' ')) {
      if (!part) continue;
      accented.push(part);
      folded.push(foldDiacritics(part));
    }
  };
  for (const token of raw) {
    let m: RegExpExecArray | null;
    const f = foldDiacritics(token);
    if ((m = /^([a-z]+)(\d+[a-z]?)$/.exec(f)) && m[1].length <= 6) {
      // nd73, qd32, d8, k1
      const head = m[1] === 'd' ? 'điều' : m[1] === 'k' ? 'khoản' : (ABBREVIATIONS[m[1]] ?? token.slice(0, m[1].length));
      push(head);
      push(normalizeNumber(m[2]));
      continue;
    }
    // Only plain-letter tokens are abbreviations ("nđ" and "qđ" included): "từ" is not "TU".
    if (ABBREVIATIONS[f] && token.length <= 6 && token.replace(/đ/g, 'd') === f) {
      push(ABBREVIATIONS[f]);
      continue;
    }
    push(normalizeNumber(token));
  }
  return { folded, accented };
}

/** Extra accented phrases a question implies (synonyms), to be analysed and added to it. */
export function synonymExpansion(foldedText: string, scopeOnly = false): string {
  const extra: string[] = [];
  for (const [re, phrase, scope] of SYNONYMS) if (re.test(foldedText) && !(scopeOnly && scope === false)) extra.push(phrase);
  return extra.join(' ');
}

export function bigrams(tokens: string[], skip?: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (skip && skip.has(tokens[i]) && skip.has(tokens[i + 1])) continue;
    out.push(`${tokens[i]}_${tokens[i + 1]}`);
  }
  return out;
}

/** Optimal string alignment distance, bounded: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[cols - 1];
}
