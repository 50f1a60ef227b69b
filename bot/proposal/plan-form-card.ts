// The whole plan on one Adaptive Card 1.5 form (Teams): multiline text, dates, a number, choices. It is
// pre-filled from the draft, sent back with Action.Execute 'plan.saveForm', and validated on the server by
// the same step rules as the step-by-step wizard. Errors come back on the returned card, next to the
// field, with what the officer typed kept in place.
import type { Proposal, ProposalPlan } from '../../entities/proposal.entity.js';
import {
  formatMilestones,
  parseConditionParts,
  parseMoney,
  CONDITION_KEYS,
  type ConditionKey,
} from '../../services/proposals/plan-validation.js';
import { ARTICLE_5_CONDITIONS } from '../../services/documents/document-parts.js';
import type { WorkflowConfig } from '../../services/workflow/workflow-config.js';
import { stepById } from '../../dialogs/wizard-sections.js';
import type { StepContext } from '../../dialogs/wizard-step.js';
import { PLAN_VERBS } from './plan-review-card.js';
import { wizard } from '../../services/platform/messages/wizard.js';

type Inputs = Record<string, string>;

interface TextInputSpec {
  id: keyof ProposalPlan;
  label: string;
  multiline?: boolean;
  required?: boolean;
}

const TEXT_INPUTS: { heading?: string; inputs: (TextInputSpec | 'field' | 'dates' | 'funding')[] }[] = [
  { inputs: [{ id: 'title', label: 'Tên đề xuất', required: true }, 'field'] },
  {
    heading: 'a) Sự cần thiết, mục đích, yêu cầu',
    inputs: [
      { id: 'necessity', label: 'Sự cần thiết', multiline: true, required: true },
      { id: 'purpose', label: 'Mục đích', multiline: true },
      { id: 'requirements', label: 'Yêu cầu', multiline: true },
      { id: 'bottleneck', label: 'Điểm nghẽn về cơ chế, chính sách', multiline: true, required: true },
      { id: 'uncoveredDocuments', label: 'Văn bản hiện hành chưa điều chỉnh', multiline: true },
    ],
  },
  {
    heading: 'b) Nội dung, phạm vi, người thực hiện, thời gian, nguồn lực',
    inputs: [
      { id: 'content', label: 'Nội dung, nhiệm vụ, giải pháp', multiline: true, required: true },
      { id: 'scope', label: 'Phạm vi thực hiện', multiline: true, required: true },
      { id: 'implementers', label: 'Người thực hiện', multiline: true, required: true },
      'dates',
      { id: 'milestones', label: 'Các mốc (mỗi dòng “ngày/tháng/năm: việc cần xong”)', multiline: true },
      { id: 'resourcesPeople', label: 'Nhân lực', multiline: true },
      'funding',
      { id: 'fundingSource', label: 'Nguồn kinh phí' },
      { id: 'equipment', label: 'Trang thiết bị', multiline: true },
      { id: 'feasibility', label: 'Tính khả thi', multiline: true, required: true },
    ],
  },
  {
    heading: 'c) Tác động và kết quả dự kiến',
    inputs: [
      { id: 'positiveImpacts', label: 'Tác động tích cực', multiline: true },
      { id: 'negativeImpacts', label: 'Tác động tiêu cực', multiline: true },
      { id: 'expectedResults', label: 'Kết quả dự kiến (nên có số đo được)', multiline: true, required: true },
    ],
  },
];

const SIMPLE_TEXT_KEYS = TEXT_INPUTS.flatMap((g) => g.inputs)
  .filter((i): i is TextInputSpec => typeof i === 'object')
  .map((i) => i.id);

/** The draft's values as the form's input values. */
export function formValues(plan: ProposalPlan): Inputs {
  const v: Inputs = {};
  for (const key of SIMPLE_TEXT_KEYS) {
    if (key === 'milestones') v.milestones = formatMilestones(plan.milestones);
    else v[key] = (plan[key] as string | undefined) ?? '';
  }
  v.field = plan.field ?? '';
  v.startDate = plan.startDate ?? '';
  v.endDate = plan.endDate ?? '';
  v.fundingAmount = plan.fundingAmount ?? '';
  for (const k of CONDITION_KEYS) {
    const c = plan.conditions?.[k];
    v[`${k}Met`] = c ? (c.met ? 'yes' : 'no') : '';
    v[`${k}Reason`] = c?.reason ?? '';
  }
  return v;
}

