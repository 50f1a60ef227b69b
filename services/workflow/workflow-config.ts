// The workflow configuration: one YAML (or JSON) file, validated with zod, every value defaulting to
// the rules of ../shared/domain/decree-73-facts.md so the bot starts without the file.
//
// Where the file is: loadWorkflowConfig(path) → that path; otherwise env WORKFLOW_CONFIG_FILE; otherwise
// config/workflow.yaml at the repository root, and when that default file does not exist, the built-in
// defaults. A named file (argument or env) that does not exist is an error. An invalid file is an error
// naming the file and each wrong key in Vietnamese. Unknown keys are rejected, so a typo cannot silently
// fall back to a default.
//
// Each key's legal basis and confidence (verified / secondary / unknown) is documented in
// config/workflow.yaml.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod/v4';
import { UNIT_KINDS, type UnitKind } from '../../entities/unit.entity.js';
import { OFFICER_ROLES, type OfficerRole } from '../../entities/officer.entity.js';
import { ANNOUNCED_CALENDAR_YEARS } from '../calendar/announced-days-off.js';
import { addCalendarDays, dayOfWeek, parseLocalDate, yearOf } from '../calendar/local-date.js';
import type { CalendarConfig, CalendarDayEntry } from '../calendar/working-days.js';
import { assetPath } from '../platform/paths.js';

export const DEFAULT_WORKFLOW_CONFIG_PATH = assetPath('config', 'workflow.yaml');

// ---------------------------------------------------------------------------------------------------
// Building blocks

const workingDays = (def: number, max = 365) =>
  z
    .number({ error: 'phải là một số nguyên (số ngày làm việc)' })
    .int({ error: 'phải là một số nguyên (số ngày làm việc)' })
    .min(1, { error: 'phải từ 1 ngày làm việc trở lên' })
    .max(max, { error: `không được quá ${max} ngày làm việc` })
    .default(def);

const text = (def: string) => z.string({ error: 'phải là một chuỗi văn bản' }).trim().min(1, { error: 'không được để trống' }).default(def);

const code = z
  .string({ error: 'phải là một chuỗi' })
  .regex(/^[a-z][a-z0-9_]*$/, { error: 'mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ' });

const confidence = z.enum(['verified', 'secondary', 'unknown'], {
  error: 'phải là verified, secondary hoặc unknown',
});

