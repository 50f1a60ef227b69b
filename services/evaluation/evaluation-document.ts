// The evaluation conclusion (.docx, Decree 30 format) of a proposal, built from the recorded evaluation,
// the implementation, the approving decision and the directory
// (services/documents/evaluation-conclusion-document.ts does the wording).
import type { DataSource } from 'typeorm';
import { Evaluation } from '../../entities/evaluation.entity.js';
import { Implementation } from '../../entities/implementation.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { Decision } from '../../entities/decision.entity.js';
import { toLocalDate } from '../calendar/local-date.js';
import { renderEvaluationConclusionDocx, type EvaluationConclusionInput } from '../documents/evaluation-conclusion-document.js';

export interface GeneratedFile {
  name: string;
  content: Buffer;
}

export async function evaluationConclusionInput(ds: DataSource, proposalId: string): Promise<EvaluationConclusionInput | null> {
  const m = ds.manager;
  const proposal = await m.findOne(Proposal, { where: { id: proposalId } });
  const evaluation = await m.findOne(Evaluation, { where: { proposalId, state: 'passed' } });
  const impl = await m.findOne(Implementation, { where: { proposalId } });
  if (!proposal?.code || !evaluation?.tally || !impl) return null;
  const unit = await m.findOneOrFail(Unit, { where: { id: evaluation.unitId } });
  const parent = unit.parentId ? await m.findOne(Unit, { where: { id: unit.parentId } }) : null;
  const chair = await m.findOneOrFail(Officer, { where: { id: evaluation.chairId } });
  const proposer = await m.findOneOrFail(Officer, { where: { id: proposal.proposerId }, relations: { unit: true } });
  const decision = impl.decisionId ? await m.findOne(Decision, { where: { id: impl.decisionId } }) : null;
  const plan = proposal.plan ?? {};
  const chairTitle = chair.positionTitle.toLowerCase().includes(unit.name.toLowerCase())
    ? chair.positionTitle
    : `${chair.positionTitle} ${unit.name}`;
  const t = evaluation.tally;
  return {
    agency: {
      name: unit.name,
      ...(parent ? { superiorAgency: parent.name } : {}),
      ...(/^[A-Z0-9]{2,12}$/.test(unit.code) ? { code: unit.code } : {}),
    },
    issue: { date: evaluation.concludedOn ?? toLocalDate(new Date()) },
    signer: { position: chairTitle, name: chair.fullName },
    proposal: {
      code: proposal.code,
      title: plan.title ?? proposal.title ?? '',
      proposer: { name: proposer.fullName, position: proposer.positionTitle, unit: proposer.unit?.name ?? '' },
      ...(decision?.decidedAt ? { approvedDate: toLocalDate(decision.decidedAt) } : {}),
      ...(plan.startDate ? { start: plan.startDate } : {}),
      ...(plan.endDate ? { end: plan.endDate } : {}),
    },
    ...(impl.completionReportedOn ? { reportDate: impl.completionReportedOn } : {}),
    meeting: {
      voters: t.voters,
      inFavour: t.inFavour,
      against: t.against,
      date: evaluation.concludedOn ?? evaluation.openedOn,
      chairedBy: `${chair.fullName}, ${chairTitle}`,
    },
    outcome: evaluation.outcome,
    results: evaluation.results,
    objectiveCauses: evaluation.objectiveCauses,
    subjectiveCauses: evaluation.subjectiveCauses,
    ...(evaluation.damage ? { damage: evaluation.damage } : {}),
    // Art. 2: recorded at conclusion; an older evaluation falls back to the directory as it stands.
    proposerCovered: evaluation.proposerCovered ?? proposer.isManager,
    ...(evaluation.recognitions?.length ? { recognitions: evaluation.recognitions.map((r) => ({ label: r.label, basis: r.basis })) } : {}),
    ...(evaluation.recognitionNote ? { recommendations: evaluation.recognitionNote } : {}),
  };
}

export async function renderEvaluationFile(ds: DataSource, proposalId: string): Promise<GeneratedFile | null> {
  const input = await evaluationConclusionInput(ds, proposalId);
  if (!input) return null;
  return { name: `ket-luan-danh-gia-${input.proposal.code.replace(/^Đ/, 'D')}.docx`, content: await renderEvaluationConclusionDocx(input) };
}
