// The plan document (.docx, Decree 30 format) of a submitted revision: the frozen plan, the proposer and
// the employing agency found by walking up the unit tree.
import type { DataSource } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { ProposalRevision } from '../../entities/proposal-revision.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { Decision } from '../../entities/decision.entity.js';
import type { AgencyInput } from './document-parts.js';
import { proposalPlanFileName, renderProposalPlanDocx, type ProposalPlanInput } from './proposal-plan-document.js';
import { CONDITION_KEYS } from '../proposals/plan-validation.js';
import { library } from '../platform/messages/library.js';
import { fieldLabel, isEmployingUnitKind, type WorkflowConfig } from '../workflow/workflow-config.js';

/** The agency a plan is issued from: the nearest employing unit above (or at) the proposer's unit. */
export async function agencyOf(dataSource: DataSource, unitId: string, config: WorkflowConfig): Promise<AgencyInput> {
  const units = dataSource.getRepository(Unit);
  let unit = await units.findOneBy({ id: unitId });
  const start = unit;
  for (let depth = 0; unit && depth < 10; depth++) {
    if (isEmployingUnitKind(config, unit.kind)) break;
    unit = unit.parentId ? await units.findOneBy({ id: unit.parentId }) : null;
  }
  const agency = unit ?? start;
  if (!agency) return { name: 'Cơ quan' };
  const parent = agency.parentId ? await units.findOneBy({ id: agency.parentId }) : null;
  return {
    name: agency.name,
    ...(parent ? { superiorAgency: parent.name } : {}),
    ...(/^[A-Z0-9]{2,12}$/.test(agency.code) ? { code: agency.code } : {}),
  };
}

/**
 * Địa danh (Decree 30): the place of the agency. A commune's document names the commune; the province's
 * other agencies write "Lào Cai".
 */
export function placeOf(agencyName: string, kind: string | undefined): string {
  if (kind === 'ubnd_xa') {
    const commune = agencyName.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(xã|phường|thị trấn)\s+/i, '').trim();
    if (commune && commune !== agencyName) return commune;
  }
  return 'Lào Cai';
}

/** Who decides this revision (Art. 7.3–7.4), from its decision: "Giám đốc Sở …", "(qua Sở Nội vụ)" at intake. */
async function addresseeOf(dataSource: DataSource, proposalId: string, revision: number): Promise<string | undefined> {
  const decision = await dataSource.getRepository(Decision).findOne({ where: { proposalId, revision }, order: { createdAt: 'DESC' } });
  if (!decision) return undefined;
  if (decision.stage === 'intake') {
    const chairman = await dataSource.getRepository(Unit).findOneBy({ kind: 'ubnd_tinh', active: true });
    return `Chủ tịch ${chairman?.name ?? 'Ủy ban nhân dân tỉnh'} (qua Sở Nội vụ)`;
  }
  const decider = await dataSource.getRepository(Officer).findOne({ where: { id: decision.deciderId } });
  const unit = await dataSource.getRepository(Unit).findOneBy({ id: decision.unitId });
  if (!decider || !unit) return undefined;
  return decider.positionTitle.toLowerCase().includes(unit.name.toLowerCase())
    ? decider.positionTitle
    : `${decider.positionTitle} ${unit.name}`;
}

export interface PlanFile {
  name: string;
  content: Buffer;
}

/** Renders the submitted revision of a proposal; undefined when it does not exist. */
export async function renderPlanFile(
  dataSource: DataSource,
  proposalId: string,
  revision: number,
  config: WorkflowConfig,
): Promise<PlanFile | undefined> {
  const proposal = await dataSource.getRepository(Proposal).findOneBy({ id: proposalId });
  if (!proposal?.code) return undefined;
  const frozen = await dataSource.getRepository(ProposalRevision).findOneBy({ proposalId, kind: 'submission', revision });
  if (!frozen) return undefined;
  const proposer = await dataSource.getRepository(Officer).findOne({ where: { id: proposal.proposerId }, relations: { unit: true } });
  const plan = frozen.plan;
  const amount = plan.fundingAmount && plan.fundingAmount !== '0' ? Number(plan.fundingAmount) : null;
  const agency = await agencyOf(dataSource, proposal.unitId, config);
  const agencyUnit = await dataSource.getRepository(Unit).findOneBy({ name: agency.name });
  const addressee = await addresseeOf(dataSource, proposalId, revision);
  const input: ProposalPlanInput = {
    code: proposal.code,
    title: plan.title ?? '',
    field: plan.field ? (fieldLabel(config, plan.field) ?? plan.field) : '',
    ...(plan.source ? { source: library.sourceText(plan.source.code, plan.source.title, plan.source.unitName) } : {}),
    proposer: { name: proposer?.fullName ?? '', position: proposer?.positionTitle ?? '', unit: proposer?.unit?.name ?? '' },
    agency,
    issue: { date: proposal.submittedAt ?? new Date(), place: placeOf(agency.name, agencyUnit?.kind) },
    ...(addressee ? { addressee } : {}),
    necessity: {
      necessity: plan.necessity ?? '',
      purpose: plan.purpose || undefined,
      requirements: plan.requirements || undefined,
      bottleneck: plan.bottleneck ?? '',
      uncoveredDocuments: plan.uncoveredDocuments || undefined,
    },
    content: {
      contentAndSolutions: plan.content ?? '',
      scope: plan.scope ?? '',
      implementers: plan.implementers ?? '',
      timeline: {
        start: plan.startDate!,
        end: plan.endDate!,
        milestones: (plan.milestones ?? []).map((m) => ({ date: m.date, task: m.description })),
      },
      resources: {
        people: plan.resourcesPeople || undefined,
        fundingAmount: amount,
        fundingSource: plan.fundingSource || undefined,
        equipment: plan.equipment || undefined,
      },
      feasibility: plan.feasibility ?? '',
    },
    impact: {
      positive: plan.positiveImpacts || undefined,
      negative: plan.negativeImpacts || undefined,
      expectedResults: plan.expectedResults ?? '',
    },
    selfCheck: CONDITION_KEYS.flatMap((k, i) => {
      const c = plan.conditions?.[k];
      return c ? [{ condition: (i + 1) as 1 | 2 | 3 | 4, met: c.met, reason: c.reason }] : [];
    }),
  };
  return { name: proposalPlanFileName(proposal.code), content: await renderProposalPlanDocx(input) };
}
