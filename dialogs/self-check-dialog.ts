// Steps: the self-check against the four conditions of Art. 5, each yes/no with a one-line reason.
import { ARTICLE_5_CONDITIONS } from '../services/documents/document-parts.js';
import { CONDITION_KEYS, parseCondition } from '../services/proposals/plan-validation.js';
import type { WizardSection, WizardStep } from './wizard-step.js';

const EXAMPLES = [
  'Có, vì quy định hiện hành chưa cho phép hồ sơ bản vẽ điện tử.',
  'Có, vì người dân và doanh nghiệp được giảm chi phí, thời gian đi lại.',
  'Có, vì hồ sơ tồn đọng nhiều và không ảnh hưởng an ninh, trật tự.',
  'Có, vì đề xuất ứng dụng công nghệ thông tin trong thủ tục hành chính.',
];

export const selfCheckSection: WizardSection = {
  id: 'check',
  steps: CONDITION_KEYS.map((key, i): WizardStep => ({
    id: key,
    section: 'check',
    label: `Điều kiện ${i + 1}`,
    explain: `Đề xuất có đáp ứng điều kiện sau (Điều 5, diễn đạt tóm tắt)?\n«${ARTICLE_5_CONDITIONS[i]}»\nTrả lời “Có” hoặc “Không”, kèm một dòng lý do.`,
    example: EXAMPLES[i],
    optional: false,
    current: (plan) => {
      const c = plan.conditions?.[key];
      return c ? `${c.met ? 'Có' : 'Không'}, ${c.reason}` : undefined;
    },
    parse(text) {
      const r = parseCondition(text);
      return r.ok ? { ok: true, value: { conditions: { [key]: r.value } } } : r;
    },
  })),
};