export interface FormOutcome {
  changes: Partial<ProposalPlan>;
  errors: Record<string, string>;
}

function str(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  if (v === undefined || v === null) return '';
  return String(v).trim();
}

/** Validates a submitted form with the wizard's rules. Valid fields go to `changes`; empty ones clear the slot. */
export function validateForm(data: Record<string, unknown>, plan: ProposalPlan, ctx: StepContext): FormOutcome {
  const changes: Partial<ProposalPlan> = {};
  const errors: Record<string, string> = {};
  const merged: ProposalPlan = { ...plan };
  const apply = (key: string, input: string) => {
    const step = stepById(key)!;
    if (!input) {
      (changes as Record<string, unknown>)[key] = undefined;
      delete (merged as Record<string, unknown>)[key];
      return;
    }
    const r = step.parse(input, merged, ctx);
    if (!r.ok) errors[key] = r.error;
    else {
      Object.assign(changes, r.value);
      Object.assign(merged, r.value);
    }
  };
  for (const key of [
    'title',
    'field',
    'necessity',
    'purpose',
    'requirements',
    'bottleneck',
    'uncoveredDocuments',
    'content',
    'scope',
    'implementers',
    'startDate',
    'endDate',
    'milestones',
    'resourcesPeople',
  ]) {
    apply(key, str(data, key));
  }
  const amount = str(data, 'fundingAmount');
  if (!amount) changes.fundingAmount = undefined;
  else {
    const r = parseMoney(amount);
    if (!r.ok) errors.fundingAmount = r.error;
    else {
      changes.fundingAmount = r.value.toString();
      merged.fundingAmount = changes.fundingAmount;
    }
  }
  if (merged.fundingAmount === '0') changes.fundingSource = str(data, 'fundingSource') || '';
  else apply('fundingSource', str(data, 'fundingSource'));
  for (const key of ['equipment', 'feasibility', 'positiveImpacts', 'negativeImpacts', 'expectedResults']) apply(key, str(data, key));
  const conditions: NonNullable<ProposalPlan['conditions']> = {};
  let anyCondition = false;
  for (const [i, k] of CONDITION_KEYS.entries()) {
    const met = str(data, `${k}Met`);
    const reason = str(data, `${k}Reason`);
    if (!met && !reason) continue;
    if (met !== 'yes' && met !== 'no') {
      errors[`${k}Met`] = `Điều kiện ${i + 1}: anh/chị chọn “Có” hoặc “Không”.`;
      continue;
    }
    const r = parseConditionParts(met === 'yes', reason);
    if (!r.ok) errors[`${k}Reason`] = `Điều kiện ${i + 1}: ${r.error}`;
    else {
      conditions[k as ConditionKey] = r.value;
      anyCondition = true;
    }
  }
  if (anyCondition) changes.conditions = conditions;
  return { changes, errors };
}

