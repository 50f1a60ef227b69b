// Steps: the name of the proposal and its field (lĩnh vực, from the configurable list).
import { fieldLabel } from '../services/workflow/workflow-config.js';
import { matchField } from '../services/proposals/plan-validation.js';
import { textStep, type WizardSection } from './wizard-step.js';

export const titleAndFieldSection: WizardSection = {
  id: 'title',
  steps: [
    textStep(
      'title',
      'title',
      'Anh/chị đặt tên ngắn gọn cho đề xuất: nói rõ sẽ đổi mới việc gì (từ 10 đến 300 ký tự).',
      'Số hóa hồ sơ cấp giấy phép xây dựng tại Bộ phận một cửa cấp xã',
    ),
    {
      id: 'field',
      section: 'title',
      label: 'Lĩnh vực',
      explain: (ctx) =>
        `Đề xuất thuộc lĩnh vực nào? Gõ số thứ tự hoặc tên lĩnh vực:\n${ctx.config.fields.map((f, i) => `${i + 1}. ${f.label}`).join('\n')}`,
      example: '2 (hoặc “chuyển đổi số”)',
      optional: false,
      current: (plan, ctx) => (plan.field ? (fieldLabel(ctx.config, plan.field) ?? plan.field) : undefined),
      parse(text, _plan, ctx) {
        const r = matchField(text, ctx.config.fields);
        return r.ok ? { ok: true, value: { field: r.value } } : r;
      },
    },
  ],
};