/** 'dd/mm' (a day of every year). */
const dayOfYear = z
  .string({ error: 'phải là ngày dạng dd/mm' })
  .regex(/^\d{1,2}\/\d{1,2}$/, { error: 'phải là ngày dạng dd/mm, ví dụ 01/11' })
  .refine(
    (s) => {
      const [d, m] = s.split('/').map(Number);
      return parseLocalDate(`${d}/${m}/2024`) !== null; // 2024: a leap year admits 29/02
    },
    { error: 'không phải một ngày có thật' },
  )
  .transform((s) => {
    const [d, m] = s.split('/').map(Number);
    return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}`;
  });

const localDate = z.string({ error: 'phải là ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy' }).transform((s, ctx) => {
  const d = parseLocalDate(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `“${s}” không phải ngày hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy)` });
    return z.NEVER;
  }
  return d;
});

/** A date or a range of dates, with an optional note; normalised to a list of single days. */
const calendarEntry = z.union(
  [
    localDate.transform((date) => [{ date }] as CalendarDayEntry[]),
    z
      .strictObject({ date: localDate, note: z.string().optional() })
      .transform((e) => [{ date: e.date, ...(e.note ? { note: e.note } : {}) }] as CalendarDayEntry[]),
    z
      .strictObject({ from: localDate, to: localDate, note: z.string().optional() })
      .check((c) => {
        if (c.value.to < c.value.from) {
          c.issues.push({ code: 'custom', message: '“to” phải sau hoặc bằng “from”', input: c.value, path: ['to'] });
        } else if (c.value.to > addCalendarDays(c.value.from, 31)) {
          c.issues.push({ code: 'custom', message: 'một khoảng ngày nghỉ không được dài quá 31 ngày', input: c.value, path: ['to'] });
        }
      })
      .transform((e) => {
        const out: CalendarDayEntry[] = [];
        for (let d = e.from; d <= e.to; d = addCalendarDays(d, 1)) out.push({ date: d, ...(e.note ? { note: e.note } : {}) });
        return out;
      }),
  ],
  { error: 'mỗi mục phải là một ngày (YYYY-MM-DD hoặc dd/mm/yyyy), {date, note} hoặc {from, to, note}' },
);

const calendarYear = z
  .strictObject({
    confirmed: z.boolean({ error: 'phải là true hoặc false' }).default(false),
    source: z.string().optional(),
    extraDaysOff: z.array(calendarEntry, { error: 'phải là một danh sách' }).default([]),
    workingDays: z.array(calendarEntry, { error: 'phải là một danh sách' }).default([]),
  })
  .transform((y) => ({
    confirmed: y.confirmed,
    ...(y.source ? { source: y.source } : {}),
    extraDaysOff: y.extraDaysOff.flat(),
    workingDays: y.workingDays.flat(),
  }));

const calendarSchema = z
  .strictObject({
    autoCompensationForUnconfiguredYears: z.boolean({ error: 'phải là true hoặc false' }).default(true),
    years: z
      .record(z.string().regex(/^\d{4}$/, { error: 'năm phải gồm 4 chữ số' }), calendarYear, {
        error: 'phải là bảng theo năm, ví dụ 2026: {...}',
      })
      .prefault(ANNOUNCED_CALENDAR_YEARS as never),
  })
  .check((c) => {
    for (const [year, yc] of Object.entries(c.value.years)) {
      const off = new Set<string>();
      yc.extraDaysOff.forEach((e, i) => {
        off.add(e.date);
        if (yearOf(e.date) !== Number(year)) {
          c.issues.push({
            code: 'custom',
            input: e.date,
            path: ['years', year, 'extraDaysOff', i],
            message: `ngày ${e.date} không thuộc năm ${year}`,
          });
        }
      });
      yc.workingDays.forEach((e, i) => {
        const p = ['years', year, 'workingDays', i];
        if (yearOf(e.date) !== Number(year)) {
          c.issues.push({ code: 'custom', input: e.date, path: p, message: `ngày ${e.date} không thuộc năm ${year}` });
        }
        const dow = dayOfWeek(e.date);
        if (dow !== 0 && dow !== 6) {
          c.issues.push({ code: 'custom', input: e.date, path: p, message: `ngày làm việc bù ${e.date} phải là thứ Bảy hoặc Chủ nhật` });
        }
        if (off.has(e.date)) {
          c.issues.push({ code: 'custom', input: e.date, path: p, message: `ngày ${e.date} vừa là ngày nghỉ vừa là ngày làm việc bù` });
        }
      });
    }
  });

const DEFAULT_FIELDS = [
  { code: 'cai_cach_hanh_chinh', label: 'Cải cách hành chính' },
  { code: 'chuyen_doi_so', label: 'Chuyển đổi số' },
  { code: 'khoa_hoc_cong_nghe', label: 'Khoa học và công nghệ' },
  { code: 'kinh_te_tai_chinh', label: 'Kinh tế – tài chính' },
  { code: 'y_te', label: 'Y tế' },
  { code: 'giao_duc_dao_tao', label: 'Giáo dục và đào tạo' },
  { code: 'nong_nghiep_moi_truong', label: 'Nông nghiệp và môi trường' },
  { code: 'van_hoa_xa_hoi', label: 'Văn hóa – xã hội' },
  { code: 'to_chuc_bo_may_nhan_su', label: 'Tổ chức bộ máy và nhân sự' },
  { code: 'khac', label: 'Khác' },
];

const DEFAULT_RECOGNITION_OPTIONS = [
  {
    code: 'bieu_duong',
    label: 'Biểu dương, khen ngợi kịp thời',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'de_nghi_khen_thuong',
    label: 'Đề nghị khen thưởng theo quy định của pháp luật về thi đua, khen thưởng',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'uu_tien_bo_nhiem_quy_hoach',
    label: 'Ưu tiên khi xem xét đánh giá, quy hoạch, bổ nhiệm, luân chuyển',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'uu_tien_nang_ngach',
    label: 'Được xem là thành tích nổi bật khi xét nâng ngạch, thăng hạng',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'nang_luong_truoc_han',
    label: 'Đề nghị nâng bậc lương trước thời hạn (tối đa 12 tháng)',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
];

const labelledList = <T extends z.ZodType>(item: T, def: z.input<T>[], what: string) =>
  z
    .array(item, { error: `phải là một danh sách ${what}` })
    .min(1, { error: `cần ít nhất một ${what}` })
    .check((c) => {
      const seen = new Set<string>();
      (c.value as { code: string }[]).forEach((v, i) => {
        if (seen.has(v.code)) c.issues.push({ code: 'custom', input: v.code, path: [i, 'code'], message: `mã “${v.code}” bị trùng` });
        seen.add(v.code);
      });
    })
    .prefault(def as never);

// ---------------------------------------------------------------------------------------------------
// The schema

export const workflowConfigSchema = z.strictObject({
  version: z.literal(1, { error: 'phiên bản cấu hình được hỗ trợ: 1' }).default(1),

  decision: z
    .strictObject({
      deadlineWorkingDays: workingDays(7),
      // Art. 4.3 (verified): before approving and before evaluating, the agency consults the same-level
      // Party committee. On by default and blocking; a province that switches it off names its basis.
      partyCommitteeConsultation: z
        .strictObject({
          required: z.boolean({ error: 'phải là true hoặc false' }).default(true),
          remindDecider: z.boolean({ error: 'phải là true hoặc false' }).default(true),
          beforeDecision: z.boolean({ error: 'phải là true hoặc false' }).default(true),
          beforeEvaluation: z.boolean({ error: 'phải là true hoặc false' }).default(true),
          confidence: confidence.default('verified'),
          basis: text('khoản 3 Điều 4 Nghị định số 73/2023/NĐ-CP'),
          switchedOffBasis: z.string({ error: 'phải là một chuỗi văn bản' }).trim().optional(),
        })
        .check((c) => {
          if (!c.value.required && !c.value.switchedOffBasis) {
            c.issues.push({
              code: 'custom',
              input: c.value,
              path: ['switchedOffBasis'],
              message:
                'tắt bước xin ý kiến cấp ủy (required: false) thì phải ghi căn cứ pháp lý của việc tắt (khoản 3 Điều 4 Nghị định 73/2023/NĐ-CP yêu cầu bước này)',
            });
          }
        })
        .prefault({}),
      // Art. 8.1 says "more than 50%"; whether of every eligible voter or of the votes cast is unknown.
      voteMajority: z
        .strictObject({
          base: z
            .enum(['eligible', 'cast'], {
              error: 'phải là eligible (tổng số người có quyền biểu quyết) hoặc cast (số người đã biểu quyết)',
            })
            .default('eligible'),
          verified: z.boolean({ error: 'phải là true hoặc false' }).default(false),
          note: text(
            'Chưa xác minh: “trên 50%” tại khoản 1 Điều 8 tính trên tổng số người có quyền biểu quyết hay trên số người đã biểu quyết chưa tìm thấy trong văn bản; mặc định tính trên tổng số người có quyền biểu quyết.',
          ),
        })
        .prefault({}),
      headOwnPlan: z
        .strictObject({
          deadlineWorkingDays: workingDays(7),
          verified: z.boolean({ error: 'phải là true hoặc false' }).default(false),
          note: text(
            'Chưa xác minh: thủ tục và thời hạn xem xét kế hoạch của người đứng đầu (Điều 7.4) chưa tìm thấy trong văn bản; tạm dùng thời hạn 07 ngày làm việc như Điều 8.1.',
          ),
        })
        .prefault({}),
    })
    .prefault({}),

  evaluation: z
    .strictObject({
      completionReportWorkingDays: workingDays(5),
      evaluationWorkingDays: workingDays(7),
    })
    .prefault({}),

  reminders: z
    .strictObject({
      offsetsWorkingDays: z
        .array(
          z
            .number({ error: 'phải là số nguyên' })
            .int({ error: 'phải là số nguyên' })
            .min(0, { error: 'phải ≥ 0' })
            .max(60, { error: 'phải ≤ 60' }),
          {
            error: 'phải là danh sách số ngày làm việc trước hạn',
          },
        )
        .prefault([2, 0])
        .transform((a) => [...new Set(a)].sort((x, y) => y - x)),
    })
    .prefault({}),

  escalation: z
    .strictObject({
      target: z
        .enum(['home_affairs', 'superior_head', 'none'], { error: 'phải là home_affairs, superior_head hoặc none' })
        .default('home_affairs'),
      overdueWorkingDays: z
        .number({ error: 'phải là số nguyên' })
        .int({ error: 'phải là số nguyên' })
        .min(1, { error: 'phải ≥ 1' })
        .max(60, { error: 'phải ≤ 60' })
        .default(1),
    })
    .prefault({}),

  coverage: z
    .strictObject({
      nonManagerRule: z.enum(['allow', 'warn', 'block'], { error: 'phải là allow, warn hoặc block' }).default('warn'),
    })
    .prefault({}),

  directory: z
    .strictObject({
      employingUnitKinds: z
        .array(z.enum(UNIT_KINDS, { error: `phải là một trong: ${UNIT_KINDS.join(', ')}` }), { error: 'phải là danh sách loại đơn vị' })
        .min(1, { error: 'cần ít nhất một loại đơn vị' })
        .prefault(['ubnd_tinh', 'so_nganh', 'ubnd_xa', 'don_vi_su_nghiep'])
        .transform((a) => [...new Set(a)] as UnitKind[]),
    })
    .prefault({}),

  fields: labelledList(
    z.strictObject({ code, label: z.string().trim().min(1, { error: 'không được để trống' }) }),
    DEFAULT_FIELDS,
    'lĩnh vực',
  ),

  recognitionOptions: labelledList(
    z.strictObject({
      code,
      label: z.string().trim().min(1, { error: 'không được để trống' }),
      basis: z.string().trim().min(1, { error: 'không được để trống' }),
      confidence: confidence.default('secondary'),
    }),
    DEFAULT_RECOGNITION_OPTIONS,
    'hình thức ghi nhận',
  ),

  implementation: z
    .strictObject({
      checkInIntervalWorkingDays: workingDays(20, 250),
    })
    .prefault({}),

  annualReport: z
    .strictObject({
      dueDate: dayOfYear.prefault('30/11'),
      unitReminderDates: z.array(dayOfYear, { error: 'phải là danh sách ngày dd/mm' }).prefault(['01/11', '20/11']),
      homeAffairsReminderDate: dayOfYear.prefault('30/11'),
    })
    .prefault({}),

  dashboard: z
    .strictObject({
      // Roles in the Home Affairs unit that see the whole province (an acting head counts as the head).
      provinceRoles: z
        .array(z.enum(OFFICER_ROLES, { error: `phải là một trong: ${OFFICER_ROLES.join(', ')}` }), { error: 'phải là danh sách vai trò' })
        .min(1, { error: 'cần ít nhất một vai trò' })
        .prefault(['head'])
        .transform((a) => [...new Set(a)] as OfficerRole[]),
    })
    .prefault({}),

  campaigns: z
    .strictObject({
      // Working days after sending when an official who has not confirmed gets one reminder (0: none).
      reminderWorkingDays: z
        .number({ error: 'phải là số nguyên' })
        .int({ error: 'phải là số nguyên' })
        .min(0, { error: 'phải ≥ 0' })
        .max(60, { error: 'phải ≤ 60' })
        .default(3),
    })
    .prefault({}),

  calendar: calendarSchema.prefault({}),
});

export type WorkflowConfig = z.output<typeof workflowConfigSchema>;
export type FieldOption = WorkflowConfig['fields'][number];
export type RecognitionOption = WorkflowConfig['recognitionOptions'][number];

// Keeps the calendar section assignable to what the working-day calendar takes.
const _calendarCompatible: (c: WorkflowConfig['calendar']) => CalendarConfig = (c) => c;
void _calendarCompatible;

// ---------------------------------------------------------------------------------------------------
// Errors and loading

export interface WorkflowConfigProblem {
  /** Dotted key, e.g. 'decision.deadlineWorkingDays' or 'calendar.years.2026.extraDaysOff[3]'. */
  key: string;
  message: string;
}

export class WorkflowConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: WorkflowConfigProblem[],
  ) {
    super(
      `Tệp cấu hình quy trình “${file}” không hợp lệ:\n` +
        problems.map((p) => `  - ${p.key ? `khóa “${p.key}”` : 'toàn tệp'}: ${p.message}`).join('\n'),
    );
    this.name = 'WorkflowConfigError';
  }
}

function formatKey(p: readonly PropertyKey[]): string {
  let out = '';
  for (const part of p) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): WorkflowConfigProblem[] {
  const key = formatKey(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        key: formatKey([...issue.path, k]),
        message: 'khóa không được hỗ trợ (kiểm tra chính tả)',
      }));
    case 'invalid_key':
      return [{ key, message: issue.issues[0]?.message ?? 'khóa không hợp lệ' }];
    case 'invalid_union': {
      // Report the branch that went furthest when there is one; otherwise the union's own message.
      const nested = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== 'invalid_type'));
      if (nested) return nested.flatMap((i) => describeIssue({ ...i, path: [...issue.path, ...i.path] }));
      return [{ key, message: issue.message }];
    }
    default:
      return [{ key, message: issue.message }];
  }
}

/** Validates a parsed object; `file` only names the source in the error. */
export function parseWorkflowConfig(input: unknown, file = '(trong bộ nhớ)'): WorkflowConfig {
  const result = workflowConfigSchema.safeParse(input ?? {});
  if (!result.success) throw new WorkflowConfigError(file, result.error.issues.flatMap(describeIssue));
  return result.data;
}

/** The built-in configuration: the facts page's defaults and the shipped calendar. */
export const defaultWorkflowConfig: WorkflowConfig = parseWorkflowConfig({}, '(mặc định)');

/** Which file loadWorkflowConfig reads, and whether it must exist. */
export function resolveWorkflowConfigPath(explicit?: string): { file: string; required: boolean } {
  if (explicit) return { file: path.resolve(explicit), required: true };
  const fromEnv = process.env.WORKFLOW_CONFIG_FILE?.trim();
  if (fromEnv) return { file: path.resolve(fromEnv), required: true };
  return { file: DEFAULT_WORKFLOW_CONFIG_PATH, required: false };
}

/**
 * Reads and validates the workflow configuration (YAML or JSON: JSON is valid YAML). Throws
 * WorkflowConfigError naming the file and the wrong keys.
 */
export function loadWorkflowConfig(file?: string): WorkflowConfig {
  const { file: resolved, required } = resolveWorkflowConfigPath(file);
  if (!existsSync(resolved)) {
    if (required) throw new WorkflowConfigError(resolved, [{ key: '', message: 'không tìm thấy tệp' }]);
    return defaultWorkflowConfig;
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(resolved, 'utf8'));
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? `dòng ${err.linePos[0].line}, cột ${err.linePos[0].col}` : 'không rõ vị trí';
      throw new WorkflowConfigError(resolved, [{ key: '', message: `lỗi cú pháp YAML (${where}): ${err.code}` }]);
    }
    throw new WorkflowConfigError(resolved, [{ key: '', message: `không đọc được tệp: ${(err as Error).message}` }]);
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new WorkflowConfigError(resolved, [{ key: '', message: 'nội dung phải là một bảng khóa: giá trị' }]);
  }
  return parseWorkflowConfig(raw, resolved);
}

/** The field label for a code, or undefined. */
export function fieldLabel(config: WorkflowConfig, fieldCode: string): string | undefined {
  return config.fields.find((f) => f.code === fieldCode)?.label;
}

/** Whether units of this kind employ staff themselves (cơ quan sử dụng cán bộ). */
export function isEmployingUnitKind(config: WorkflowConfig, kind: UnitKind): boolean {
  return config.directory.employingUnitKinds.includes(kind);
}
