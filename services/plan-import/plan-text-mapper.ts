// A plan written as a document or a long message → the raw text of each Art. 7.2 field, by its headings
// ("a)", "Sự cần thiết", "2. Nội dung, nhiệm vụ, giải pháp", "Kinh phí: …"), with or without diacritics.
// Nothing here validates: the wizard's own step rules judge each value (dialogs/plan-import-check.ts).
import { foldDiacritics } from '../text/vietnamese.js';
import { extractMilestones, extractPeriod, extractFunding } from './plan-text-parts.js';

export type ImportKey =
  | 'title'
  | 'field'
  | 'necessity'
  | 'purpose'
  | 'requirements'
  | 'bottleneck'
  | 'uncoveredDocuments'
  | 'content'
  | 'scope'
  | 'implementers'
  | 'startDate'
  | 'endDate'
  | 'milestones'
  | 'resourcesPeople'
  | 'fundingAmount'
  | 'fundingSource'
  | 'equipment'
  | 'feasibility'
  | 'positiveImpacts'
  | 'negativeImpacts'
  | 'expectedResults'
  | 'c1'
  | 'c2'
  | 'c3'
  | 'c4';

export type ImportedFields = Partial<Record<ImportKey, string>>;

/** Blocks whose text is split further after reading: a timeline, the funding line, Art. 5's self-check … */
type Block = 'a' | 'b' | 'c' | 'timeline' | 'resources' | 'funding' | 'impacts' | 'selfcheck';
type Target = ImportKey | Block;

/** Heading words (folded) → what the text under them fills. The longest phrase that starts a heading wins. */
const PHRASES: [string, Target][] = (
  [
    ['ten de xuat', 'title'],
    ['ten sang kien', 'title'],
    ['ten ke hoach', 'title'],
    ['ten y tuong', 'title'],
    ['ten goi', 'title'],
    ['tieu de', 'title'],
    ['linh vuc', 'field'],
    ['su can thiet', 'necessity'],
    ['can thiet', 'necessity'],
    ['ly do', 'necessity'],
    ['thuc trang', 'necessity'],
    ['boi canh', 'necessity'],
    ['muc dich', 'purpose'],
    ['muc tieu', 'purpose'],
    ['yeu cau', 'requirements'],
    ['diem nghen', 'bottleneck'],
    ['vuong mac', 'bottleneck'],
    ['kho khan vuong mac', 'bottleneck'],
    ['van ban hien hanh', 'uncoveredDocuments'],
    ['van ban chua', 'uncoveredDocuments'],
    ['co so phap ly', 'uncoveredDocuments'],
    ['noi dung', 'content'],
    ['nhiem vu', 'content'],
    ['giai phap', 'content'],
    ['cac giai phap', 'content'],
    ['pham vi', 'scope'],
    ['doi tuong ap dung', 'scope'],
    ['nguoi thuc hien', 'implementers'],
    ['to chuc thuc hien', 'implementers'],
    ['don vi thuc hien', 'implementers'],
    ['phan cong', 'implementers'],
    ['thoi gian', 'timeline'],
    ['tien do', 'timeline'],
    ['lo trinh', 'timeline'],
    ['ke hoach thuc hien', 'timeline'],
    ['cac moc', 'timeline'],
    ['moc thuc hien', 'timeline'],
    ['nguon luc', 'resources'],
    ['dieu kien bao dam', 'resources'],
    ['nhan luc', 'resourcesPeople'],
    ['nhan su', 'resourcesPeople'],
    ['kinh phi', 'funding'],
    ['du toan', 'funding'],
    ['nguon kinh phi', 'fundingSource'],
    ['trang thiet bi', 'equipment'],
    ['thiet bi', 'equipment'],
    ['co so vat chat', 'equipment'],
    ['tinh kha thi', 'feasibility'],
    ['kha thi', 'feasibility'],
    ['tac dong', 'impacts'],
    ['tac dong tich cuc', 'positiveImpacts'],
    ['tich cuc', 'positiveImpacts'],
    ['tac dong tieu cuc', 'negativeImpacts'],
    ['tieu cuc', 'negativeImpacts'],
    ['rui ro', 'negativeImpacts'],
    ['ket qua', 'expectedResults'],
    ['ket qua du kien', 'expectedResults'],
    ['hieu qua', 'expectedResults'],
    ['tu danh gia', 'selfcheck'],
    ['tu kiem tra', 'selfcheck'],
    ['doi chieu dieu kien', 'selfcheck'],
  ] as [string, Target][]
).sort((x, y) => y[0].length - x[0].length);

