// The parts of a plan the headings did not give, asked of the model (services/plan-import/plan-extractor.ts)
// when one is configured. Only the document's text is sent, scrubbed of the directory's names, e-mails and
// phones; each value the model gives passes the wizard's own step rule (checkImport) and is dropped when it
// fails; what stays is marked "bản nháp do máy đề xuất" in the preview for the officer to check. Any failure
// (timeout, error, an answer that is not the JSON asked for) leaves the headings' reading as it was, with a
// note saying so.
import { checkImport } from '../../dialogs/plan-import-check.js';
import type { StepContext } from '../../dialogs/wizard-step.js';
import type { ProposalPlan } from '../../entities/proposal.entity.js';
import { planImport as t } from '../../services/platform/messages/plan-import.js';
import { NOT_EXTRACTED, type PlanExtractor } from '../../services/plan-import/plan-extractor.js';
import type { ImportedFields, ImportKey } from '../../services/plan-import/plan-text-mapper.js';
import { scrubPersonalData } from '../../services/plan-import/plan-text-scrub.js';

export interface MachineReading {
  fields: ImportedFields;
  /** Parts the model gave that passed their step's rule: shown as its draft. */
  suggested: ImportKey[];
  /** What the officer is told about the model's part, if it was asked. */
  note?: string;
  /** The model was asked and gave no usable answer (error, timeout, not the JSON asked for). */
  failed?: true;
}

export interface MachineReadingInput {
  extractor: PlanExtractor;
  text: string;
  fields: ImportedFields;
  ctx: StepContext;
  /** The draft the document is read into ({} for a new one): its answers are not asked again. */
  base: ProposalPlan;
  /** The directory's names, e-mails and phones, to take out of the text sent. */
  known: () => Promise<string[]>;
}

export async function completeWithModel(input: MachineReadingInput): Promise<MachineReading> {
  const { ctx, base } = input;
  const check = checkImport(input.fields, ctx, base);
  const wanted = [...check.missing, ...check.skipped]
    .sort((a, b) => check.order(a) - check.order(b))
    .filter((s) => !NOT_EXTRACTED.has(s.id as ImportKey))
    .map((s) => ({ key: s.id as ImportKey, label: s.label }));
  if (!wanted.length) return { fields: input.fields, suggested: [] };
  const outcome = await input.extractor.extract(scrubPersonalData(input.text, await input.known()), wanted);
  if (!outcome.ok)
    return { fields: input.fields, suggested: [], failed: true, note: outcome.problem === 'failed' ? t.machineFailed : t.machineInvalid };

  // Only parts still missing, each through its step's rule; a value that fails is dropped, not shown.
  const fields: ImportedFields = { ...input.fields };
  const proposed = (Object.keys(outcome.fields) as ImportKey[]).filter((k) => wanted.some((w) => w.key === k));
  for (const key of proposed) fields[key] = outcome.fields[key];
  let dropped = 0;
  for (let round = 0; round < 3; round++) {
    const invalid = checkImport(fields, ctx, base).invalid.filter((i) => proposed.includes(i.step.id as ImportKey));
    if (!invalid.length) break;
    for (const i of invalid) {
      delete fields[i.step.id as ImportKey];
      dropped++;
    }
  }
  const found = new Set(checkImport(fields, ctx, base).found.map((s) => s.id));
  const suggested = proposed.filter((k) => fields[k] !== undefined && found.has(k));
  for (const key of proposed) if (!suggested.includes(key)) delete fields[key];
  return { fields, suggested, note: suggested.length ? t.machineFound(suggested.length, dropped) : t.machineNothing(dropped) };
}
