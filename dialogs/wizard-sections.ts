// The order of the wizard: every section's steps, one list. The review step and the edit commands
// ("sửa phần a") use the same section ids.
import type { ProposalPlan } from '../entities/proposal.entity.js';
import { foldKey } from '../services/text/vietnamese.js';
import { sectionASection } from './section-a-dialog.js';
import { sectionBContentSection } from './section-b-content-dialog.js';
import { sectionBResourcesSection } from './section-b-resources-dialog.js';
import { sectionBTimelineSection } from './section-b-timeline-dialog.js';
import { sectionCSection } from './section-c-dialog.js';
import { selfCheckSection } from './self-check-dialog.js';
import { titleAndFieldSection } from './title-and-field-dialog.js';
import type { SectionId, StepContext, WizardSection, WizardStep } from './wizard-step.js';

export const WIZARD_SECTIONS: WizardSection[] = [
  titleAndFieldSection,
  sectionASection,
  sectionBContentSection,
  sectionBTimelineSection,
  sectionBResourcesSection,
  sectionCSection,
  selfCheckSection,
];

export const WIZARD_STEPS: WizardStep[] = WIZARD_SECTIONS.flatMap((s) => s.steps);

export function stepById(id: string): WizardStep | undefined {
  return WIZARD_STEPS.find((s) => s.id === id);
}

export function applies(step: WizardStep, plan: ProposalPlan): boolean {
  return step.applies ? step.applies(plan) : true;
}

export function isFilled(step: WizardStep, plan: ProposalPlan, ctx: StepContext): boolean {
  return !applies(step, plan) || step.current(plan, ctx) !== undefined;
}

/** The first empty step after `afterId` (or from the start), wrapping around; undefined when all are filled. */
export function nextEmptyStep(plan: ProposalPlan, ctx: StepContext, afterId?: string): WizardStep | undefined {
  const start = afterId ? WIZARD_STEPS.findIndex((s) => s.id === afterId) + 1 : 0;
  const ordered = [...WIZARD_STEPS.slice(start), ...WIZARD_STEPS.slice(0, start)];
  return ordered.find((s) => !isFilled(s, plan, ctx));
}

/** Counts answered steps (for lists). */
export function progress(plan: ProposalPlan, ctx: StepContext): { filled: number; total: number } {
  const relevant = WIZARD_STEPS.filter((s) => applies(s, plan));
  return { filled: relevant.filter((s) => s.current(plan, ctx) !== undefined).length, total: relevant.length };
}

const SECTION_WORDS: [SectionId, string[]][] = [
  ['title', ['ten', 'ten va linh vuc', 'linh vuc', 'tieu de']],
  ['a', ['a', 'phan a', 'su can thiet', 'can thiet']],
  ['b_content', ['b', 'phan b', 'noi dung', 'pham vi']],
  ['b_timeline', ['thoi gian', 'tien do', 'moc']],
  ['b_resources', ['nguon luc', 'kinh phi', 'kha thi']],
  ['c', ['c', 'phan c', 'tac dong', 'ket qua']],
  ['check', ['tu danh gia', 'dieu kien', 'dieu 5']],
];

/** "sửa phần a", "sửa kinh phí" → the section to edit. */
export function parseSectionWords(text: string): SectionId | undefined {
  const key = foldKey(text)
    .replace(/^(sua|chinh sua)\s+/, '')
    .replace(/^phan\s+(?=[abc]$)/, '')
    .trim();
  for (const [id, words] of SECTION_WORDS) if (words.includes(key)) return id;
  return undefined;
}

/** Words in a decider's comment that point at a section of the plan (folded, whole words). */
const COMMENT_WORDS: [SectionId, string[]][] = [
  ['title', ['ten de xuat', 'ten goi', 'tieu de', 'linh vuc']],
  [
    'a',
    ['phan a', 'muc a', 'su can thiet', 'can thiet', 'muc dich', 'yeu cau', 'diem nghen', 'van ban hien hanh', 'van ban chua quy dinh'],
  ],
  ['b_content', ['phan b', 'muc b', 'noi dung', 'nhiem vu', 'giai phap', 'pham vi', 'nguoi thuc hien', 'doi tuong thuc hien']],
  ['b_timeline', ['thoi gian', 'tien do', 'moc', 'ngay bat dau', 'ngay ket thuc', 'lo trinh']],
  ['b_resources', ['nguon luc', 'kinh phi', 'nguon kinh phi', 'nhan luc', 'trang thiet bi', 'thiet bi', 'kha thi', 'tinh kha thi']],
  ['c', ['phan c', 'muc c', 'tac dong', 'ket qua du kien', 'ket qua']],
  ['check', ['tu danh gia', 'dieu kien', 'dieu 5']],
];

/** The sections a comment names ("Bổ sung nguồn kinh phí" → b_resources), in wizard order; [] when none. */
export function sectionsNamedIn(comment: string): SectionId[] {
  const folded = ` ${foldKey(comment)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  return COMMENT_WORDS.filter(([, words]) => words.some((w) => folded.includes(` ${w} `))).map(([id]) => id);
}

/** The words that name a step ("Kinh phí" → ["kinh phi"]), so "kinh phí là sao" reads as a question about it. */
export function stepWordsOf(stepId: string): string[] {
  const step = stepById(stepId);
  if (!step) return [];
  return [
    foldKey(step.label)
      .replace(/[^a-z0-9 ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    'dieu kien',
  ].filter(Boolean);
}
