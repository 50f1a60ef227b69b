// The workflow configuration: one YAML (or JSON) file (read by workflow-config-file.ts), validated with zod,
// every value defaulting to the rules of ../shared/domain/decree-73-facts.md so the bot starts without the
// file. An invalid file is an error naming the file and each wrong key in Vietnamese
// (workflow-config-errors.ts). Unknown keys are rejected, so a typo cannot silently fall back to a default.
//
// Each key's legal basis and confidence (verified / secondary / unknown) is documented in
// config/workflow.yaml. The building blocks are workflow-config-blocks.ts, the calendar section
// workflow-config-calendar.ts, the labelled lists and their defaults workflow-config-lists.ts.
import { z } from 'zod/v4';
import { UNIT_KINDS, type UnitKind } from '../../entities/unit.entity.js';
import { OFFICER_ROLES, type OfficerRole } from '../../entities/officer.entity.js';
import { code, confidence, dayOfYear, text, workingDays } from './workflow-config-blocks.js';
import { calendarSchema } from './workflow-config-calendar.js';
import { describeIssue, WorkflowConfigError } from './workflow-config-errors.js';
import { DEFAULT_FIELDS, DEFAULT_RECOGNITION_OPTIONS, labelledList } from './workflow-config-lists.js';

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

/** Validates a parsed object; `file` only names the source in the error. */
export function parseWorkflowConfig(input: unknown, file = '(trong bộ nhớ)'): WorkflowConfig {
  const result = workflowConfigSchema.safeParse(input ?? {});
  if (!result.success) throw new WorkflowConfigError(file, result.error.issues.flatMap(describeIssue));
  return result.data;
}

/** The built-in configuration: the facts page's defaults and the shipped calendar. */
export const defaultWorkflowConfig: WorkflowConfig = parseWorkflowConfig({}, '(mặc định)');

/** The field label for a code, or undefined. */
export function fieldLabel(config: WorkflowConfig, fieldCode: string): string | undefined {
  return config.fields.find((f) => f.code === fieldCode)?.label;
}

/** Whether units of this kind employ staff themselves (cơ quan sử dụng cán bộ). */
export function isEmployingUnitKind(config: WorkflowConfig, kind: UnitKind): boolean {
  return config.directory.employingUnitKinds.includes(kind);
}
