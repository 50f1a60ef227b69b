// Steps of Art. 7.2(b): the timeline (start, end, milestones). Dates are dd/mm/yyyy, not in the past,
// the end after the start, milestones inside the period.
import { formatDateVN } from '../services/calendar/local-date.js';
import { formatMilestones, parseMilestones, validateDate } from '../services/proposals/plan-validation.js';
import type { WizardSection } from './wizard-step.js';

export const sectionBTimelineSection: WizardSection = {
  id: 'b_timeline',
  steps: [
    {
      id: 'startDate',
      section: 'b_timeline',
      label: 'Ngày bắt đầu',
      explain: 'Ngày dự kiến bắt đầu thực hiện, ghi theo dạng ngày/tháng/năm (không trước hôm nay).',
      example: '01/03/2027',
      optional: false,
      current: (plan) => (plan.startDate ? formatDateVN(plan.startDate) : undefined),
      parse(text, _plan, ctx) {
        const r = validateDate(text, 'Ngày bắt đầu', { today: ctx.today });
        return r.ok ? { ok: true, value: { startDate: r.value } } : r;
      },
    },
    {
      id: 'endDate',
      section: 'b_timeline',
      label: 'Ngày kết thúc',
      explain: 'Ngày dự kiến hoàn thành, sau ngày bắt đầu.',
      example: '31/12/2027',
      optional: false,
      current: (plan) => (plan.endDate ? formatDateVN(plan.endDate) : undefined),
      parse(text, plan, ctx) {
        const r = validateDate(text, 'Ngày kết thúc', { today: ctx.today, notBefore: plan.startDate, notBeforeLabel: 'ngày bắt đầu' });
        return r.ok ? { ok: true, value: { endDate: r.value } } : r;
      },
    },
    {
      id: 'milestones',
      section: 'b_timeline',
      label: 'Các mốc thực hiện',
      explain: 'Các mốc chính, mỗi mốc một dòng (hoặc cách nhau bằng dấu chấm phẩy) theo dạng “ngày/tháng/năm: việc cần xong”.',
      example: '30/04/2027: ban hành quy trình; 30/09/2027: kết thúc thí điểm',
      optional: true,
      current: (plan) => (plan.milestones ? formatMilestones(plan.milestones) : undefined),
      parse(text, plan) {
        const r = parseMilestones(text, { start: plan.startDate, end: plan.endDate });
        return r.ok ? { ok: true, value: { milestones: r.value } } : r;
      },
      skip: { milestones: [] },
    },
  ],
};
