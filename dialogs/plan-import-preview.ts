// What a plan read from a document looks like to the officer before anything is stored: each field with
// its value or its problem, then the missing fields numbered, so one reply (a line each) completes them.
import type { BotReply, CardSection } from '../services/platform/reply.js';
import { planImport as t } from '../services/platform/messages/plan-import.js';
import { stepsToAnswer, type ImportCheck } from './plan-import-check.js';
import type { StepContext, WizardStep } from './wizard-step.js';

export const PLAN_IMPORT_VERBS = { confirm: 'planImport.confirm', cancel: 'planImport.cancel' } as const;

const SHOWN_CHARS = 240;

function shorten(text: string): string {
  const one = text.replace(/\s*\n\s*/g, ' · ');
  return one.length > SHOWN_CHARS ? `${one.slice(0, SHOWN_CHARS - 1)}…` : one;
}

function hintOf(step: WizardStep, ctx: StepContext): string {
  if (step.section === 'check') return t.conditionHint;
  if (step.id === 'field') return t.fieldHint(ctx.config.fields.map((f, i) => `${i + 1}. ${f.label}`).join('; '));
  return '';
}

/**
 * The card (each field), then what to answer: two messages, the question last. `suggested`: the parts a
 * model proposed (bot/plan-import/machine-reading.ts), marked as its draft.
 */
export function importPreview(
  check: ImportCheck,
  source: string,
  ctx: StepContext,
  suggested: ReadonlySet<string> = new Set(),
): [BotReply, string] {
  const sections: CardSection[] = [];
  const invalid = new Map(check.invalid.map((i) => [i.step.id, i]));
  const found = new Set(check.found.map((s) => s.id));
  const ordered = [...check.found, ...check.invalid.map((i) => i.step)];
  for (const step of [...new Set(ordered)].sort((a, b) => check.order(a) - check.order(b))) {
    const problem = invalid.get(step.id);
    if (problem) sections.push({ heading: t.invalid(step.label), text: `${problem.error} «${shorten(problem.text)}»` });
    else if (found.has(step.id))
      sections.push({
        heading: suggested.has(step.id) ? t.suggested(step.label) : t.found(step.label),
        text: shorten(step.current(check.plan, ctx) || '—'),
      });
  }
  const toAnswer = stepsToAnswer(check);
  const body = [t.source(source)];
  if (check.skipped.length) body.push(t.skipped(check.skipped.map((s) => s.label).join(', ')));
  const ask = toAnswer.length ? t.askMissing(toAnswer.map((s, i) => t.askLine(i + 1, s.label, hintOf(s, ctx))).join('\n')) : t.complete;
  return [
    {
      card: {
        title: t.title,
        body: [...body, ...check.missing.map((s) => t.missing(s.label)), t.editHint],
        sections,
        actions: [
          { title: t.confirm, verb: PLAN_IMPORT_VERBS.confirm, command: 'đồng ý', style: 'positive' },
          { title: t.cancel, verb: PLAN_IMPORT_VERBS.cancel, command: 'hủy' },
        ],
      },
    },
    ask,
  ];
}
