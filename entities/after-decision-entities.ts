// The entities and migration of the after-decision area (implementation, evaluation, yearly report),
// listed here so entities/index.ts needs one import line.
import { AnnualReport } from './annual-report.entity.js';
import { Evaluation } from './evaluation.entity.js';
import { Implementation } from './implementation.entity.js';
import { ImplementationCheckIn } from './implementation-check-in.entity.js';
import { ImplementationMember } from './implementation-member.entity.js';
import { ImplementationReport } from './implementation-report.entity.js';
export { AfterDecision1764461300000 } from './migrations/1764461300000-after-decision.js';

export const AFTER_DECISION_ENTITIES = [
  Implementation,
  ImplementationMember,
  ImplementationCheckIn,
  ImplementationReport,
  Evaluation,
  AnnualReport,
];

export { AnnualReport, Evaluation, Implementation, ImplementationCheckIn, ImplementationMember, ImplementationReport };