export function planFormCard(
  proposal: Proposal,
  config: WorkflowConfig,
  options: { values?: Inputs; errors?: Record<string, string>; notice?: string; missing?: string[] } = {},
): Record<string, unknown> {
  const values = options.values ?? formValues(proposal.plan);
  const errors = options.errors ?? {};
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: wizard.formTitle, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
    { type: 'TextBlock', text: wizard.formIntro, wrap: true, isSubtle: true },
  ];
  if (options.notice) body.push({ type: 'TextBlock', text: options.notice, wrap: true, color: 'Good' });
  const errorList = Object.values(errors);
  if (errorList.length) {
    body.push({ type: 'TextBlock', text: wizard.formErrors, wrap: true, color: 'Attention', weight: 'Bolder' });
    for (const e of errorList) body.push({ type: 'TextBlock', text: `• ${e}`, wrap: true, color: 'Attention', spacing: 'None' });
  }
  if (options.missing?.length) body.push({ type: 'TextBlock', text: wizard.reviewMissing(options.missing), wrap: true, color: 'Warning' });
  const errorBlock = (id: string) =>
    errors[id] ? [{ type: 'TextBlock', text: errors[id], wrap: true, color: 'Attention', size: 'Small', spacing: 'None' }] : [];
  const label = (text: string, required?: boolean) => (required ? `${text} *` : text);

  for (const group of TEXT_INPUTS) {
    if (group.heading)
      body.push({ type: 'TextBlock', text: group.heading, weight: 'Bolder', wrap: true, spacing: 'Large', separator: true });
    for (const input of group.inputs) {
      if (input === 'field') {
        body.push({
          type: 'Input.ChoiceSet',
          id: 'field',
          label: label('Lĩnh vực', true),
          style: 'compact',
          value: values.field ?? '',
          choices: config.fields.map((f) => ({ title: f.label, value: f.code })),
        });
        body.push(...errorBlock('field'));
      } else if (input === 'dates') {
        body.push(
          { type: 'Input.Date', id: 'startDate', label: label('Ngày bắt đầu', true), value: values.startDate ?? '' },
          ...errorBlock('startDate'),
        );
        body.push(
          { type: 'Input.Date', id: 'endDate', label: label('Ngày kết thúc', true), value: values.endDate ?? '' },
          ...errorBlock('endDate'),
        );
      } else if (input === 'funding') {
        body.push(
          {
            type: 'Input.Number',
            id: 'fundingAmount',
            label: label('Kinh phí (đồng; 0 nếu không đề nghị)', true),
            min: 0,
            value: values.fundingAmount === '' ? undefined : Number(values.fundingAmount) || values.fundingAmount,
          },
          ...errorBlock('fundingAmount'),
        );
      } else {
        body.push(
          {
            type: 'Input.Text',
            id: input.id,
            label: label(input.label, input.required),
            isMultiline: input.multiline ?? false,
            value: values[input.id] ?? '',
            maxLength: 8000,
          },
          ...errorBlock(input.id),
        );
      }
    }
  }
  body.push({
    type: 'TextBlock',
    text: 'Tự đánh giá theo Điều 5 (diễn đạt tóm tắt)',
    weight: 'Bolder',
    wrap: true,
    spacing: 'Large',
    separator: true,
  });
  for (const [i, k] of CONDITION_KEYS.entries()) {
    body.push({ type: 'TextBlock', text: `${i + 1}. ${ARTICLE_5_CONDITIONS[i]}`, wrap: true, size: 'Small' });
    body.push({
      type: 'Input.ChoiceSet',
      id: `${k}Met`,
      label: `Điều kiện ${i + 1} *`,
      style: 'expanded',
      value: values[`${k}Met`] ?? '',
      choices: [
        { title: wizard.yes, value: 'yes' },
        { title: wizard.no, value: 'no' },
      ],
    });
    body.push(...errorBlock(`${k}Met`));
    body.push(
      { type: 'Input.Text', id: `${k}Reason`, label: wizard.conditionReason, value: values[`${k}Reason`] ?? '', maxLength: 300 },
      ...errorBlock(`${k}Reason`),
    );
  }
  // Escape nothing here: Input values are shown literally by the client.
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: body.map((b) => (b.type === 'Input.Number' && b.value === undefined ? omit(b, 'value') : b)),
    actions: [
      { type: 'Action.Execute', title: wizard.formSave, verb: PLAN_VERBS.saveForm, data: { proposalId: proposal.id }, style: 'positive' },
    ],
  };
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...rest } = o;
  void _drop;
  return rest;
}

/** The submitted inputs, as strings, to show back what was typed. */
export function typedValues(data: Record<string, unknown>, plan: ProposalPlan): Inputs {
  const base = formValues(plan);
  for (const key of Object.keys(base)) if (key in data) base[key] = str(data, key);
  return base;
}