/** Words a heading may be made of besides its phrase ("Mục đích, yêu cầu của đề xuất"): a sentence is not a heading. */
const HEADING_WORDS = new Set([
  ...PHRASES.flatMap(([p]) => p.split(' ')),
  ...'va cua de xuat ke hoach doi moi sang tao thuc hien du kien ve co che chinh sach cac nhung chinh dat duoc mong doi can phai theo dieu 5 nghi dinh 73 phan muc hien tai dat ra'.split(
    ' ',
  ),
]);

const LETTER_BLOCK: Record<string, Block> = { a: 'a', b: 'b', c: 'c' };

// "a)", "1.", "1.2.", "II.", "(3)", "-", "•" before a heading.
const NUMBERING = /^(?:(?:phan|muc)\s+)?(?:\(?([a-d])\)|([a-d])\.(?=\s)|\(?[ivx]{1,4}[.)]|\(?\d{1,2}(?:\.\d{1,2})*[.)]?(?=\s)|[-–•+*])\s*/;

interface Heading {
  target: Target;
  /** Text on the heading's own line, after the colon. */
  inline: string;
}

/** The heading a line is, if it is one. `folded` has the same length as `line`. */
function headingOf(line: string, folded: string): Heading | undefined {
  const numbered = NUMBERING.exec(folded);
  const letter = numbered?.[1] ?? numbered?.[2];
  const start = numbered ? numbered[0].length : 0;
  const rest = folded.slice(start);
  const colon = rest.search(/[:：]/);
  const label = (colon >= 0 ? rest.slice(0, colon) : rest).replace(/[.;,()/–-]+/g, ' ').trim();
  const inline = colon >= 0 ? line.slice(start + colon + 1).trim() : '';
  if (!label && letter && !inline) return { target: LETTER_BLOCK[letter] ?? 'a', inline: '' };
  const words = label.split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 16 || !words.every((w) => HEADING_WORDS.has(w))) return undefined;
  const found = PHRASES.find(([p]) => label === p || label.startsWith(`${p} `));
  if (found) return { target: found[0] === 'noi dung' && letter === 'b' ? 'b' : found[1], inline };
  if (letter && LETTER_BLOCK[letter]) return { target: LETTER_BLOCK[letter], inline };
  return undefined;
}

/** Administrative lines at the top of an official document: not the plan's title. */
const ADMIN_LINE =
  /^(cong hoa xa hoi|doc lap|ubnd|uy ban|so |so:|dang cong san|tinh uy|huyen uy|kinh gui|can cu|noi nhan|.*, ngay \d|.*, \d{1,2}\/\d{1,2}\/\d{4}$|ke hoach$|ke hoach de xuat( doi moi)?(,? sang tao)?$|[-_=. ]+$)/;

/** "ngày 1 tháng 3 năm 2027" → "1/3/2027", as the date rules read it. */
function normaliseDates(text: string): string {
  return text.replace(/(?:ngày|ngay)\s+(\d{1,2})\s+(?:tháng|thang)\s+(\d{1,2})\s+(?:năm|nam)\s+(\d{4})/gi, '$1/$2/$3');
}

export interface MappedPlan {
  fields: ImportedFields;
  /** How many headings of the plan were found (a document with fewer is not a plan). */
  headings: number;
  /** The title is the first line of the text, not a labelled one. */
  guessedTitle: boolean;
}

