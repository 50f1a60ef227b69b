// The rules of the plan (Decree 73, Art. 7.2) for every way of filling it: the step-by-step wizard, the
// single Teams card and the final check before submission all use these functions, so an answer accepted
// in one is accepted in the others. Messages are Vietnamese and say exactly what is wrong.
import type { ConditionCheck, PlanMilestone, ProposalPlan } from '../../entities/proposal.entity.js';
import { compareLocalDates, formatDateVN, parseLocalDate, todayVN } from '../calendar/local-date.js';
import { foldKey } from '../text/vietnamese.js';
import type { FieldOption } from '../workflow/workflow-config.js';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): ValidationResult<T> => ({ ok: true, value });
const fail = <T>(error: string): ValidationResult<T> => ({ ok: false, error });

export const MAX_FUNDING_DONG = 1_000_000_000_000n; // 1.000 tỷ: anything above is a typo

// ---------------------------------------------------------------------------------------------------
// Text

export interface TextBounds {
  min: number;
  max: number;
}

/** Trims and checks the length (in characters, after collapsing spaces at the ends). */
export function validateText(input: string, bounds: TextBounds, label: string): ValidationResult<string> {
  const text = input.normalize('NFC').trim();
  if (!text) return fail(`${label} không được để trống.`);
  const length = [...text].length;
  if (length < bounds.min) return fail(`${label} quá ngắn (${length} ký tự); cần ít nhất ${bounds.min} ký tự.`);
  if (length > bounds.max) return fail(`${label} quá dài (${length} ký tự); tối đa ${bounds.max} ký tự.`);
  return ok(text);
}

// ---------------------------------------------------------------------------------------------------
// Money

const UNITS: [RegExp, bigint][] = [
  [/^(ty|ti)$/, 1_000_000_000n],
  [/^(trieu|tr|m)$/, 1_000_000n],
  [/^(nghin|ngan|k)$/, 1_000n],
  [/^(dong|d|vnd|vnđ)$/, 1n],
];

const NO_FUNDING = new Set([
  '0',
  'khong',
  'khong co',
  'khong can',
  'khong de nghi',
  'khong de nghi kinh phi',
  'khong can kinh phi',
  'khong co kinh phi',
]);

/**
 * Parses a Vietnamese money amount into đồng (bigint): "150 triệu", "1,2 tỷ", "150.000.000 đ", "150tr",
 * "2 tỷ 500 triệu", "0" / "không" (no funding). Decimals use ',' (Vietnamese) or '.' followed by 1–2
 * digits before a unit ("1.5 tỷ"); '.' or ' ' between groups of three digits are thousands separators.
 */
export function parseMoney(input: string): ValidationResult<bigint> {
  const folded = foldKey(input)
    .replace(/(\d|[a-z])\s*(?:d|dong|vnd)\.?$/, '$1')
    .trim();
  if (!folded) return fail('Số tiền không được để trống.');
  if (NO_FUNDING.has(folded.replace(/[.!]+$/, ''))) return ok(0n);
  // (number, unit) pairs: "2 ty 500 trieu", "150tr", "150.000.000 dong", "150 000 000".
  const bad = fail<bigint>(`Không hiểu số tiền “${input.trim()}”. Ví dụ cách ghi: 150 triệu, 1,2 tỷ, 150.000.000 đ.`);
  const matches = [...folded.matchAll(/(\d+(?:[.,]\d+)*(?: \d{3})*)\s*([a-z]*)/g)];
  if (!matches.length) return bad;
  if (folded.replace(/(\d+(?:[.,]\d+)*(?: \d{3})*)\s*([a-z]*)/g, '').trim() !== '') return bad;
  let total = 0n;
  let lastUnit: bigint | undefined;
  for (const [i, m] of matches.entries()) {
    const unitWord = m[2];
    const unit = unitWord ? UNITS.find(([r]) => r.test(unitWord)) : undefined;
    if (unitWord && !unit) return bad;
    const multiplier = unit ? unit[1] : 1n;
    // A bare number or đồng must be the last part ("2 tỷ 500 triệu", not "150 triệu 5").
    if (multiplier === 1n && i !== matches.length - 1) return bad;
    if (multiplier === 1n && i > 0 && !unitWord) return bad;
    if (lastUnit !== undefined && multiplier >= lastUnit) {
      return fail(`Không hiểu số tiền “${input.trim()}”: các đơn vị phải theo thứ tự tỷ, triệu, nghìn.`);
    }
    lastUnit = multiplier;
    const amount = parseNumberPart(m[1].trim(), multiplier);
    if (amount === null) return bad;
    total += amount;
  }
  if (total > MAX_FUNDING_DONG) return fail('Số tiền quá lớn (trên 1.000 tỷ đồng); anh/chị kiểm tra lại số chữ số.');
  return ok(total);
}

