// The outcome the head proposes to the collective: when it may be proposed and what it must say.
import { EVALUATION_OUTCOMES, type EvaluationOutcome } from '../documents/evaluation-conclusion-document.js';
import type { AfterDecisionRefusal } from '../implementation/after-decision-common.js';

/** Statuses from which the head may propose an outcome (a stopped or paused proposal too: Art. 11.4). */
export const EVALUABLE_STATUSES = ['completion_reported', 'evaluating', 'stopped', 'paused'] as const;

export interface EvaluationDraft {
  outcome: string;
  results: string;
  objectiveCauses?: string;
  subjectiveCauses?: string;
  damage?: string;
}

export function isEvaluationOutcome(x: string): x is EvaluationOutcome {
  return (EVALUATION_OUTCOMES as readonly string[]).includes(x);
}

type CheckedDraft =
  | {
      ok: true;
      draft: { outcome: EvaluationOutcome; results: string; objectiveCauses: string; subjectiveCauses: string; damage: string | null };
    }
  | { ok: false; reason: AfterDecisionRefusal };

/**
 * The outcome must be one of the four; the results are required; for an outcome other than completed,
 * Art. 11.4 asks the agency to name the objective and subjective causes (for "not by the policy" they
 * are the reasons no protection applies), and 11.3 the damage. A stopped or paused proposal
 * (`interrupted`) cannot be found completed.
 */
export function checkDraft(d: EvaluationDraft, interrupted = false): CheckedDraft {
  const outcome = d.outcome?.trim();
  if (!outcome || !isEvaluationOutcome(outcome)) return { ok: false, reason: 'invalid_outcome' };
  if (interrupted && outcome === 'completed') return { ok: false, reason: 'not_completed_when_stopped' };
  const results = d.results?.trim() ?? '';
  if (!results) return { ok: false, reason: 'text_required' };
  const objectiveCauses = d.objectiveCauses?.trim() ?? '';
  const subjectiveCauses = d.subjectiveCauses?.trim() ?? '';
  const damage = d.damage?.trim() || null;
  if (outcome !== 'completed' && (!objectiveCauses || !subjectiveCauses)) return { ok: false, reason: 'causes_required' };
  if (outcome === 'not_completed_with_damage' && !damage) return { ok: false, reason: 'causes_required' };
  return {
    ok: true,
    draft: {
      outcome,
      results: results.slice(0, 20_000),
      objectiveCauses: objectiveCauses.slice(0, 10_000),
      subjectiveCauses: subjectiveCauses.slice(0, 10_000),
      damage: damage?.slice(0, 10_000) ?? null,
    },
  };
}
