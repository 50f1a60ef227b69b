// The head's written decision to proceed although the collective did not pass the plan (Art. 8.1), as a
// Decree 30 .docx, built from the recorded decision, the frozen plan and the directory.
import type { DataSource } from 'typeorm';
import { Decision } from '../../entities/decision.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { ProposalRevision } from '../../entities/proposal-revision.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { renderOverrideDecisionDocx, type OverrideDecisionInput } from '../documents/override-decision-document.js';
import { toLocalDate } from '../calendar/local-date.js';

export interface OverrideFile {
  name: string;
  content: Buffer;
}

export async function overrideDecisionInput(ds: DataSource, proposalId: string): Promise<OverrideDecisionInput | null> {
  const m = ds.manager;
  const proposal = await m.findOne(Proposal, { where: { id: proposalId } });
  const decision = await m.findOne(Decision, { where: { proposalId, outcome: 'approved_by_override' }, order: { createdAt: 'DESC' } });
  if (!proposal?.code || !decision?.tally) return null;
  const head = await m.findOneOrFail(Officer, { where: { id: decision.deciderId } });
  const unit = await m.findOneOrFail(Unit, { where: { id: decision.unitId } });
  const parent = unit.parentId ? await m.findOne(Unit, { where: { id: unit.parentId } }) : null;
  const proposer = await m.findOneOrFail(Officer, { where: { id: proposal.proposerId }, relations: { unit: true } });
  const frozen = await m.findOne(ProposalRevision, { where: { proposalId, kind: 'submission', revision: decision.revision } });
  const plan = frozen?.plan ?? proposal.plan;
  const headTitle = head.positionTitle.toLowerCase().includes(unit.name.toLowerCase())
    ? head.positionTitle
    : `${head.positionTitle} ${unit.name}`;
  const amount = plan.fundingAmount && /^\d+$/.test(plan.fundingAmount) ? Number(plan.fundingAmount) : null;
  return {
    agency: {
      name: unit.name,
      ...(parent ? { superiorAgency: parent.name } : {}),
      ...(/^[A-Z0-9]{2,12}$/.test(unit.code) ? { code: unit.code } : {}),
    },
    issue: { date: toLocalDate(decision.decidedAt ?? new Date()) },
    authority: headTitle,
    headTitle,
    signer: {
      position: headTitle,
      name: head.fullName,
      ...(decision.deciderActing ? { onBehalfOf: `Q. ${headTitle.toUpperCase()}` } : {}),
    },
    proposal: {
      code: proposal.code,
      title: plan.title ?? proposal.title ?? '',
      proposer: { name: proposer.fullName, position: proposer.positionTitle, unit: proposer.unit?.name ?? '' },
      receivedDate: decision.receivedOn,
      ...(plan.startDate ? { start: plan.startDate } : {}),
      ...(plan.endDate ? { end: plan.endDate } : {}),
      fundingAmount: amount,
      ...(plan.fundingSource ? { fundingSource: plan.fundingSource } : {}),
    },
    vote: {
      voters: decision.tally.voters,
      inFavour: decision.tally.inFavour,
      against: decision.tally.against,
      date: toLocalDate(decision.decidedAt ?? new Date()),
      ...(decision.tally.headInFavour === null ? {} : { headInFavour: decision.tally.headInFavour }),
    },
    reasons: decision.comment ?? '',
    implementers: plan.implementers?.trim() || `${proposer.fullName}, ${proposer.positionTitle}`,
  };
}

export async function renderOverrideDecisionFile(ds: DataSource, proposalId: string): Promise<OverrideFile | null> {
  const input = await overrideDecisionInput(ds, proposalId);
  if (!input) return null;
  return { name: `quyet-dinh-${input.proposal.code.replace(/^Đ/, 'D')}.docx`, content: await renderOverrideDecisionDocx(input) };
}