function parseNumberPart(raw: string, multiplier: bigint): bigint | null {
  const s = raw.replace(/\s+/g, ' ');
  // Thousands groups: 150.000.000 / 150,000,000 / 150 000 000
  if (/^\d{1,3}([. ]\d{3})+$/.test(s) || (multiplier === 1n && /^\d{1,3}(,\d{3})+$/.test(s))) {
    return BigInt(s.replace(/[., ]/g, '')) * multiplier;
  }
  if (/^\d+$/.test(s)) return BigInt(s) * multiplier;
  // Decimal with a unit: 1,2 tỷ / 1.5 tỷ / 2,75 triệu
  const dec = /^(\d+)[.,](\d{1,3})$/.exec(s);
  if (dec && multiplier > 1n) {
    const scale = 10n ** BigInt(dec[2].length);
    const value = BigInt(dec[1]) * scale + BigInt(dec[2]);
    if ((value * multiplier) % scale !== 0n) return null;
    return (value * multiplier) / scale;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Dates

/** A date in dd/mm/yyyy (or YYYY-MM-DD, as Teams' date input sends it), not before today. */
export function validateDate(
  input: string,
  label: string,
  options: { notBefore?: string; notBeforeLabel?: string; today?: string } = {},
): ValidationResult<string> {
  const text = input.trim();
  if (!text) return fail(`${label} không được để trống.`);
  const date = parseLocalDate(text);
  if (!date) {
    return fail(
      /^\d{1,2}[/.-]\d{1,2}$/.test(text)
        ? `${label} “${text}” thiếu năm; anh/chị ghi đủ ngày/tháng/năm, ví dụ 15/01/2027.`
        : `${label} “${text}” không phải một ngày hợp lệ; anh/chị ghi theo dạng ngày/tháng/năm, ví dụ 15/01/2027.`,
    );
  }
  const today = options.today ?? todayVN();
  if (compareLocalDates(date, today) < 0)
    return fail(`${label} ${formatDateVN(date)} đã qua; anh/chị ghi một ngày từ hôm nay (${formatDateVN(today)}) trở đi.`);
  if (options.notBefore && compareLocalDates(date, options.notBefore) <= 0) {
    return fail(
      `${label} ${formatDateVN(date)} phải sau ${options.notBeforeLabel ?? 'ngày bắt đầu'} (${formatDateVN(options.notBefore)}).`,
    );
  }
  return ok(date);
}

/** Milestones, one per line: "30/06/2027: hoàn thành thử nghiệm". */
export function parseMilestones(input: string, range: { start?: string; end?: string } = {}): ValidationResult<PlanMilestone[]> {
  const lines = input
    .split(/\r?\n|;/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return fail('Anh/chị chưa ghi mốc nào.');
  if (lines.length > 20) return fail('Tối đa 20 mốc thực hiện.');
  const out: PlanMilestone[] = [];
  for (const [i, line] of lines.entries()) {
    const m = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*[:\-–]\s*(.+)$/.exec(line);
    if (!m)
      return fail(
        `Mốc thứ ${i + 1} (“${line}”) chưa đúng dạng “ngày/tháng/năm: việc cần xong”, ví dụ “30/06/2027: hoàn thành thử nghiệm”.`,
      );
    const date = parseLocalDate(m[1]);
    if (!date) return fail(`Mốc thứ ${i + 1}: “${m[1]}” không phải một ngày hợp lệ.`);
    if (range.start && compareLocalDates(date, range.start) < 0)
      return fail(`Mốc thứ ${i + 1} (${formatDateVN(date)}) ở trước ngày bắt đầu ${formatDateVN(range.start)}.`);
    if (range.end && compareLocalDates(date, range.end) > 0)
      return fail(`Mốc thứ ${i + 1} (${formatDateVN(date)}) ở sau ngày kết thúc ${formatDateVN(range.end)}.`);
    const description = validateText(m[2], { min: 3, max: 300 }, `Nội dung mốc thứ ${i + 1}`);
    if (!description.ok) return fail(description.error);
    out.push({ date, description: description.value });
  }
  return ok(out);
}

export function formatMilestones(milestones: PlanMilestone[] | undefined): string {
  return (milestones ?? []).map((m) => `${formatDateVN(m.date)}: ${m.description}`).join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Choices

export function matchField(input: string, fields: readonly FieldOption[]): ValidationResult<string> {
  const key = foldKey(input).replace(/[.!]+$/, '');
  if (!key) return fail('Anh/chị chưa chọn lĩnh vực.');
  const n = Number(key);
  if (Number.isInteger(n) && n >= 1 && n <= fields.length) return ok(fields[n - 1].code);
  const exact = fields.find((f) => f.code === key || foldKey(f.label) === key || foldKey(f.label).replace(/ – /g, ' ') === key);
  if (exact) return ok(exact.code);
  const partial = fields.filter((f) => foldKey(f.label).includes(key));
  if (partial.length === 1) return ok(partial[0].code);
  return fail(`Không có lĩnh vực “${input.trim()}”. Anh/chị chọn số thứ tự hoặc tên một lĩnh vực trong danh sách.`);
}

/** "Có, vì ..." / "Không - ..." → a condition check; the reason is required (one line). */
export function parseCondition(input: string): ValidationResult<ConditionCheck> {
  const text = input.normalize('NFC').trim();
  const folded = foldKey(text);
  const m = /^(co|dung|dap ung|yes|khong|chua|no)\b[\s,.:;\-–]*/.exec(folded);
  if (!m)
    return fail(
      'Anh/chị trả lời bắt đầu bằng “Có” hoặc “Không”, rồi ghi một dòng lý do, ví dụ: “Có, vì thủ tục hiện nay chưa có quy định cho hồ sơ điện tử”.',
    );
  const met = !['khong', 'chua', 'no'].includes(m[1]);
  // Cut the same number of characters from the original text (folding keeps the length for Vietnamese letters).
  const reason = text
    .slice(m[0].length)
    .replace(/^(vì|vi|do|bởi vì)\s+/i, (s) => s)
    .trim();
  return parseConditionParts(met, reason);
}

export function parseConditionParts(met: boolean, reasonInput: string): ValidationResult<ConditionCheck> {
  const reason = validateText(reasonInput, { min: 5, max: 300 }, 'Lý do');
  if (!reason.ok) return fail(`${reason.error} Anh/chị ghi một dòng lý do sau “Có” hoặc “Không”.`);
  if (/\r?\n/.test(reason.value)) return fail('Lý do chỉ cần một dòng.');
  return ok({ met, reason: reason.value });
}

// ---------------------------------------------------------------------------------------------------
// The whole plan

export interface PlanFieldRule {
  key: Exclude<
    keyof ProposalPlan,
    'conditions' | 'milestones' | 'startDate' | 'endDate' | 'fundingAmount' | 'field' | 'nameInLibrary' | 'source' | 'joinWith'
  >;
  label: string;
  required: boolean;
  bounds: TextBounds;
}

/** The free-text fields of the plan with their bounds. */
export const TEXT_RULES: PlanFieldRule[] = [
  { key: 'title', label: 'Tên đề xuất', required: true, bounds: { min: 10, max: 300 } },
  { key: 'necessity', label: 'Sự cần thiết', required: true, bounds: { min: 30, max: 5000 } },
  // Art. 7.2(a) (verified): why, its purpose and requirements, the bottleneck.
  { key: 'purpose', label: 'Mục đích', required: true, bounds: { min: 10, max: 3000 } },
  { key: 'requirements', label: 'Yêu cầu', required: true, bounds: { min: 10, max: 3000 } },
  { key: 'bottleneck', label: 'Điểm nghẽn về cơ chế, chính sách', required: true, bounds: { min: 20, max: 3000 } },
  { key: 'uncoveredDocuments', label: 'Văn bản hiện hành chưa điều chỉnh', required: false, bounds: { min: 5, max: 2000 } },
  { key: 'content', label: 'Nội dung, nhiệm vụ, giải pháp', required: true, bounds: { min: 30, max: 8000 } },
  { key: 'scope', label: 'Phạm vi thực hiện', required: true, bounds: { min: 5, max: 1000 } },
  { key: 'implementers', label: 'Người thực hiện', required: true, bounds: { min: 5, max: 1000 } },
  { key: 'resourcesPeople', label: 'Nhân lực', required: false, bounds: { min: 3, max: 1000 } },
  { key: 'fundingSource', label: 'Nguồn kinh phí', required: false, bounds: { min: 3, max: 500 } },
  { key: 'equipment', label: 'Trang thiết bị', required: false, bounds: { min: 3, max: 1000 } },
  { key: 'feasibility', label: 'Tính khả thi', required: true, bounds: { min: 20, max: 3000 } },
  { key: 'positiveImpacts', label: 'Tác động tích cực', required: false, bounds: { min: 10, max: 3000 } },
  { key: 'negativeImpacts', label: 'Tác động tiêu cực', required: false, bounds: { min: 5, max: 3000 } },
  { key: 'expectedResults', label: 'Kết quả dự kiến', required: true, bounds: { min: 20, max: 3000 } },
];

export function textRule(key: PlanFieldRule['key']): PlanFieldRule {
  return TEXT_RULES.find((r) => r.key === key)!;
}

export const CONDITION_KEYS = ['c1', 'c2', 'c3', 'c4'] as const;
export type ConditionKey = (typeof CONDITION_KEYS)[number];

export interface PlanProblem {
  key: string;
  message: string;
}

/**
 * Everything a plan needs before it can be submitted; `today` makes past dates an error.
 * Returns the problems in the order of the plan (empty when the plan is complete).
 */
export function checkPlanComplete(plan: ProposalPlan, fields: readonly FieldOption[], today = todayVN()): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const rule of TEXT_RULES) {
    const value = plan[rule.key];
    if (!value) {
      if (rule.required) problems.push({ key: rule.key, message: `${rule.label}: chưa điền.` });
      continue;
    }
    const r = validateText(value, rule.bounds, rule.label);
    if (!r.ok) problems.push({ key: rule.key, message: r.error });
    if (rule.key === 'title') {
      if (!plan.field) problems.push({ key: 'field', message: 'Lĩnh vực: chưa chọn.' });
      else if (!fields.some((f) => f.code === plan.field))
        problems.push({ key: 'field', message: 'Lĩnh vực: không còn trong danh sách, anh/chị chọn lại.' });
    }
  }
  if (!plan.startDate) problems.push({ key: 'startDate', message: 'Ngày bắt đầu: chưa điền.' });
  else {
    const r = validateDate(plan.startDate, 'Ngày bắt đầu', { today });
    if (!r.ok) problems.push({ key: 'startDate', message: r.error });
  }
  if (!plan.endDate) problems.push({ key: 'endDate', message: 'Ngày kết thúc: chưa điền.' });
  else {
    const r = validateDate(plan.endDate, 'Ngày kết thúc', { today, notBefore: plan.startDate });
    if (!r.ok) problems.push({ key: 'endDate', message: r.error });
  }
  if (plan.fundingAmount === undefined)
    problems.push({ key: 'fundingAmount', message: 'Kinh phí: chưa điền (ghi “không” nếu không đề nghị kinh phí).' });
  for (const [i, key] of CONDITION_KEYS.entries()) {
    if (!plan.conditions?.[key]) problems.push({ key, message: `Tự đánh giá điều kiện ${i + 1}: chưa trả lời.` });
  }
  return problems;
}