export function mapPlanText(input: string): MappedPlan {
  const lines = normaliseDates(input.normalize('NFC'))
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim());
  const parts = new Map<Target, string[]>();
  const add = (target: Target, text: string) => {
    if (!text) return;
    const list = parts.get(target) ?? [];
    list.push(text);
    parts.set(target, list);
  };
  let current: Target | undefined;
  let headings = 0;
  let titleCandidate: string | undefined;
  for (const line of lines) {
    if (!line) continue;
    const folded = foldDiacritics(line.toLocaleLowerCase('vi'));
    const heading = headingOf(line, folded);
    if (heading) {
      headings++;
      current = heading.target;
      add(current, heading.inline);
      continue;
    }
    if (/^(?:v\/v|ve viec)\s*[:.]?\s*/.test(folded) && !parts.has('title')) {
      add('title', line.replace(/^(?:v\/v|về việc|ve viec)\s*[:.]?\s*/i, ''));
      continue;
    }
    if (current) add(current, line);
    else if (!titleCandidate && line.length >= 10 && line.length <= 300 && !ADMIN_LINE.test(folded)) titleCandidate = line;
  }
  const fields: ImportedFields = {};
  const text = (t: Target) => (parts.get(t) ?? []).join('\n').trim();
  for (const [target, list] of parts) {
    if (list.length && !isBlock(target)) fields[target] = list.join('\n').trim();
  }
  const guessedTitle = !fields.title && !!titleCandidate;
  if (guessedTitle) fields.title = titleCandidate;
  if (fields.title) fields.title = fields.title.split('\n')[0].replace(/^["“«]|["”»]$/g, '');
  // Letter blocks without sub-headings: (a) is the necessity, (b) the content, (c) the impacts.
  fields.necessity ??= text('a') || undefined;
  fields.content ??= text('b') || undefined;
  const impacts = [text('c'), text('impacts')].filter(Boolean).join('\n');
  if (impacts) fields.positiveImpacts ??= impacts;

  const timeline = text('timeline') || text('b');
  const period = extractPeriod(timeline);
  if (period.start) fields.startDate ??= period.start;
  if (period.end) fields.endDate ??= period.end;
  const milestones = extractMilestones(timeline);
  if (milestones) fields.milestones ??= milestones;

  const funding = extractFunding([text('funding'), text('resources')].filter(Boolean).join('\n'));
  if (funding.amount) fields.fundingAmount ??= funding.amount;
  if (funding.source) fields.fundingSource ??= funding.source;

  Object.assign(fields, conditionsOf(lines, parts.get('selfcheck') ?? []));
  for (const key of Object.keys(fields) as ImportKey[]) if (!fields[key]) delete fields[key];
  return { fields, headings, guessedTitle };
}

function isBlock(target: Target): target is Block {
  return ['a', 'b', 'c', 'timeline', 'resources', 'funding', 'impacts', 'selfcheck'].includes(target);
}

/** Art. 5's self-check: "Điều kiện 2: Có, vì …" anywhere, or "Có/Không …" lines in order under its heading. */
function conditionsOf(lines: string[], selfcheck: string[]): ImportedFields {
  const out: ImportedFields = {};
  for (const line of lines) {
    const m = /^(?:[-•+*]\s*)?dieu kien\s*(?:thu\s*)?([1-4])\b[^:.]*[:.)\-–]\s*(.+)$/.exec(foldDiacritics(line.toLocaleLowerCase('vi')));
    if (m) out[`c${m[1]}` as ImportKey] = line.slice(line.length - m[2].length).trim();
  }
  let next = 1;
  for (const line of selfcheck) {
    const folded = foldDiacritics(line.toLocaleLowerCase('vi'));
    const m = /^(?:(?:[-•+*]|\(?[1-4][.)])\s*)?(?=(?:co|khong|chua|dap ung)\b)/.exec(folded);
    if (!m || /^dieu kien/.test(folded)) continue;
    while (next <= 4 && out[`c${next}` as ImportKey]) next++;
    if (next > 4) break;
    out[`c${next}` as ImportKey] = line.slice(m[0].length).trim();
  }
  return out;
}
